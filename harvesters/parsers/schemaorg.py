"""schema.org / Bioschemas nodes → our record shapes (used by the JSON-LD parser).

Only what a node states is mapped. schema.org dates carry offsets, not zone
names, so ``timezone`` stays ``None``; a date-only ``endDate`` is already the
inclusive last day; a ``duration`` gives the end only when ``endDate`` is
absent. A ``VirtualLocation`` makes an event online only if the node does not
state its attendance mode itself.
"""

from __future__ import annotations

from datetime import datetime

from ..records import (
    AttendanceMode,
    EventRecord,
    EventStatus,
    JobRecord,
    NewsRecord,
    Target,
    TrainingRecord,
    TrainingSession,
)
from .schemaorg_values import (
    NodeReader,
    Rejected,
    Rejection,
    add_duration,
    as_list,
    local_name,
    text_of,
)
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


class _Mapper(NodeReader):
    """Maps the node types of each target to our record shapes."""

    # -- events --------------------------------------------------------------------------
    def event(self, node: dict, course: dict | None = None) -> EventRecord:
        parent = course or {}
        start = self.when(node, "startDate")
        if start is None:
            raise Rejected("the event has no startDate")
        end = self.when(node, "endDate")
        if end is None:
            end = add_duration(start, text_of(node.get("duration")))
        venue, address, virtual = self.place(node.get("location"))
        mode = _MODE.get(local_name(self.first(node.get("eventAttendanceMode"))))
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
            status=_STATUS.get(local_name(self.first(node.get("eventStatus")))),
            attendance_mode=mode,
            event_type=types[0] if types else "",
            language=self.language(node) or self.language(parent),
            image_url=self.image(node) or self.image(parent),
            updated=self.updated(node),
        )

    def course_events(self, course: dict):
        instances = [self.resolve(i) for i in as_list(course.get("hasCourseInstance"))]
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
            instances = [self.resolve(i) for i in as_list(node.get("hasCourseInstance"))]
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
            duration=text_of(node.get("timeRequired")),
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
        node_id = text_of(node.get("@id"))
        return TrainingSession(
            start=self.when(node, "startDate"),
            end=self.when(node, "endDate"),
            location=venue,
            modes=text_list(node.get("courseMode")),
            url=text_of(self.first(node.get("url"))),
            external_id="" if node_id.startswith("_:") else node_id,
        )

    # -- jobs and news -------------------------------------------------------------------
    def job(self, node: dict) -> JobRecord:
        text, fmt = description(node.get("description"))
        places = []
        for place in as_list(node.get("jobLocation")):
            venue, address, _virtual = self.place(place)
            places.append(join_nonempty([venue, address]))
        if text_of(node.get("jobLocationType")).upper() == "TELECOMMUTE":
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


__all__ = ["map_node", "Rejection", "TYPES_BY_TARGET", "ALL_TYPES", "target_of"]
