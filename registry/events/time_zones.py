"""Time-zone rules of the events calendar.

An event keeps its own IANA zone; timed events are stored as UTC instants and
all-day events as plain dates. Everything that turns a wall-clock reading into
an instant, or lists the zones a visitor may pick, lives here so the admin
form, the services, the pages and the iCal export agree.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError

UTC = dt.UTC

# Zone names kept by tzdata for backward compatibility only ("US/Eastern",
# "Etc/GMT+5", "posixrules"): still accepted, never offered in a list.
_LEGACY_PREFIXES = (
    "Etc/",
    "SystemV/",
    "US/",
    "posix/",
    "right/",
    "Brazil/",
    "Canada/",
    "Chile/",
    "Mexico/",
)
_OFFERED_REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@lru_cache(maxsize=1)
def offered_zones() -> tuple[str, ...]:
    """The canonical region/city zones, sorted, plus UTC: what a visitor picks from."""
    names = sorted(
        name
        for name in known_zones()
        if name.startswith(_OFFERED_REGIONS) and not name.startswith(_LEGACY_PREFIXES)
    )
    return ("UTC", *names)


@lru_cache(maxsize=64)
def zone_options_html(selected: str) -> str:
    """The <option> list of the visitor's zone picker, built once per selected zone.

    About 420 options on every events page: a template loop over them costs
    more than the rest of the page.
    """
    from django.utils.html import format_html, format_html_join

    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<option value="{}"{}>{}</option>',
                    name,
                    " selected" if name == selected else "",
                    name,
                ),
            )
            for name in offered_zones()
        ),
    )


def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in offered_zones()]


def is_known_zone(name: str) -> bool:
    return bool(name) and name in known_zones()


def get_zone(name: str) -> zoneinfo.ZoneInfo:
    """The zone called `name`, or a ValidationError naming it."""
    if not is_known_zone(name):
        raise ValidationError(
            f"“{name}” is not a time zone name of the IANA database (e.g. Europe/Paris)."
        )
    return zoneinfo.ZoneInfo(name)


def site_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def site_zone_name() -> str:
    """The default zone of a new event: the site's own (settings.TIME_ZONE)."""
    return settings.TIME_ZONE


def validate_zone_name(value: str) -> None:
    get_zone(value)


def wall_clock_to_instant(wall_clock: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The instant a clock in `zone` shows `wall_clock` (naive), in UTC.

    A time skipped by a daylight-saving change (02:30 on the spring-forward
    night in Europe) does not exist: it is refused rather than silently moved.
    A repeated time (autumn) is read as its first occurrence.
    """
    if wall_clock.tzinfo is not None:
        raise ValueError("wall_clock must be naive")
    aware = wall_clock.replace(tzinfo=zone, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != wall_clock:
        raise ValidationError(
            f"{wall_clock:%d %B %Y %H:%M} does not exist in {zone.key}: the clocks skip it "
            "at the daylight-saving change."
        )
    return instant


def start_of_day(day: dt.date, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The instant (UTC) at which `day` begins in `zone`."""
    # Midnight exists everywhere Europe's facilities are; a zone whose DST
    # change skips midnight starts the day at the first instant after it.
    aware = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
    return aware.astimezone(UTC)


def month_bounds(year: int, month: int, zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """[first instant of the month, first instant of the next month) in `zone`, in UTC."""
    first = dt.date(year, month, 1)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start_of_day(first, zone), start_of_day(following, zone)
