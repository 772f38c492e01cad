"""The plain record shapes that parsers hand to the rest of the harvest chain.

Place in the flow: fetch → parse → **records** → normalise → upsert. Every
parser returns a `ParseResult` holding records of one of four shapes (events,
training, jobs, news), the items it had to reject and why, and warnings about
the payload as a whole. Records are frozen dataclasses holding only what the
payload said: a field the payload left out stays empty (``""``, ``()`` or
``None``), never a guess. In particular:

* ``start``/``end`` are ``datetime`` (timed) or ``date`` (all-day). A timed
  value is aware when the payload gave a zone or an offset, and *naive* when the
  payload gave a floating local time with no zone at all; the engine decides
  which zone such a time belongs to (typically the facility's) and says so.
* ``end`` is ``None`` when the payload has no end; for all-day events it is
  the *inclusive* last day (iCal's exclusive DTEND is converted).
* ``timezone`` is an IANA name (``Europe/Paris``) only when the payload named
  a zone we could identify; a bare UTC offset leaves it ``None``.
* ``description`` is raw: its ``description_format`` says whether it is plain
  text or HTML. Nothing here is sanitised: `harvesters.sanitise` turns it into
  safe HTML before anything is stored or shown.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Union


class Target(enum.StrEnum):
    """What a harvest source feeds: the kind of record its parser produces."""

    EVENTS = "events"
    TRAINING = "training"
    JOBS = "jobs"
    NEWS = "news"


class TextFormat(enum.StrEnum):
    TEXT = "text"
    HTML = "html"


class EventStatus(enum.StrEnum):
    """Status as the payload stated it (iCal STATUS, schema.org eventStatus)."""

    CONFIRMED = "confirmed"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    RESCHEDULED = "rescheduled"
    MOVED_ONLINE = "moved_online"


class AttendanceMode(enum.StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    MIXED = "mixed"


When = Union[datetime, date]  # noqa: UP007 - readable alias for "timed or all-day"


def _is_all_day(value: When | None) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


@dataclass(frozen=True, kw_only=True)
class EventRecord:
    """One event, or one occurrence of a recurring series."""

    external_id: str  # the item's own key in its source: UID[#occurrence], guid, @id, URL
    title: str
    start: When
    end: When | None = None
    timezone: str | None = None
    url: str = ""
    description: str = ""
    description_format: TextFormat = TextFormat.TEXT
    location: str = ""  # venue / room / "Online", as written
    address: str = ""  # postal address when the payload separates it from the venue
    organizer: str = ""
    categories: tuple[str, ...] = ()
    status: EventStatus | None = None  # None: the payload did not say
    attendance_mode: AttendanceMode | None = None
    event_type: str = ""  # Indico type (conference, meeting, lecture), schema.org type
    series_id: str | None = None  # the series (iCal UID) an occurrence belongs to
    language: str = ""
    image_url: str = ""
    updated: datetime | None = None  # LAST-MODIFIED / dateModified as stated

    @property
    def all_day(self) -> bool:
        return _is_all_day(self.start)

    @property
    def is_floating(self) -> bool:
        """A timed start with no zone or offset at all (local time of somewhere)."""
        return isinstance(self.start, datetime) and self.start.tzinfo is None

    @property
    def cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED


@dataclass(frozen=True, kw_only=True)
class TrainingSession:
    """A dated run of a course (schema.org CourseInstance, a course date in a feed)."""

    start: When | None = None
    end: When | None = None
    timezone: str | None = None
    location: str = ""
    modes: tuple[str, ...] = ()  # courseMode as given: online, onsite, synchronous...
    url: str = ""
    external_id: str = ""


@dataclass(frozen=True, kw_only=True)
class TrainingRecord:
    """A course, training material or learning resource."""

    external_id: str
    title: str
    kind: str  # course, course_instance, training_material, learning_resource, feed_item
    url: str = ""
    description: str = ""
    description_format: TextFormat = TextFormat.TEXT
    abstract: str = ""
    resource_types: tuple[str, ...] = ()  # learningResourceType
    keywords: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    educational_level: str = ""
    prerequisites: tuple[str, ...] = ()
    learning_objectives: tuple[str, ...] = ()
    duration: str = ""  # ISO 8601 duration as given (timeRequired), e.g. PT1H
    licence: str = ""  # as given: an SPDX id or a licence URL; normalised downstream
    language: str = ""
    authors: tuple[str, ...] = ()
    provider: str = ""
    sessions: tuple[TrainingSession, ...] = ()
    published: When | None = None
    updated: When | None = None

    @classmethod
    def from_event(cls, event: EventRecord) -> TrainingRecord:
        """A dated course read from an event format (iCal, Indico) for a training source."""
        return cls(
            external_id=event.external_id,
            title=event.title,
            kind="course",
            url=event.url,
            description=event.description,
            description_format=event.description_format,
            keywords=event.categories,
            language=event.language,
            sessions=(
                TrainingSession(
                    start=event.start,
                    end=event.end,
                    timezone=event.timezone,
                    location=event.location,
                    url=event.url,
                    external_id=event.external_id,
                ),
            ),
            updated=event.updated,
        )


@dataclass(frozen=True, kw_only=True)
class JobRecord:
    """A vacancy (schema.org JobPosting, an item of a jobs feed)."""

    external_id: str
    title: str
    url: str = ""
    description: str = ""
    description_format: TextFormat = TextFormat.TEXT
    employer: str = ""
    location: str = ""
    employment_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    posted: When | None = None
    valid_through: When | None = None


@dataclass(frozen=True, kw_only=True)
class NewsRecord:
    """A news item (feed entry, schema.org NewsArticle/BlogPosting)."""

    external_id: str
    title: str
    url: str = ""
    summary: str = ""
    summary_format: TextFormat = TextFormat.TEXT
    content: str = ""
    content_format: TextFormat = TextFormat.HTML
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    image_url: str = ""
    published: datetime | None = None
    updated: datetime | None = None


Record = Union[EventRecord, TrainingRecord, JobRecord, NewsRecord]  # noqa: UP007


@dataclass(frozen=True)
class RejectedItem:
    """An item the parser could not turn into a record, and why.

    ``identifier`` is whatever identifies the item in the payload (UID, guid,
    @id, URL, or its position such as ``"entry 4"`` when it has nothing else),
    so a curator or a partner can find it.
    """

    reason: str
    identifier: str


@dataclass(frozen=True)
class ParseResult:
    records: tuple[Record, ...] = ()
    rejected: tuple[RejectedItem, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def of(self, record_type: type) -> list:
        """The records of one shape, e.g. ``result.of(EventRecord)``."""
        return [r for r in self.records if isinstance(r, record_type)]

    def by_id(self) -> dict[str, Record]:
        return {r.external_id: r for r in self.records}
