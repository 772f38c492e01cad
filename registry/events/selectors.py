"""Reads of the events calendar, shared by the pages, the feeds and the sections.

Every selector returns events with what a listing shows already fetched
(organising facilities and collaborations), so a page costs the same number
of queries for five events as for five hundred. "Upcoming" compares the
event's end with now: an event leaves the upcoming list the moment it ends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from registry.collaborations.models import Collaboration
from registry.curation.stale import exclude_stale
from registry.facilities.models import Facility

from . import time_zones
from .models import Event

# Calendar subscriptions also carry events that ended recently: a calendar
# app deletes what leaves the feed, and subscribers expect last week's
# workshop to stay in their calendar.
SUBSCRIPTION_KEEPS_PAST = dt.timedelta(days=90)
SECTION_PAST_LIMIT = 10


@dataclass(frozen=True)
class EventFilters:
    facility: Facility | None = None
    collaboration: Collaboration | None = None
    types: tuple[str, ...] = ()
    attendance: tuple[str, ...] = ()
    country: str = ""
    month: tuple[int, int] | None = None  # (year, month), read in `zone`
    hide_stale: bool = False  # leave out events with an open stale flag (registry.curation)
    zone: dt.tzinfo = field(default_factory=time_zones.site_zone)


def live_events() -> QuerySet[Event]:
    return Event.objects.live().public()


def with_listing_data(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.prefetch_related(
        Prefetch(
            "facilities",
            queryset=Facility.objects.order_by("acronym"),
        ),
        Prefetch(
            "collaborations",
            queryset=Collaboration.objects.order_by("title"),
        ),
    )


def apply_filters(events: QuerySet[Event], filters: EventFilters) -> QuerySet[Event]:
    if filters.facility is not None:
        events = events.filter(facilities=filters.facility)
    if filters.collaboration is not None:
        events = events.filter(collaborations=filters.collaboration)
    if filters.types:
        events = events.filter(event_type__in=filters.types)
    if filters.attendance:
        events = events.filter(attendance__in=filters.attendance)
    if filters.country:
        events = events.filter(country=filters.country)
    if filters.month is not None:
        begins, ends = time_zones.month_bounds(*filters.month, filters.zone)
        events = overlapping(events, begins, ends)
    if filters.hide_stale:
        events = exclude_stale(events)
    return events


def overlapping(events: QuerySet[Event], begins: dt.datetime, ends: dt.datetime) -> QuerySet[Event]:
    """Events running at some instant of [begins, ends)."""
    return events.filter(starts_at__lt=ends, ends_at__gt=begins)


def upcoming_events(
    filters: EventFilters | None = None, *, now: dt.datetime | None = None
) -> QuerySet[Event]:
    """Events not yet over (running or to come), soonest first."""
    now = now or timezone.now()
    events = apply_filters(live_events(), filters or EventFilters()).filter(ends_at__gt=now)
    return with_listing_data(events.order_by("starts_at", "ends_at", "pk"))


def past_events(
    filters: EventFilters | None = None, *, now: dt.datetime | None = None
) -> QuerySet[Event]:
    """Events that are over, most recent first."""
    now = now or timezone.now()
    events = apply_filters(live_events(), filters or EventFilters()).filter(ends_at__lte=now)
    return with_listing_data(events.order_by("-starts_at", "-ends_at", "-pk"))


def subscription_events(
    filters: EventFilters | None = None, *, now: dt.datetime | None = None
) -> QuerySet[Event]:
    """What an iCal subscription carries: upcoming events plus those that ended in the last 90 days."""
    now = now or timezone.now()
    events = apply_filters(live_events(), filters or EventFilters())
    events = events.filter(ends_at__gt=now - SUBSCRIPTION_KEEPS_PAST)
    return with_listing_data(events.order_by("starts_at", "pk"))


def events_in_month(year: int, month: int, filters: EventFilters) -> list[Event]:
    """Events that run on some day of the month as read in `filters.zone`.

    All-day events keep their dates in every zone, so the query widens the
    window by the largest UTC offsets (±14 h) and the dates decide.
    """
    first = dt.date(year, month, 1)
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    begins, ends = time_zones.month_bounds(year, month, filters.zone)
    margin = dt.timedelta(hours=14)
    base = apply_filters(live_events(), EventFilters(**{**filters.__dict__, "month": None}))
    candidates = with_listing_data(
        overlapping(base, begins - margin, ends + margin).order_by("starts_at", "pk")
    )
    return [
        event
        for event in candidates
        if (days := event.days(filters.zone)) and days[0] <= last and days[1] >= first
    ]


def neighbour_months(
    year: int, month: int, filters: EventFilters
) -> tuple[dt.date | None, dt.date | None]:
    """The start of the nearest event before and after the month: where "previous/next event" links go."""
    begins, ends = time_zones.month_bounds(year, month, filters.zone)
    base = apply_filters(live_events(), EventFilters(**{**filters.__dict__, "month": None}))
    before = (
        base.filter(starts_at__lt=begins)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    after = (
        base.filter(starts_at__gte=ends)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )

    def as_local_date(instant):
        return instant.astimezone(filters.zone).date() if instant else None

    return as_local_date(before), as_local_date(after)


def event_months(events: QuerySet[Event], zone: dt.tzinfo) -> list[dt.date]:
    """The months (first day of each, read in `zone`) in which the given events start."""
    return [
        moment.date() for moment in events.order_by().datetimes("starts_at", "month", tzinfo=zone)
    ]


def filter_choices() -> dict:
    """What the filter form offers: only facilities, collaborations and countries that have events."""
    events = live_events()
    organising_facilities = Event.facilities.through.objects.filter(event__in=events).values(
        "facility"
    )
    organising_collaborations = Event.collaborations.through.objects.filter(
        event__in=events
    ).values("collaboration")
    return {
        "facilities": Facility.objects.live()
        .filter(pk__in=organising_facilities)
        .order_by("acronym"),
        "collaborations": Collaboration.objects.live()
        .filter(pk__in=organising_collaborations)
        .order_by("title"),
        "countries": events.exclude(country="")
        .order_by()
        .values_list("country", flat=True)
        .distinct(),
    }


def events_for_facility(facility) -> list[Event]:
    """A facility page's section: its upcoming events first, then its ten most recent past ones."""
    filters = EventFilters(facility=facility)
    return [*upcoming_events(filters), *past_events(filters)[:SECTION_PAST_LIMIT]]


def events_for_collaboration(collaboration) -> list[Event]:
    """A collaboration page's "Conferences and workshops": upcoming first, then recent past ones."""
    filters = EventFilters(collaboration=collaboration)
    return [*upcoming_events(filters), *past_events(filters)[:SECTION_PAST_LIMIT]]


def newly_published(limit: int = 30) -> QuerySet[Event]:
    """The RSS/Atom feeds: the events most recently added to the calendar."""
    return with_listing_data(live_events().order_by("-first_published_at", "-pk"))[:limit]


def event_for_source(source_url: str, external_id: str) -> Event | None:
    return Event.objects.filter(source_url=source_url, external_id=external_id).first()
