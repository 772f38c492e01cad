"""The fetcher's limits and identity, read from settings (docs/harvesting-fetch.md)."""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """Time, size and retry bounds of one fetch.

    ``read_timeout`` bounds each wait for data; ``total_timeout`` bounds a
    whole attempt (redirects and body included), so a server dripping one
    byte at a time cannot hold a worker. Retries happen on timeouts and 5xx
    responses only, ``attempts`` times in all, waiting ``backoff`` seconds,
    then twice that, and so on, never more than ``max_backoff``.
    """

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * MEGABYTE
    max_redirects: int = 5
    attempts: int = 3
    backoff: float = 2.0
    max_backoff: float = 30.0

    @classmethod
    def from_settings(cls) -> FetchLimits:
        from django.conf import settings

        defaults = cls()
        return cls(
            connect_timeout=getattr(settings, "HARVEST_CONNECT_TIMEOUT", defaults.connect_timeout),
            read_timeout=getattr(settings, "HARVEST_READ_TIMEOUT", defaults.read_timeout),
            total_timeout=getattr(settings, "HARVEST_TOTAL_TIMEOUT", defaults.total_timeout),
            max_bytes=getattr(settings, "HARVEST_MAX_BYTES", defaults.max_bytes),
            max_redirects=getattr(settings, "HARVEST_MAX_REDIRECTS", defaults.max_redirects),
            attempts=max(1, getattr(settings, "HARVEST_ATTEMPTS", defaults.attempts)),
            backoff=getattr(settings, "HARVEST_BACKOFF_SECONDS", defaults.backoff),
            max_backoff=getattr(settings, "HARVEST_MAX_BACKOFF_SECONDS", defaults.max_backoff),
        )

    def delay_before(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before attempt number `attempt` (2, 3, ...)."""
        delay = self.backoff * 2 ** max(0, attempt - 2)
        if retry_after is not None:
            delay = max(delay, retry_after)
        return min(delay, self.max_backoff)


def user_agent() -> str:
    """The fixed User-Agent naming the site, so partners know who is calling."""
    from django.conf import settings

    site = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"PaN-Registry-Harvester/1.0 (+{site})" if site else "PaN-Registry-Harvester/1.0"
