"""How an event's dates read, in its own zone or the visitor's.

"Tue 1 Dec 2026, 09:00–17:00 CET", "7–13 October 2023",
"Sat 24 Oct 2026, 09:00 CEST – Mon 26 Oct 2026, 17:00 CET": the zone
abbreviation is named at both ends when a daylight-saving change falls
inside the event, so nobody misreads an hour.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.dateformat import format as date_format


@dataclass(frozen=True)
class Reading:
    text: str
    zone_name: str
    start_iso: str
    end_iso: str
    all_day: bool

    @property
    def zone_label(self) -> str:
        return self.zone_name.replace("_", " ")


def zone_abbreviation(moment: dt.datetime) -> str:
    name = moment.tzname() or ""
    if name.isalpha():
        return name
    # Zones without a customary abbreviation report "+07": say "UTC+07".
    return f"UTC{name}" if name and name[0] in "+-" else name


def date_range_text(first: dt.date, last: dt.date) -> str:
    if first == last:
        return date_format(first, "l j F Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{date_format(last, 'j F Y')}"
    if first.year == last.year:
        return f"{date_format(first, 'j F')} – {date_format(last, 'j F Y')}"
    return f"{date_format(first, 'j F Y')} – {date_format(last, 'j F Y')}"


def timed_range_text(start: dt.datetime, end: dt.datetime) -> str:
    start_zone, end_zone = zone_abbreviation(start), zone_abbreviation(end)
    day = date_format(start, "D j M Y")
    if start == end:  # no end stated: one point in time, not a range
        return f"{day}, {start:%H:%M} {start_zone}"
    if start.date() == end.date():
        if start_zone == end_zone:
            return f"{day}, {start:%H:%M}–{end:%H:%M} {end_zone}"
        return f"{day}, {start:%H:%M} {start_zone} – {end:%H:%M} {end_zone}"
    start_text = f"{day}, {start:%H:%M}" + (f" {start_zone}" if start_zone != end_zone else "")
    return f"{start_text} – {date_format(end, 'D j M Y')}, {end:%H:%M} {end_zone}"


def read_event(event, zone=None) -> Reading:
    """The event's dates as read in `zone` (its own zone by default).

    All-day events read the same everywhere: their dates are not moved.
    """
    zone = zone or event.zone
    if event.all_day:
        return Reading(
            text=date_range_text(event.start_date, event.end_date),
            zone_name=event.timezone,
            start_iso=event.start_date.isoformat(),
            end_iso=event.end_date.isoformat(),
            all_day=True,
        )
    start, end = event.local_start(zone), event.local_end(zone)
    return Reading(
        text=timed_range_text(start, end),
        zone_name=zone.key,
        start_iso=start.isoformat(timespec="minutes"),
        end_iso=end.isoformat(timespec="minutes"),
        all_day=False,
    )
