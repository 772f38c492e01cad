"""The engine end to end on an Indico-style iCal calendar served over a real socket."""

from datetime import UTC, date, datetime

import pytest
from werkzeug import Response

from harvesters.engine.run import harvest_source
from harvesters.models import HarvestedItem, HarvestRun
from registry.events.models import Event

from .conftest import fixture_bytes, run_clock

pytestmark = pytest.mark.django_db
SERIES = "indico-event-1002@indico.esrf.fr"
CLOCK = run_clock("2026-10-01T12:00:00")


def serve_calendar(server, payload=None, etag='"v1"'):
    body = payload or fixture_bytes("ical/facility-calendar.ics")
    server.expect_request("/category/12/events.ics").respond_with_response(
        Response(body, content_type="text/calendar", headers={"ETag": etag})
    )
    return server.url_for("/category/12/events.ics")


def event(external_id) -> Event:
    return Event.objects.get(external_id=external_id)


def test_calendar_becomes_published_events_of_the_facility(server, make_source, esrf):
    source = make_source("ical", serve_calendar(server))
    outcome = harvest_source(source.pk, now=CLOCK)
    assert outcome.result == "succeeded", outcome.detail
    meeting = event("indico-event-1001@indico.esrf.fr")
    assert meeting.live and meeting.origin == Event.Origin.HARVEST
    assert meeting.all_day and (meeting.start_date, meeting.end_date) == (
        date(2027, 2, 8),
        date(2027, 2, 10),
    )
    assert meeting.event_type == "user-meeting"
    assert list(meeting.facilities.all()) == [esrf]
    assert {t.name for t in meeting.keywords.all()} == {"User meeting", "Synchrotron"}
    assert "<script" not in meeting.description
    run = HarvestRun.objects.get()
    assert run.status == HarvestRun.Status.SUCCEEDED
    assert run.created == Event.objects.count() == HarvestedItem.objects.count()


def test_weekly_series_is_stored_occurrence_by_occurrence_across_the_dst_change(
    server, make_source
):
    source = make_source("ical", serve_calendar(server))
    harvest_source(source.pk, now=CLOCK)
    before = event(f"{SERIES}#20261015T070000Z")
    after = event(f"{SERIES}#20261029T080000Z")
    assert before.starts_at == datetime(2026, 10, 15, 7, 0, tzinfo=UTC)  # 09:00 summer time
    assert after.starts_at == datetime(2026, 10, 29, 8, 0, tzinfo=UTC)  # 09:00 winter time
    assert before.timezone == after.timezone == "Europe/Paris"
    assert before.local_start().hour == after.local_start().hour == 9
    occurrences = Event.objects.filter(external_id__startswith=f"{SERIES}#")
    assert not occurrences.filter(external_id=f"{SERIES}#20261022T070000Z").exists()  # EXDATE
    moved = event(f"{SERIES}#20261105T080000Z")
    assert moved.starts_at == datetime(2026, 11, 6, 13, 0, tzinfo=UTC)
    assert event(f"{SERIES}#20261112T080000Z").status == Event.Status.CANCELLED


def test_event_without_an_end_ends_when_it_starts(server, make_source):
    source = make_source("ical", serve_calendar(server))
    harvest_source(source.pk, now=CLOCK)
    seminar = event("indico-event-1004@indico.esrf.fr")
    assert seminar.starts_at == seminar.ends_at == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def test_floating_times_are_read_in_the_facility_zone_and_the_page_says_so(server, make_source):
    payload = fixture_bytes("ical/outlook-windows-tz.ics")
    source = make_source("ical", serve_calendar(server, payload))
    harvest_source(source.pk, now=CLOCK)
    coffee = event("floating-20261203@example-outlook-export")
    # 09:30 with no zone at ESRF (France) is 08:30 UTC in December.
    assert coffee.starts_at == datetime(2026, 12, 3, 8, 30, tzinfo=UTC)
    assert coffee.timezone == "Europe/Paris"
    assert "without a time zone" in coffee.description
    assert "the zone of ESRF" in coffee.description
