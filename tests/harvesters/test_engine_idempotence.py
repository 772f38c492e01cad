"""Re-runs: unchanged sources cost one 304; changed, vanished and curator-edited items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from werkzeug import Response

from harvesters.engine.run import harvest_source
from harvesters.models import HarvestedItem, HarvestRun
from registry.events.models import Event
from registry.events.services import event_update

from .conftest import fixture_bytes, run_clock

pytestmark = pytest.mark.django_db
CLOCK = run_clock("2026-10-01T12:00:00")
PATH = "/category/12/events.ics"
MEETING = "indico-event-1001@indico.esrf.fr"
SEMINAR = "indico-event-1004@indico.esrf.fr"


def calendar(replace=(), drop_seminar=False) -> bytes:
    text = fixture_bytes("ical/facility-calendar.ics").decode()
    for old, new in replace:
        assert old in text
        text = text.replace(old, new)
    if drop_seminar:
        start = text.index(f"UID:{SEMINAR}")
        begin = text.rindex("BEGIN:VEVENT", 0, start)
        end = text.index("END:VEVENT", start) + len("END:VEVENT\r\n")
        text = text[:begin] + text[end:]
    return text.encode()


def serve(server, body, etag):
    server.clear()
    server.expect_request(PATH).respond_with_response(
        Response(body, content_type="text/calendar", headers={"ETag": etag})
    )
    return server.url_for(PATH)


def writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_rerun_of_unchanged_source_is_one_304_and_writes_nothing(server, make_source):
    source = make_source("ical", serve(server, calendar(), '"v1"'))
    harvest_source(source.pk, now=CLOCK)
    revisions = {e.pk: e.revisions.count() for e in Event.objects.all()}

    server.clear()
    server.expect_request(PATH, headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304, headers={"ETag": '"v1"'}
    )
    with CaptureQueriesContext(connection) as queries:
        outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.result == "not modified"
    assert len(server.log) == 1
    request, response = server.log[0]
    assert request.headers["If-None-Match"] == '"v1"' and response.status_code == 304
    assert writes(queries.captured_queries) == []
    assert HarvestRun.objects.count() == 1
    assert {e.pk: e.revisions.count() for e in Event.objects.all()} == revisions


def test_same_payload_without_validators_writes_no_item_and_no_revision(server, make_source):
    url = serve(server, calendar(), "")
    source = make_source("ical", url)
    harvest_source(source.pk, now=CLOCK)
    revisions = {e.pk: e.revisions.count() for e in Event.objects.all()}

    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.result == "succeeded"
    assert outcome.counts["created"] == outcome.counts["updated"] == 0
    assert outcome.counts["unchanged"] == len(revisions)
    assert {e.pk: e.revisions.count() for e in Event.objects.all()} == revisions


def test_changed_item_becomes_a_new_revision_of_the_same_page(server, make_source):
    source = make_source("ical", serve(server, calendar(), '"v1"'))
    harvest_source(source.pk, now=CLOCK)
    meeting = Event.objects.get(external_id=MEETING)
    revisions = meeting.revisions.count()

    changed = calendar(
        replace=[
            ("SUMMARY:ESRF User Meeting 2027", "SUMMARY:ESRF User Meeting 2027 (new programme)")
        ]
    )
    serve(server, changed, '"v2"')
    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.counts["updated"] == 1
    meeting.refresh_from_db()
    assert meeting.title == "ESRF User Meeting 2027 (new programme)"
    assert meeting.revisions.count() == revisions + 1
    assert Event.objects.filter(external_id=MEETING).count() == 1
    source.refresh_from_db()
    assert source.etag == '"v2"'


def test_vanished_item_is_marked_not_deleted(server, make_source):
    source = make_source("ical", serve(server, calendar(), '"v1"'))
    harvest_source(source.pk, now=CLOCK)

    serve(server, calendar(drop_seminar=True), '"v2"')
    outcome = harvest_source(source.pk, now=CLOCK)

    assert outcome.counts["vanished"] == 1
    item = HarvestedItem.objects.get(external_id=SEMINAR)
    assert item.vanished_at is not None
    seminar = Event.objects.get(external_id=SEMINAR)  # still there
    assert seminar.live
    assert HarvestedItem.objects.filter(vanished_at__isnull=False).count() == 1


def test_vanished_item_is_said_on_its_page(server, make_source, client):
    source = make_source("ical", serve(server, calendar(), '"v1"'))
    harvest_source(source.pk, now=CLOCK)
    serve(server, calendar(drop_seminar=True), '"v2"')
    harvest_source(source.pk, now=CLOCK)

    page = client.get(Event.objects.get(external_id=SEMINAR).url)

    assert "no longer listed by its source" in page.content.decode()


def test_curator_edit_wins_over_the_next_harvest(server, make_source, client):
    source = make_source("ical", serve(server, calendar(), '"v1"'))
    harvest_source(source.pk, now=CLOCK)
    meeting = Event.objects.get(external_id=MEETING)
    event_update(event=meeting, data={"title": "ESRF User Meeting 2027 (curated title)"})

    changed = calendar(
        replace=[
            ("SUMMARY:ESRF User Meeting 2027", "SUMMARY:ESRF UM 2027"),
            ("LOCATION:", "LOCATION:Room 1\\, "),
        ]
    )
    serve(server, changed, '"v2"')
    harvest_source(source.pk, now=CLOCK)

    meeting.refresh_from_db()
    assert meeting.title == "ESRF User Meeting 2027 (curated title)"  # the curator's
    assert meeting.venue.startswith("Room 1, ")  # the source's change still arrives
    item = HarvestedItem.objects.get(external_id=MEETING)
    assert item.curated_fields == ["title"]
    assert "venue" in item.source_fields and "title" not in item.source_fields
    page = client.get(meeting.url).content.decode()
    assert "From the source" in page
