"""Strict readers for values in API answers: a wrong type is a `MalformedAnswer`, never a guess.

An absent key or a JSON null is "the host did not say" (None); a value of the
wrong type (a count given as text, a date that is not ISO 8601) means the
answer cannot be trusted, and the whole repository is left as stored.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

from .reading import MalformedAnswer

MAX_COUNT = 2**31 - 1  # what the figure columns hold; no real repository comes near it


def parse_json(text: str | bytes, *, what: str):
    try:
        return json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedAnswer(f"{what}: the answer is not JSON ({error}).") from None


def expect_object(value, *, what: str) -> dict:
    if not isinstance(value, dict):
        raise MalformedAnswer(f"{what}: expected a JSON object, got {type(value).__name__}.")
    return value


def expect_list(value, *, what: str) -> list:
    if not isinstance(value, list):
        raise MalformedAnswer(f"{what}: expected a JSON list, got {type(value).__name__}.")
    return value


def count(data: dict, key: str, *, what: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise MalformedAnswer(f"{what}: “{key}” should be a count, got {value!r}.")
    return value


def text(data: dict, key: str, *, what: str, max_length: int = 500) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MalformedAnswer(f"{what}: “{key}” should be text, got {value!r}.")
    return value.strip()[:max_length]


def flag(data: dict, key: str, *, what: str) -> bool | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise MalformedAnswer(f"{what}: “{key}” should be true or false, got {value!r}.")
    return value


def timestamp(data: dict, key: str, *, what: str) -> str | None:
    """An ISO 8601 date-time, returned normalised to UTC ISO text (JSON-storable)."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedAnswer(f"{what}: “{key}” should be a date, got {value!r}.")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise MalformedAnswer(f"{what}: “{key}” is not an ISO 8601 date: {value!r}.") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat()


def web_url(data: dict, key: str, *, what: str) -> str:
    """An http(s) URL to show as a link, or "" (anything else is not shown)."""
    value = text(data, key, what=what, max_length=500)
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else ""


def primary_languages(shares: dict, *, what: str, minimum: float = 0.05, limit: int = 5) -> list:
    """Language names, largest first: those with at least `minimum` of the code, at most `limit`.

    GitHub gives bytes per language, GitLab percentages; both are shares of a
    whole. The largest language is always kept, even in a very mixed project.
    """
    expect_object(shares, what=what)
    sizes = {}
    for name, size in shares.items():
        if isinstance(size, bool) or not isinstance(size, int | float) or size < 0:
            raise MalformedAnswer(f"{what}: the size of {name!r} should be a number, got {size!r}.")
        sizes[str(name)[:60]] = float(size)
    total = sum(sizes.values())
    if not total:
        return []
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    kept = [name for name, size in ranked if size / total >= minimum][:limit]
    return kept or [ranked[0][0]]
