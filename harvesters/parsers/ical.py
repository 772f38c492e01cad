"""iCalendar (RFC 5545) → event records. A pure function of the payload.

Place in the flow: fetch → **parse** → normalise → upsert.

What partners really send, and what we do with it:

* Time zones: TZID parameters resolve through the calendar's VTIMEZONE
  (icalendar also maps Windows names such as "W. Europe Standard Time" and
  vendor-prefixed ids); Google-style ``X-WR-TIMEZONE`` calendars are brought
  into RFC form first (UTC times shown in the calendar's zone, floating times
  placed in it). Floating times with no zone anywhere stay naive and are
  reported in a warning: the payload did not say where they happen.
* All-day events (``VALUE=DATE``) become dates, and the exclusive DTEND the
  RFC prescribes becomes an inclusive last day.
* A missing DTEND stays missing (``end=None``), unless a DURATION gives it or
  the event is all-day (RFC 5545: an all-day DTSTART alone lasts that day).
* Recurring series (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides) are
  expanded by `recurrence` over the `Horizon`, at most
  ``horizon.max_occurrences`` per series (a rule too costly to expand is
  rejected with its reason); each occurrence is keyed
  ``UID#<original start>`` (its RECURRENCE-ID), so a moved occurrence keeps its
  key. A single (non-recurring) event is kept whatever its date: the
  curation rules, not the parser, decide what is too old.
* STATUS:CANCELLED marks the event, or the single cancelled occurrence.
* Each UID is handled on its own: a broken RRULE or date rejects that event
  with a reason while the rest of the calendar still parses.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

import icalendar
import x_wr_timezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..records import (
    EventRecord,
    EventStatus,
    ParseResult,
    Record,
    RejectedItem,
    Target,
    TextFormat,
    TrainingRecord,
    When,
)
from .dates import Horizon, is_iana_zone, zone_name
from .errors import ParseError, UnsupportedTarget
from .recurrence import RuleTooCostly, expand, stamp
from .text import decode, description, plain_text, text_list

TARGETS = (Target.EVENTS, Target.TRAINING)

_STATUS = {
    "CONFIRMED": EventStatus.CONFIRMED,
    "TENTATIVE": EventStatus.TENTATIVE,
    "CANCELLED": EventStatus.CANCELLED,
}
_SERIES_PROPERTIES = ("RRULE", "RDATE", "RECURRENCE-ID")


class _Rejected(Exception):
    """One event cannot be mapped; the message is the reason."""


def parse(
    payload: bytes,
    *,
    source_url: str,
    target: Target | str = Target.EVENTS,
    content_type: str | None = None,
    horizon: Horizon | None = None,
) -> ParseResult:
    """Parse an iCalendar payload into event (or dated training) records."""
    target = Target(target)
    if target not in TARGETS:
        raise UnsupportedTarget(f"An iCalendar feed carries events; it cannot feed {target}.")
    horizon = horizon or Horizon.default()
    text, warnings = decode(payload, content_type)
    calendars = read_calendars(text)

    records: list[Record] = []
    rejected: list[RejectedItem] = []
    floating = 0
    for calendar in calendars:
        calendar = _standardise(calendar, warnings)
        for key, components in _group_by_uid(calendar, rejected).items():
            for component in components:
                warnings.extend(
                    f"{key}: a line could not be read and was skipped ({error})"
                    for _, error in getattr(component, "errors", ())
                )
            try:
                events = list(_events_of(key, components, horizon, warnings))
            except _Rejected as exc:
                rejected.append(RejectedItem(str(exc), key))
                continue
            except (ValueError, TypeError, KeyError, OverflowError) as exc:
                # Malformed RRULE, impossible dates, unknown TZID...: this
                # event only; record the library's words for the partner.
                rejected.append(RejectedItem(f"cannot read this event: {exc}", key))
                continue
            for event in events:
                floating += event.is_floating
                records.append(
                    TrainingRecord.from_event(event) if target is Target.TRAINING else event
                )
    warnings = _summarise_empty_series(warnings)
    if floating:
        warnings.append(
            f"{floating} event(s) use floating local times with no time zone (no TZID, "
            "no 'Z', no X-WR-TIMEZONE); they are kept as floating times."
        )
    return ParseResult(tuple(records), tuple(rejected), tuple(warnings))


_NO_OCCURRENCE = "no occurrence in the harvest window: "


def _summarise_empty_series(warnings: list[str]) -> list[str]:
    """One line for all series with nothing in the window (old Google calendars have many)."""
    empty = [w.removeprefix(_NO_OCCURRENCE) for w in warnings if w.startswith(_NO_OCCURRENCE)]
    if not empty:
        return warnings
    kept = [w for w in warnings if not w.startswith(_NO_OCCURRENCE)]
    shown = ", ".join(empty[:5]) + (f" and {len(empty) - 5} more" if len(empty) > 5 else "")
    kept.append(
        f"{len(empty)} recurring series have no occurrence in the harvest window ({shown})."
    )
    return kept


def read_calendars(text: str) -> list[icalendar.Calendar]:
    """The VCALENDAR objects of a payload, or ParseError saying what it is instead."""
    head = text.lstrip()[:200]
    if not head.upper().startswith("BEGIN:VCALENDAR"):
        raise ParseError(
            "The payload is not iCalendar: it should start with BEGIN:VCALENDAR but starts "
            f"with {head[:60]!r}."
        )
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as exc:
        raise ParseError(f"The iCalendar payload cannot be read: {exc}") from None
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        raise ParseError("The payload holds no VCALENDAR.")
    return calendars


def _standardise(calendar: icalendar.Calendar, warnings: list[str]) -> icalendar.Calendar:
    """Apply X-WR-TIMEZONE the way Google and WordPress calendars mean it."""
    zone = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if not zone:
        return calendar
    if not is_iana_zone(zone):
        warnings.append(f"X-WR-TIMEZONE {zone!r} is not a known time zone; it was ignored.")
        return calendar
    return x_wr_timezone.to_standard(calendar)


def _group_by_uid(
    calendar: icalendar.Calendar, rejected: list[RejectedItem]
) -> OrderedDict[str, list[icalendar.Event]]:
    groups: OrderedDict[str, list[icalendar.Event]] = OrderedDict()
    for position, component in enumerate(calendar.walk("VEVENT"), start=1):
        key = str(component.get("UID", "")).strip() or str(component.get("URL", "")).strip()
        if not key:
            title = plain_text(component.get("SUMMARY")) or "untitled"
            rejected.append(
                RejectedItem(
                    "the event has no UID (nor URL), so a later harvest could not recognise it",
                    f"VEVENT {position} ({title})",
                )
            )
            continue
        groups.setdefault(key, []).append(component)
    return groups


def _events_of(key, components, horizon: Horizon, warnings: list[str]):
    if not any(prop in c for c in components for prop in _SERIES_PROPERTIES):
        component = _latest(components)
        if len(components) > 1:
            warnings.append(
                f"{key}: {len(components)} events share this UID; the one with the highest "
                "SEQUENCE (or last in the file) was kept."
            )
        yield _event(component, external_id=key, series_id=None, source=component)
        return
    yield from _occurrences(key, components, horizon, warnings)


def _latest(components):
    return max(enumerate(components), key=lambda ic: (int(ic[1].get("SEQUENCE", 0) or 0), ic[0]))[1]


def _occurrences(key, components, horizon: Horizon, warnings: list[str]):
    overrides = {stamp(c["RECURRENCE-ID"].dt): c for c in components if "RECURRENCE-ID" in c}
    master = next((c for c in components if "RECURRENCE-ID" not in c), components[0])
    try:
        occurrences = expand(components, horizon)
    except RuleTooCostly as exc:
        raise _Rejected(str(exc)) from None
    if len(occurrences) > horizon.max_occurrences:
        warnings.append(
            f"{key}: the series has more than {horizon.max_occurrences} occurrences in the "
            "harvest window; only the first ones were kept."
        )
        occurrences = occurrences[: horizon.max_occurrences]
    if not occurrences:
        warnings.append(_NO_OCCURRENCE + key)
    for occurrence in occurrences:
        recurrence = occurrence.get("RECURRENCE-ID") or occurrence["DTSTART"]
        key_stamp = stamp(recurrence.dt)
        yield _event(
            occurrence,
            external_id=f"{key}#{key_stamp}",
            series_id=key,
            source=overrides.get(key_stamp, master),
        )


def _event(component, *, external_id: str, series_id: str | None, source) -> EventRecord:
    title = plain_text(component.get("SUMMARY"))
    if not title:
        raise _Rejected("the event has no SUMMARY (title)")
    if "DTSTART" not in component:
        raise _Rejected("the event has no DTSTART (start)")
    start = component["DTSTART"].dt
    end = _end(component, source, start)
    text, text_format = description(component.get("DESCRIPTION"))
    if not text:
        alt = component.get("X-ALT-DESC")
        if alt is not None and "html" in str(alt.params.get("FMTTYPE", "")).lower():
            text, text_format = str(alt).strip(), TextFormat.HTML
    status = _STATUS.get(str(component.get("STATUS", "")).strip().upper())
    updated = component.get("LAST-MODIFIED")
    return EventRecord(
        external_id=external_id,
        title=title,
        start=start,
        end=end,
        timezone=_timezone(component["DTSTART"]),
        url=str(component.get("URL", "")).strip(),
        description=text,
        description_format=text_format,
        location=plain_text(component.get("LOCATION")),
        organizer=_organizer(component.get("ORGANIZER")),
        categories=_categories(component),
        status=status,
        series_id=series_id,
        image_url=_image(component),
        updated=updated.dt if updated is not None and isinstance(updated.dt, datetime) else None,
    )


def _end(component, source, start: When) -> When | None:
    """DTEND, or DTSTART + DURATION; None when the payload gives neither."""
    all_day = not isinstance(start, datetime)
    stated = "DTEND" in source or "DURATION" in source
    if not stated:
        # RFC 5545 §3.6.1: an all-day event with no end lasts that one day.
        return start if all_day else None
    if "DTEND" in component:
        end = component["DTEND"].dt
    else:
        end = start + component["DURATION"].dt
    if all_day:
        if isinstance(end, datetime):
            end = end.date()
        # DTEND of an all-day event is exclusive; our end date is the last day.
        return max(start, end - timedelta(days=1))
    if not isinstance(end, datetime):
        return None  # a date DTEND on a timed event: contradictory, so not stated
    return end


def _timezone(prop) -> str | None:
    value = prop.dt
    if not isinstance(value, datetime) or value.tzinfo is None:
        return None
    name = zone_name(value.tzinfo)
    if name:
        return name
    tzid = str(prop.params.get("TZID", "")).strip().strip("/")
    if tzid in WINDOWS_TO_OLSON:
        return WINDOWS_TO_OLSON[tzid]
    return tzid if is_iana_zone(tzid) else None


def _organizer(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else None
        if value is None:
            return ""
    name = plain_text(getattr(value, "params", {}).get("CN", ""))
    if name:
        return name
    address = str(value).strip()
    return address.removeprefix("mailto:").removeprefix("MAILTO:")


def _categories(component) -> tuple[str, ...]:
    values = component.get("CATEGORIES")
    if values is None:
        return ()
    if not isinstance(values, list):
        values = [values]
    names: list[str] = []
    for value in values:
        names.extend(str(c) for c in getattr(value, "cats", [value]))
    return text_list(names)


def _image(component) -> str:
    image = component.get("IMAGE")
    if image is not None and not isinstance(image, list):
        return str(image).strip()
    attachments = component.get("ATTACH")
    if attachments is None:
        return ""
    for attachment in attachments if isinstance(attachments, list) else [attachments]:
        fmt = str(getattr(attachment, "params", {}).get("FMTTYPE", ""))
        if fmt.startswith("image/") and str(attachment).startswith(("http://", "https://")):
            return str(attachment)
    return ""
