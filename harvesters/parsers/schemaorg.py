"""schema.org / Bioschemas nodes → our record shapes (used by the JSON-LD parser).

Only what a node states is mapped. schema.org dates carry offsets, not zone
names, so ``timezone`` stays ``None``; a date-only ``endDate`` is already the
inclusive last day; a ``duration`` gives the end only when ``endDate`` is
absent. A ``VirtualLocation`` makes an event online only if the node does not
state its attendance mode itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urljoin

from ..records import (
    AttendanceMode,
    EventRecord,
    EventStatus,
    JobRecord,
    NewsRecord,
    Target,
    TrainingRecord,
    TrainingSession,
    When,
)
from .dates import DateFormatError, parse_when
from .text import description, first_text, join_nonempty, plain_text, text_list

EVENT_TYPES = frozenset(
    {
        "Event", "BusinessEvent", "ChildrensEvent", "ComedyEvent", "CourseInstance",
        "DanceEvent", "DeliveryEvent", "EducationEvent", "EventSeries", "ExhibitionEvent",
        "Festival", "FoodEvent", "Hackathon", "LiteraryEvent", "MusicEvent",
        "PublicationEvent", "BroadcastEvent", "OnDemandEvent", "SaleEvent", "ScreeningEvent",
        "SocialEvent", "SportsEvent", "TheaterEvent", "VisualArtsEvent",
    }
)  # fmt: skip
TRAINING_TYPES = frozenset({"Course", "CourseInstance", "TrainingMaterial", "LearningResource"})
JOB_TYPES = frozenset({"JobPosting"})
NEWS_TYPES = frozenset(
    {
        "Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle",
        "TechArticle", "AnalysisNewsArticle", "ReportageNewsArticle", "LiveBlogPosting",
    }
)  # fmt: skip
TYPES_BY_TARGET = {
    Target.EVENTS: EVENT_TYPES | {"Course"},
    Target.TRAINING: TRAINING_TYPES,
    Target.JOBS: JOB_TYPES,
    Target.NEWS: NEWS_TYPES,
}
ALL_TYPES = EVENT_TYPES | TRAINING_TYPES | JOB_TYPES | NEWS_TYPES

_STATUS = {
    "EventScheduled": EventStatus.CONFIRMED,
    "EventCancelled": EventStatus.CANCELLED,
    "EventPostponed": EventStatus.POSTPONED,
    "EventRescheduled": EventStatus.RESCHEDULED,
    "EventMovedOnline": EventStatus.MOVED_ONLINE,
}
_MODE = {
    "OnlineEventAttendanceMode": AttendanceMode.ONLINE,
    "OfflineEventAttendanceMode": AttendanceMode.OFFLINE,
    "MixedEventAttendanceMode": AttendanceMode.MIXED,
}
_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


@dataclass(frozen=True)
class Rejection:
    reason: str
    identifier: str


def target_of(type_name: str) -> str:
    for target, types in TYPES_BY_TARGET.items():
        if type_name in types:
            return str(target)
    return "another target"


def map_node(
    node: dict, *, target: Target, source_url: str, page_describes_only_this: bool, resolve
):
    """The records (or rejections) one schema.org node yields for a target."""
    mapper = _Mapper(source_url, page_describes_only_this, resolve)
    types = set(node.get("@type") or ())
    if target is Target.EVENTS:
        if "Course" in types and "CourseInstance" not in types:
            return list(mapper.course_events(node))
        return [mapper.guard(mapper.event, node)]
    if target is Target.TRAINING:
        return [mapper.guard(mapper.training, node)]
    if target is Target.JOBS:
        return [mapper.guard(mapper.job, node)]
    return [mapper.guard(mapper.news, node)]


class _Rejected(Exception):
    pass


class _Mapper:
    def __init__(self, source_url: str, page_describes_only_this: bool, resolve):
        self.source_url = source_url
        self.single = page_describes_only_this
        self.resolve = resolve

    def guard(self, mapper, node, *args):
        try:
            return mapper(node, *args)
        except _Rejected as exc:
            return Rejection(str(exc), self.label(node))

    def label(self, node: dict) -> str:
        return (
            _text(node.get("@id"))
            or _text(self.first(node.get("url")))
            or first_text(node.get("name"), node.get("headline"))
        )

    # -- shared pieces -------------------------------------------------------------------
    def first(self, value):
        if isinstance(value, list):
            value = next((v for v in value if v not in (None, "", False)), None)
        return self.resolve(value)

    def url(self, node: dict) -> str:
        value = self.first(node.get("url"))
        if isinstance(value, dict):
            value = value.get("url") or value.get("@id")
        text = _text(value)
        if text:
            return urljoin(self.source_url, text)
        page = self.resolve(self.first(node.get("mainEntityOfPage")))
        if isinstance(page, dict):
            page = page.get("url") or page.get("@id")
        if _text(page).startswith(("http://", "https://")):
            return _text(page)
        # An @id such as ".../event-page/#event" names the item on its page.
        node_id = _text(node.get("@id")).split("#", 1)[0]
        if node_id.startswith(("http://", "https://")):
            return node_id
        return self.source_url if self.single else ""

    def key(self, node: dict) -> str:
        node_id = _text(node.get("@id"))
        if node_id and not node_id.startswith("_:"):
            return urljoin(self.source_url, node_id)
        url = _text(self.first(node.get("url")))
        if url:
            return urljoin(self.source_url, url)
        if self.single:
            return self.source_url
        raise _Rejected(
            "the item has neither an @id nor a url, and the page holds several items, so a "
            "later harvest could not recognise it"
        )

    def title(self, node: dict, *fallbacks: dict) -> str:
        for candidate in (node, *fallbacks):
            title = first_text(candidate.get("name"), candidate.get("headline"))
            if title:
                return title
        raise _Rejected("the item has no name")

    def names(self, value) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        return text_list([self.resolve(item) for item in items])

    def when(self, node: dict, key: str) -> When | None:
        value = self.first(node.get(key))
        try:
            return parse_when(value)
        except DateFormatError as exc:
            raise _Rejected(f"{key} {exc}") from None

    def place(self, value) -> tuple[str, str, bool]:
        """(venue, postal address, is_virtual) of a location value."""
        values = value if isinstance(value, list) else [value]
        venues, addresses, virtual = [], [], False
        for item in values:
            item = self.resolve(item)
            if isinstance(item, dict):
                types = set(item.get("@type") or ())
                virtual = virtual or "VirtualLocation" in types
                venues.append(first_text(item.get("name")))
                addresses.append(self.address(item.get("address")))
            else:
                venues.append(plain_text(item))
        return join_nonempty(venues), join_nonempty(addresses, "; "), virtual

    def address(self, value) -> str:
        value = self.resolve(self.first(value))
        if not isinstance(value, dict):
            return plain_text(value)
        locality = join_nonempty(
            [plain_text(value.get("postalCode")), plain_text(value.get("addressLocality"))], " "
        )
        return join_nonempty(
            [
                plain_text(value.get("streetAddress")),
                locality,
                plain_text(value.get("addressRegion")),
                first_text(value.get("addressCountry")),
            ]
        )

    def image(self, node: dict) -> str:
        value = self.first(node.get("image"))
        if isinstance(value, dict):
            value = value.get("url") or value.get("contentUrl")
        text = _text(value)
        return urljoin(self.source_url, text) if text else ""

    def language(self, node: dict) -> str:
        value = self.first(node.get("inLanguage"))
        if isinstance(value, dict):
            return first_text(value.get("alternateName"), value.get("name"))
        return plain_text(value)

    def updated(self, node: dict) -> datetime | None:
        value = self.when(node, "dateModified")
        return value if isinstance(value, datetime) else None

    # -- events --------------------------------------------------------------------------
    def event(self, node: dict, course: dict | None = None) -> EventRecord:
        parent = course or {}
        start = self.when(node, "startDate")
        if start is None:
            raise _Rejected("the event has no startDate")
        end = self.when(node, "endDate")
        if end is None:
            end = _add_duration(start, _text(node.get("duration")))
        venue, address, virtual = self.place(node.get("location"))
        mode = _MODE.get(_local(self.first(node.get("eventAttendanceMode"))))
        if mode is None and virtual:
            mode = AttendanceMode.ONLINE
        text, fmt = description(node.get("description") or parent.get("description"))
        types = [t for t in node.get("@type") or () if t in EVENT_TYPES]
        return EventRecord(
            external_id=self.key(node),
            title=self.title(node, parent),
            start=start,
            end=end,
            url=self.url(node) or self.url(parent),
            description=text,
            description_format=fmt,
            location=venue,
            address=address,
            organizer=join_nonempty(
                self.names(
                    node.get("organizer") or parent.get("provider") or parent.get("organizer")
                )
            ),
            categories=text_list(node.get("keywords") or parent.get("keywords"), split_commas=True),
            status=_STATUS.get(_local(self.first(node.get("eventStatus")))),
            attendance_mode=mode,
            event_type=types[0] if types else "",
            language=self.language(node) or self.language(parent),
            image_url=self.image(node) or self.image(parent),
            updated=self.updated(node),
        )

    def course_events(self, course: dict):
        instances = [self.resolve(i) for i in _as_list(course.get("hasCourseInstance"))]
        instances = [i for i in instances if isinstance(i, dict)]
        if not instances:
            yield Rejection(
                "the Course has no CourseInstance with dates, so it is not an event",
                self.label(course),
            )
            return
        # Instances are keyed on their own; the course's page is not their identity.
        inner = _Mapper(self.source_url, len(instances) == 1, self.resolve)
        for instance in instances:
            yield inner.guard(inner.event, instance, course)

    # -- training ------------------------------------------------------------------------
    def training(self, node: dict) -> TrainingRecord:
        types = set(node.get("@type") or ())
        if "Course" in types:
            kind = "course"
            instances = [self.resolve(i) for i in _as_list(node.get("hasCourseInstance"))]
            sessions = tuple(self.session(i) for i in instances if isinstance(i, dict))
        elif "CourseInstance" in types:
            kind, sessions = "course_instance", (self.session(node),)
        elif "TrainingMaterial" in types:
            kind, sessions = "training_material", ()
        else:
            kind, sessions = "learning_resource", ()
        text, fmt = description(node.get("description"))
        return TrainingRecord(
            external_id=self.key(node),
            title=self.title(node),
            kind=kind,
            url=self.url(node),
            description=text,
            description_format=fmt,
            abstract=plain_text(node.get("abstract")),
            resource_types=text_list(node.get("learningResourceType"), split_commas=True),
            keywords=text_list(node.get("keywords"), split_commas=True),
            audience=self.audience(node.get("audience")),
            educational_level=first_text(node.get("educationalLevel")),
            prerequisites=text_list(
                [node.get("coursePrerequisites"), node.get("competencyRequired")]
            ),
            learning_objectives=text_list(node.get("teaches")),
            duration=_text(node.get("timeRequired")),
            licence=self.licence(node.get("license")),
            language=self.language(node),
            authors=self.names(node.get("author") or node.get("creator")),
            provider=join_nonempty(self.names(node.get("provider"))),
            sessions=sessions,
            published=self.when(node, "datePublished"),
            updated=self.when(node, "dateModified"),
        )

    def session(self, node: dict) -> TrainingSession:
        venue, _address, _virtual = self.place(node.get("location"))
        node_id = _text(node.get("@id"))
        return TrainingSession(
            start=self.when(node, "startDate"),
            end=self.when(node, "endDate"),
            location=venue,
            modes=text_list(node.get("courseMode")),
            url=_text(self.first(node.get("url"))),
            external_id="" if node_id.startswith("_:") else node_id,
        )

    def audience(self, value) -> tuple[str, ...]:
        names = []
        for item in _as_list(value):
            item = self.resolve(item)
            if isinstance(item, dict):
                names.append(
                    item.get("audienceType") or item.get("educationalRole") or item.get("name")
                )
            else:
                names.append(item)
        return text_list(names)

    def licence(self, value) -> str:
        value = self.first(value)
        if isinstance(value, dict):
            value = value.get("url") or value.get("@id") or value.get("name")
        return _text(value)

    # -- jobs and news -------------------------------------------------------------------
    def job(self, node: dict) -> JobRecord:
        text, fmt = description(node.get("description"))
        places = []
        for place in _as_list(node.get("jobLocation")):
            venue, address, _virtual = self.place(place)
            places.append(join_nonempty([venue, address]))
        if _text(node.get("jobLocationType")).upper() == "TELECOMMUTE":
            places.append("telecommute")
        return JobRecord(
            external_id=self.key(node),
            title=first_text(node.get("title")) or self.title(node),
            url=self.url(node),
            description=text,
            description_format=fmt,
            employer=join_nonempty(self.names(node.get("hiringOrganization"))),
            location=join_nonempty(places, "; "),
            employment_types=text_list(node.get("employmentType")),
            categories=text_list([node.get("occupationalCategory"), node.get("industry")]),
            posted=self.when(node, "datePosted"),
            valid_through=self.when(node, "validThrough"),
        )

    def news(self, node: dict) -> NewsRecord:
        summary, summary_format = description(node.get("description"))
        content, content_format = description(node.get("articleBody"))
        published = self.when(node, "datePublished")
        return NewsRecord(
            external_id=self.key(node),
            title=self.title(node),
            url=self.url(node),
            summary=summary,
            summary_format=summary_format,
            content=content,
            content_format=content_format,
            authors=self.names(node.get("author")),
            categories=text_list(node.get("keywords"), split_commas=True),
            image_url=self.image(node),
            published=published if isinstance(published, datetime) else None,
            updated=self.updated(node),
        )


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value) -> str:
    if value is None or value is False or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def _local(value) -> str:
    return re.split(r"[/#:]", _text(value))[-1] if _text(value) else ""


def _add_duration(start: When, duration: str) -> When | None:
    """start + an ISO 8601 duration (PT1H, P2D, P1DT6H); None if absent or unreadable."""
    match = _DURATION.match(duration or "")
    if not duration or not match or not any(match.groupdict().values()):
        return None
    parts = {k: float(v) for k, v in match.groupdict().items() if v}
    delta = timedelta(**parts)
    if not isinstance(start, datetime):
        if delta.seconds or delta.microseconds:
            return None  # a timed duration on a date: no honest end date
        return start + delta - timedelta(days=1) if delta.days else start
    return start + delta


__all__ = ["map_node", "Rejection", "TYPES_BY_TARGET", "ALL_TYPES", "target_of"]
