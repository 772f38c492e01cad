"""Records → the field values of the page or snippet they become.

Place in the flow: fetch → parse → **normalise** → upsert. Pure functions:
one record in, a `Normalised` out (plain field values, keywords, and the
model it is for), no database access beyond what the caller hands over. HTML
is sanitised here with `harvesters.sanitise`, and nothing is invented: a
field the record left empty stays empty (the few required model fields get a
documented default: an event type read from the record's own words, an
event's end equal to its start).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_duration
from django.utils.html import strip_tags

from registry.events import time_zones
from registry.vocabularies.licences import normalise_spdx

from ..records import (
    AttendanceMode,
    EventRecord,
    EventStatus,
    JobRecord,
    NewsRecord,
    TrainingRecord,
)
from ..sanitise import to_safe_html


@dataclass(frozen=True)
class Context:
    """What normalising needs to know about the source."""

    source_url: str
    source_name: str
    zone_name: str  # for floating times
    zone_reason: str  # "the zone of ESRF": said on the page when it was assumed


@dataclass
class Normalised:
    target: str  # events | training | jobs | news
    external_id: str
    fields: dict
    keywords: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        payload = json.dumps(
            {"fields": self.fields, "keywords": self.keywords},
            sort_keys=True,
            default=str,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()


# --- events -------------------------------------------------------------------

# The event types our calendar knows, recognised in the record's own type or title.
TYPE_WORDS = [
    ("hackathon", "hackathon"),
    ("webinar", "webinar"),
    ("school", "school"),
    ("user meeting", "user-meeting"),
    ("users meeting", "user-meeting"),
    ("conference", "conference"),
    ("symposium", "conference"),
    ("course", "course"),
    ("tutorial", "course"),
    ("training", "course"),
    ("lecture", "webinar"),
]
STATUS = {
    EventStatus.CANCELLED: "cancelled",
    EventStatus.POSTPONED: "postponed",
    EventStatus.RESCHEDULED: "postponed",
}
ATTENDANCE = {
    AttendanceMode.ONLINE: "online",
    AttendanceMode.OFFLINE: "onsite",
    AttendanceMode.MIXED: "hybrid",
}


def event_type(record: EventRecord) -> str:
    words = f"{record.event_type} {record.title}".lower()
    for word, kind in TYPE_WORDS:
        if word in words:
            return kind
    return "workshop"  # the calendar's most general kind of meeting


def _aware(value: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    if value.tzinfo is None:
        return time_zones.wall_clock_to_instant(value, zone)
    return value.astimezone(dt.UTC)


def normalise_event(record: EventRecord, context: Context) -> Normalised:
    # The record's own zone when it named one we know (and its times are not
    # floating); otherwise the source's zone (facility's, site's).
    known = bool(record.timezone) and time_zones.is_known_zone(record.timezone)
    zone_name = record.timezone if known and not record.is_floating else context.zone_name
    zone = time_zones.get_zone(zone_name)
    fields: dict = {
        "title": record.title[:255],
        "event_type": event_type(record),
        "status": STATUS.get(record.status, "scheduled"),
        "timezone": zone_name,
        "venue": record.location[:255],
        "website": record.url[:500],
        "attendance": ATTENDANCE.get(record.attendance_mode)
        or ("online" if record.location.strip().lower() in {"online", "virtual"} else "onsite"),
    }
    if record.all_day:
        fields.update(
            all_day=True,
            start_date=record.start,
            end_date=record.end or record.start,
            start=None,
            end=None,
        )
    else:
        start = _aware(record.start, zone)
        end = record.end
        if isinstance(end, dt.datetime):
            end = _aware(end, zone)
        elif isinstance(end, dt.date):  # a timed start with a date end: the end of that day
            end = time_zones.start_of_day(end + dt.timedelta(days=1), zone)
        fields.update(all_day=False, start=start, end=end or start, start_date=None, end_date=None)
    description = to_safe_html(record.description, record.description_format)
    if not record.all_day and record.is_floating:
        # Said on the page: the source gave local times without a zone.
        description += (
            f"<p><em>The source gives this event's times without a time zone; they are read "
            f"in {zone_name} ({context.zone_reason}).</em></p>"
        )
    fields["description"] = description
    return Normalised("events", record.external_id, fields, list(record.categories))


# --- training -----------------------------------------------------------------

MATERIAL_TYPES = {"video": "video", "notebook": "notebook", "slides": "slides"}


def _material_type(record: TrainingRecord) -> str:
    if record.kind in {"course", "course_instance"}:
        return "course"
    for given in record.resource_types:
        for word, kind in MATERIAL_TYPES.items():
            if word in given.lower():
                return kind
    return "tutorial"


def _summary(record: TrainingRecord) -> str:
    text = record.abstract or strip_tags(record.description)
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= 240 else text[:239].rsplit(" ", 1)[0] + "…"


def _licence(given: str) -> str:
    if not given:
        return ""
    try:
        return normalise_spdx(given)
    except ValidationError:
        return ""  # a licence URL or a name we cannot map: left for a curator


def _duration(given: str):
    return parse_duration(given) if given else None


def normalise_training(record: TrainingRecord, context: Context) -> Normalised:
    if not record.url:
        raise ValidationError("A training item needs the address where learners open it.")
    fields = {
        "title": record.title[:255],
        "summary": _summary(record) or record.title[:240],
        "description": to_safe_html(record.description, record.description_format),
        "material_type": _material_type(record),
        "resource_url": record.url[:500],
        "prerequisites": "\n".join(record.prerequisites),
        "learning_objectives": "\n".join(record.learning_objectives),
        "duration": _duration(record.duration),
        "licence": _licence(record.licence),
        "source": "harvested",
        "source_name": context.source_name[:120],
        "external_id": record.external_id[:255],
    }
    if record.language[:2].lower() in {"en", "fr", "de", "it", "es", "sv", "pl"}:
        fields["language"] = record.language[:2].lower()
    return Normalised("training", record.external_id, fields, list(record.keywords))


# --- jobs and news --------------------------------------------------------------


def _date_of(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _instant(value, context: Context) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _aware(value, time_zones.get_zone(context.zone_name))
    return time_zones.start_of_day(value, time_zones.get_zone(context.zone_name))


def normalise_job(record: JobRecord, context: Context) -> Normalised:
    if not record.url:
        raise ValidationError("A job posting needs a link to the full announcement.")
    fields = {
        "title": record.title[:255],
        "url": record.url[:500],
        "summary": to_safe_html(record.description, record.description_format),
        "location": record.location[:160],
        "closing_date": _date_of(record.valid_through),
    }
    posted = _instant(record.posted, context)
    if posted is not None:
        fields["published_at"] = posted
    return Normalised("jobs", record.external_id, fields)


def normalise_news(record: NewsRecord, context: Context) -> Normalised:
    if not record.url:
        raise ValidationError("A news item needs a link to the full story.")
    summary = record.summary or record.content
    fields = {
        "title": record.title[:255],
        "url": record.url[:500],
        "summary": to_safe_html(
            summary, record.summary_format if record.summary else record.content_format
        ),
    }
    published = _instant(record.published or record.updated, context)
    if published is not None:
        fields["published_at"] = published
    return Normalised("news", record.external_id, fields)


def normalise(record, target: str, context: Context) -> Normalised:
    """One record of a source feeding `target` → the values to store; ValidationError if unusable."""
    if target == "training" and isinstance(record, EventRecord):
        record = TrainingRecord.from_event(record)
    handlers = {
        ("events", EventRecord): normalise_event,
        ("training", TrainingRecord): normalise_training,
        ("jobs", JobRecord): normalise_job,
        ("news", NewsRecord): normalise_news,
    }
    handler = handlers.get((target, type(record)))
    if handler is None:
        raise ValidationError(f"A {type(record).__name__} cannot feed {target}.")
    if not record.external_id:
        raise ValidationError("The item has no identifier (UID, GUID or URL).")
    if not record.title.strip():
        raise ValidationError("The item has no title.")
    return handler(record, context)
