"""Indico category exports → event records. A pure function of the payload.

Place in the flow: fetch → **parse** → normalise → upsert.

Most facility workshops live in Indico, which exports a category two ways:

* iCal: ``https://<indico>/category/<id>/events.ics`` (or the legacy
  ``/export/categ/<id>.ics``). Times are UTC; each event's UID is
  ``indico-event-<id>@<host>``. Read by the iCal parser.
* JSON, the HTTP export API: ``https://<indico>/export/categ/<id>.json``.
  ``results[]`` holds one object per event with ``startDate``/``endDate`` as
  ``{date, time, tz}``, the event's own ``timezone``, ``title``, ``url``,
  ``location`` (venue), ``room``/``roomFullname``, ``address``,
  ``description`` (HTML), ``type`` and ``categoryId``.

Both give the same key for the same event (``indico-event-<id>@<host>``), so a
source can move from one export to the other without duplicating events. The
JSON export is preferred: it carries the event's own time zone, the room and
the address separately.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from datetime import date, datetime, time
from urllib.parse import urlparse

from ..records import (
    EventRecord,
    ParseResult,
    Record,
    RejectedItem,
    Target,
    TextFormat,
    TrainingRecord,
)
from . import ical
from .dates import Horizon, is_iana_zone
from .errors import ParseError, UnsupportedTarget
from .text import decode, join_nonempty, plain_text, text_list

TARGETS = (Target.EVENTS, Target.TRAINING)

# Indico's legacy name for a lecture is "simple_event".
_EVENT_TYPES = {"simple_event": "lecture"}
_UID = re.compile(r"^indico-(?P<kind>[a-z-]+?)-\d+@")


class _Rejected(Exception):
    pass


def parse(
    payload: bytes,
    *,
    source_url: str,
    target: Target | str = Target.EVENTS,
    content_type: str | None = None,
    horizon: Horizon | None = None,
) -> ParseResult:
    """Parse an Indico category export, iCal or JSON, into event (or course) records."""
    target = Target(target)
    if target not in TARGETS:
        raise UnsupportedTarget(f"An Indico category carries events; it cannot feed {target}.")
    if _is_json(payload, content_type):
        return _parse_json(payload, source_url=source_url, target=target, content_type=content_type)
    result = ical.parse(
        payload, source_url=source_url, target=target, content_type=content_type, horizon=horizon
    )
    return ParseResult(
        tuple(_typed(record) for record in result.records), result.rejected, result.warnings
    )


def _is_json(payload: bytes, content_type: str | None) -> bool:
    if content_type and "json" in content_type.lower():
        return True
    return payload.lstrip()[:1] in (b"{", b"[")


def _typed(record: Record) -> Record:
    """Contributions and sessions exported from an event keep their Indico kind."""
    match = _UID.match(record.external_id)
    if isinstance(record, EventRecord) and match and match["kind"] != "event":
        return EventRecord(**{**record.__dict__, "event_type": match["kind"]})
    return record


def _parse_json(payload: bytes, *, source_url: str, target: Target, content_type: str | None):
    text, warnings = decode(payload, content_type)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ParseError(f"The Indico export is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or "results" not in data:
        raise ParseError(
            "The JSON is not an Indico export API response (it has no 'results'); use "
            "https://<indico>/export/categ/<id>.json."
        )
    results = data["results"]
    if not isinstance(results, list):
        raise ParseError(
            "The Indico export's 'results' is not a list of events (a timetable export?); use "
            "the category export /export/categ/<id>.json."
        )
    if data.get("complete") is False:
        warnings.append("Indico marked the export incomplete: it holds only part of the category.")
    host = urlparse(source_url).hostname or "indico"
    records: list[Record] = []
    rejected: list[RejectedItem] = []
    for position, item in enumerate(results, start=1):
        label = _label(item, position)
        try:
            event = _event(item, host)
        except _Rejected as exc:
            rejected.append(RejectedItem(str(exc), label))
            continue
        records.append(TrainingRecord.from_event(event) if target is Target.TRAINING else event)
    return ParseResult(tuple(records), tuple(rejected), tuple(warnings))


def _label(item, position: int) -> str:
    if isinstance(item, dict) and item.get("id") not in (None, ""):
        return f"Indico event {item['id']}"
    return f"result {position}"


def _event(item, host: str) -> EventRecord:
    if not isinstance(item, dict):
        raise _Rejected("the result is not an object")
    if item.get("_type", "Conference") != "Conference":
        raise _Rejected(f"the result is a {item.get('_type')}, not an event")
    event_id = str(item.get("id") or "").strip()
    if not event_id:
        raise _Rejected("the event has no id")
    title = plain_text(item.get("title"))
    if not title:
        raise _Rejected("the event has no title")
    start = _moment(item.get("startDate"), "startDate")
    if start is None:
        raise _Rejected("the event has no startDate")
    end = _moment(item.get("endDate"), "endDate")
    zone = str(item.get("timezone") or "").strip()
    if is_iana_zone(zone):
        # Same instant, shown in the event's own zone rather than the export's.
        start = start.astimezone(zoneinfo.ZoneInfo(zone))
        end = end.astimezone(zoneinfo.ZoneInfo(zone)) if end else None
    else:
        zone = str(item["startDate"].get("tz") or "")
    room = plain_text(item.get("roomFullname") or item.get("room"))
    venue = plain_text(item.get("location"))
    description = str(item.get("description") or "").strip()
    event_type = str(item.get("type") or "").strip()
    return EventRecord(
        external_id=f"indico-event-{event_id}@{host}",
        title=title,
        start=start,
        end=end,
        timezone=zone if is_iana_zone(zone) else None,
        url=str(item.get("url") or "").strip(),
        description=description,
        description_format=TextFormat.HTML,
        location=f"{room} ({venue})" if room and venue else join_nonempty([room, venue]),
        address=plain_text(item.get("address")),
        categories=text_list(item.get("keywords")),
        event_type=_EVENT_TYPES.get(event_type, event_type),
    )


def _moment(value, field: str) -> datetime | None:
    """Indico's {date, time, tz} as an aware datetime."""
    if not value:
        return None
    if not isinstance(value, dict):
        raise _Rejected(f"{field} is not Indico's {{date, time, tz}} object")
    zone = str(value.get("tz") or "").strip()
    if not is_iana_zone(zone):
        raise _Rejected(f"{field} has an unknown time zone {zone!r}")
    try:
        day = date.fromisoformat(str(value.get("date")))
        clock = time.fromisoformat(str(value.get("time") or "00:00:00"))
    except ValueError:
        raise _Rejected(
            f"{field} {value.get('date')!r} {value.get('time')!r} is not a valid date and time"
        ) from None
    return datetime.combine(day, clock, tzinfo=zoneinfo.ZoneInfo(zone))
