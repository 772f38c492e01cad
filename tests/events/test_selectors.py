"""Upcoming and past lists, their boundary at "now", and the filters."""

import datetime as dt

import pytest
from django.utils import timezone

from registry.events import selectors
from registry.events.models import Event
from registry.events.selectors import EventFilters

from .conftest import PARIS, TOKYO, UTC, future
from .factories import EventFactory, FacilityFactory

pytestmark = pytest.mark.django_db


def titles(events):
    return [e.title for e in events]


def test_an_event_leaves_the_upcoming_list_the_moment_it_ends(calendar):
    event = EventFactory(
        title="Ends at noon",
        start=dt.datetime(2026, 12, 1, 9, tzinfo=UTC),
        end=dt.datetime(2026, 12, 1, 12, tzinfo=UTC),
    )
    just_before = event.ends_at - dt.timedelta(microseconds=1)
    assert titles(selectors.upcoming_events(now=just_before)) == ["Ends at noon"]
    assert titles(selectors.past_events(now=just_before)) == []
    assert titles(selectors.upcoming_events(now=event.ends_at)) == []
    assert titles(selectors.past_events(now=event.ends_at)) == ["Ends at noon"]


def test_a_running_event_is_still_upcoming(calendar):
    EventFactory(
        title="Running",
        start=timezone.now() - dt.timedelta(hours=1),
        end=timezone.now() + dt.timedelta(hours=1),
    )
    assert titles(selectors.upcoming_events()) == ["Running"]


def test_an_all_day_event_ends_at_midnight_in_its_own_zone(calendar):
    EventFactory(
        title="Tokyo day", all_day=True, start_date=dt.date(2026, 12, 7), timezone="Asia/Tokyo"
    )
    tokyo_midnight = dt.datetime(2026, 12, 8, tzinfo=TOKYO)
    assert titles(selectors.upcoming_events(now=tokyo_midnight - dt.timedelta(seconds=1))) == [
        "Tokyo day"
    ]
    # Still 7 December in Paris, but the day is over where the event is.
    assert titles(selectors.upcoming_events(now=tokyo_midnight)) == []


def test_upcoming_soonest_first_and_past_most_recent_first(calendar):
    for days, title in ((20, "Later"), (5, "Sooner"), (-10, "Recently"), (-40, "Long ago")):
        EventFactory(title=title, start=future(days), end=future(days, hour=17))
    assert titles(selectors.upcoming_events()) == ["Sooner", "Later"]
    assert titles(selectors.past_events()) == ["Recently", "Long ago"]


def test_cancelled_events_stay_listed(calendar):
    EventFactory(title="Cancelled school", status=Event.Status.CANCELLED)
    assert titles(selectors.upcoming_events()) == ["Cancelled school"]


def test_drafts_are_not_listed(calendar):
    EventFactory(title="Draft", publish=False)
    assert titles(selectors.upcoming_events()) == []


def test_filters_by_facility_collaboration_type_country_and_attendance(calendar, esrf, ill, panosc):
    EventFactory(title="ESRF school", facilities=[esrf], event_type="school", country="FR")
    EventFactory(
        title="ILL webinar", facilities=[ill], event_type="webinar", attendance="online", country=""
    )
    EventFactory(
        title="PaNOSC workshop", collaborations=[panosc], country="DE", attendance="hybrid"
    )
    EventFactory(title="Joint course", facilities=[esrf, ill], event_type="course", country="FR")

    def run(**filters):
        return sorted(titles(selectors.upcoming_events(EventFilters(**filters))))

    assert run(facility=esrf) == ["ESRF school", "Joint course"]
    assert run(collaboration=panosc) == ["PaNOSC workshop"]
    assert run(types=("school", "course")) == ["ESRF school", "Joint course"]
    assert run(country="DE") == ["PaNOSC workshop"]
    assert run(attendance=("online", "hybrid")) == ["ILL webinar", "PaNOSC workshop"]
    assert run(facility=ill, types=("course",)) == ["Joint course"]


def test_month_filter_keeps_events_running_in_that_month_as_the_visitor_reads_it(calendar):
    EventFactory(
        title="Spans the new year",
        all_day=True,
        start_date=dt.date(2026, 12, 30),
        end_date=dt.date(2027, 1, 2),
    )
    EventFactory(
        title="Late on 31 January in Paris",
        start=dt.datetime(2027, 1, 31, 23, 30, tzinfo=PARIS),
        end=dt.datetime(2027, 1, 31, 23, 59, tzinfo=PARIS),
    )
    now = dt.datetime(2026, 12, 1, tzinfo=UTC)

    def in_month(year, month, zone):
        return sorted(
            titles(selectors.upcoming_events(EventFilters(month=(year, month), zone=zone), now=now))
        )

    assert in_month(2026, 12, PARIS) == ["Spans the new year"]
    assert in_month(2027, 1, PARIS) == ["Late on 31 January in Paris", "Spans the new year"]
    # Already 1 February in Tokyo.
    assert in_month(2027, 2, TOKYO) == ["Late on 31 January in Paris"]


def test_facility_section_lists_upcoming_first_then_recent_past(calendar, esrf):
    other = FacilityFactory(acronym="OTHER")
    EventFactory(title="Earlier", facilities=[esrf], start=future(-30), end=future(-30, 17))
    EventFactory(title="Next", facilities=[esrf], start=future(3), end=future(3, 17))
    EventFactory(title="Soon", facilities=[esrf], start=future(1), end=future(1, 17))
    EventFactory(title="Elsewhere", facilities=[other])
    assert titles(selectors.events_for_facility(esrf)) == ["Soon", "Next", "Earlier"]


def test_collaboration_section_lists_its_events(calendar, panosc):
    EventFactory(title="PaNOSC webinar", collaborations=[panosc])
    EventFactory(title="Unrelated")
    assert titles(selectors.events_for_collaboration(panosc)) == ["PaNOSC webinar"]


def test_subscriptions_keep_events_that_ended_recently(calendar):
    EventFactory(title="Last week", start=future(-7), end=future(-7, 17))
    EventFactory(title="Last year", start=future(-365), end=future(-365, 17))
    EventFactory(title="Next week", start=future(7), end=future(7, 17))
    assert titles(selectors.subscription_events()) == ["Last week", "Next week"]


def test_filter_choices_offer_only_what_has_events(calendar, esrf, ill):
    EventFactory(facilities=[esrf], country="FR")
    choices = selectors.filter_choices()
    assert list(choices["facilities"]) == [esrf]
    assert list(choices["countries"]) == ["FR"]
