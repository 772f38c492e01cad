"""The shapes shared by the GitHub and GitLab readers: answers, budgets, failures.

A reader asks a host for each resource of one repository, conditionally
(If-None-Match / If-Modified-Since from `Stored`), and returns a `Reading`:
one `Answer` per resource, holding the figures mapped from it (or, on a 304,
the figures stored last time). Nothing here touches the database; `store.py`
decides what to write from the Reading.

Rate limits: every answer's headers feed the host's `Budget`
(X-RateLimit-* on GitHub, RateLimit-* on GitLab). Before each request the
budget is checked: when the remaining calls fall to the reserve, or a
403/429 rate-limit answer arrives, `RateLimited` is raised with the reset
time, the repository is abandoned without writing anything, and the caller
reschedules it (and every other repository of that host) after the reset.
"""

from __future__ import annotations

import email.utils
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

# A rate-limit answer that says neither Retry-After nor a reset time: wait this long.
DEFAULT_RATE_LIMIT_WAIT = timedelta(seconds=60)


class HarvestError(Exception):
    """A repository could not be read; `reason` is one sentence for a person."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class RateLimited(HarvestError):
    def __init__(self, reason: str, *, reset_at: datetime):
        super().__init__(reason)
        self.reset_at = reset_at
        self.requests = 0  # calls made for the abandoned repository, for the summary


class RepositoryNotFound(HarvestError):
    pass


class MalformedAnswer(HarvestError):
    pass


class HostUnavailable(HarvestError):
    """Connection refused, address refused, timeout, 5xx after retries, bad token..."""


@dataclass(frozen=True)
class Stored:
    """What the last run kept for one resource: where, its validators, what it said."""

    url: str
    etag: str = ""
    last_modified: str = ""
    data: dict = field(default_factory=dict)

    def conditional_headers(self, url: str) -> dict[str, str]:
        if url != self.url:  # another branch or project: the old validators do not apply
            return {}
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class Answer:
    """One resource as the host answered this time (or as stored, when it said 304)."""

    name: str
    url: str
    status: int
    data: dict
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def differs_from(self, stored: Stored | None) -> bool:
        if self.not_modified:
            return False
        if stored is None:
            return True
        return (self.url, self.etag, self.last_modified, self.data) != (
            stored.url,
            stored.etag,
            stored.last_modified,
            stored.data,
        )


@dataclass
class Reading:
    """Every answer about one repository, in the order asked."""

    answers: dict[str, Answer] = field(default_factory=dict)
    requests: int = 0  # HTTP requests sent
    not_modified: int = 0  # of which answered 304 Not Modified
    notes: list[str] = field(default_factory=list)

    def add(self, answer: Answer) -> Answer:
        self.answers[answer.name] = answer
        return answer

    def data(self, name: str) -> dict:
        answer = self.answers.get(name)
        return answer.data if answer is not None else {}


def lower_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {str(key).lower(): str(value) for key, value in (headers or {}).items()}


def _epoch(value: str | None) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(float(value)), UTC) if value else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def retry_after(value: str | None, *, now: datetime) -> datetime | None:
    """Retry-After as seconds or as an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return now + timedelta(seconds=int(value))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


class Budget:
    """A host's remaining API calls, as its last answer told them (thread-safe)."""

    def __init__(self, host: str, *, reserve: int, now=None):
        self.host = host
        self.reserve = reserve
        self.remaining: int | None = None
        self.limit: int | None = None
        self.reset_at: datetime | None = None
        self._now = now or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()

    def observe(self, headers: Mapping[str, str]) -> None:
        """Read X-RateLimit-* (GitHub) or RateLimit-* (GitLab) from any answer."""
        headers = lower_headers(headers)
        remaining = headers.get("x-ratelimit-remaining", headers.get("ratelimit-remaining"))
        limit = headers.get("x-ratelimit-limit", headers.get("ratelimit-limit"))
        reset = _epoch(headers.get("x-ratelimit-reset", headers.get("ratelimit-reset")))
        with self._lock:
            if remaining is not None and remaining.strip().lstrip("-").isdigit():
                self.remaining = int(remaining)
            if limit is not None and limit.strip().isdigit():
                self.limit = int(limit)
            if reset is not None:
                self.reset_at = reset

    def before_request(self) -> None:
        """Raise RateLimited instead of spending the reserve (or calling a spent budget)."""
        with self._lock:
            if self.remaining is None or self.remaining > self.reserve:
                return
            reset_at = self.reset_at or self._now() + DEFAULT_RATE_LIMIT_WAIT
            if reset_at <= self._now():  # the window has reset since we looked
                self.remaining = None
                return
        raise RateLimited(
            f"{self.host}: {self.remaining} API calls left (reserve {self.reserve}); "
            f"stopping until the budget resets.",
            reset_at=reset_at,
        )

    def rate_limit_answer(
        self, status: int, headers: Mapping[str, str], message: str = ""
    ) -> RateLimited | None:
        """The RateLimited to raise if this answer is a rate-limit refusal, else None."""
        headers = lower_headers(headers)
        message = (message or "").strip()
        limited = status == 429 or (
            status == 403
            and (
                headers.get("x-ratelimit-remaining", headers.get("ratelimit-remaining")) == "0"
                or "retry-after" in headers
                or "rate limit" in message.lower()
            )
        )
        if not limited:
            return None
        now = self._now()
        reset_at = (
            retry_after(headers.get("retry-after"), now=now)
            or _epoch(headers.get("x-ratelimit-reset", headers.get("ratelimit-reset")))
            or (self.reset_at if self.reset_at and self.reset_at > now else None)
            or now + DEFAULT_RATE_LIMIT_WAIT
        )
        with self._lock:
            self.remaining = 0
            self.reset_at = max(reset_at, now)
        detail = f": {message}" if message else ""
        return RateLimited(
            f"{self.host} refused the call with HTTP {status} (rate limit){detail}",
            reset_at=max(reset_at, now),
        )
