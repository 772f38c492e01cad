"""Dates and time zones as partners write them, read without guessing.

`parse_when` reads the ISO 8601 forms schema.org and the RSS event module use
(``2025-12-04T19:30+01:00``, ``2023-03-23T15:00:00Z``, ``2025-09-03``,
``2023-03-20T00:00:00``) and keeps what was said: a date stays a date, an
offset stays an offset, a time without zone stays naive (floating). Nothing
is shifted to a zone the payload did not name.

`Horizon` bounds the expansion of recurring series; it is a parameter of the
parsers (not "now" read inside them) so that a parse is reproducible.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from ..records import When

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COMPACT_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")  # +0100 → +01:00


class DateFormatError(ValueError):
    """A date value we cannot read; the message quotes it."""


def parse_when(value: object) -> When | None:
    """An ISO 8601 date or date-time as a `date`/`datetime`; None when empty.

    Raises DateFormatError for a non-empty value that is not ISO 8601, so the
    caller can reject the item with the value quoted.
    """
    if value is None or value is False:
        return None
    if isinstance(value, datetime | date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if _DATE_ONLY.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise DateFormatError(f"{text!r} is not a valid date") from exc
    candidate = _COMPACT_OFFSET.sub(r"\1:\2", text) if "T" in text else text
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError as exc:
        raise DateFormatError(f"{text!r} is not an ISO 8601 date or date-time") from exc
    return parsed


def zone_name(tz: tzinfo | None) -> str | None:
    """The IANA name of a tzinfo when it is a real zone (not a bare offset)."""
    if tz is None:
        return None
    key = getattr(tz, "key", None) or getattr(tz, "zone", None)  # zoneinfo / pytz
    if key and is_iana_zone(key):
        return key
    return None


def is_iana_zone(name: str | None) -> bool:
    if not name:
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class Horizon:
    """The window in which recurring series are expanded: [start, end)."""

    start: datetime
    end: datetime
    max_occurrences: int = 500  # per series: a FREQ=SECONDLY rule must not run away

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("Horizon bounds must be timezone-aware")
        if self.end <= self.start:
            raise ValueError("Horizon end must be after its start")

    @classmethod
    def around(cls, now: datetime, *, past_days: int = 30, future_days: int = 365) -> Horizon:
        """The default window: a month back (recent occurrences stay listed), a year ahead."""
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return cls(start=now - timedelta(days=past_days), end=now + timedelta(days=future_days))

    @classmethod
    def default(cls) -> Horizon:
        return cls.around(datetime.now(UTC))
