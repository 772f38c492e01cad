"""Bad sources through the engine: each failure is recorded with its reason, stored data intact."""

import time

import pytest
from werkzeug import Response

from harvesters.engine.locks import source_lock
from harvesters.engine.run import harvest_source
from harvesters.fetch import FetchLimits
from harvesters.models import HarvestRun, RejectedItem
from registry.events.models import Event

from .conftest import fixture_bytes, run_clock

pytestmark = pytest.mark.django_db
CLOCK = run_clock("2026-10-01T12:00:00")
FAST = FetchLimits(
    connect_timeout=1.0,
    read_timeout=0.5,
    total_timeout=3.0,
    max_bytes=10 * 1024 * 1024,
    attempts=2,
    backoff=0.01,
    max_backoff=0.02,
)


def harvested_once(
    server, make_source, kind="ical", path="/c.ics", fixture="ical/facility-calendar.ics"
):
    server.expect_ordered_request(path).respond_with_data(
        fixture_bytes(fixture), content_type="text/calendar"
    )
    source = make_source(kind, server.url_for(path))
    assert harvest_source(source.pk, now=CLOCK, limits=FAST).result == "succeeded"
    return source


def snapshot():
    return sorted(Event.objects.values_list("external_id", "title", "starts_at", "live"))


def test_malformed_payload_fails_the_run_with_its_reason_and_keeps_stored_events(
    server, make_source
):
    source = harvested_once(server, make_source)
    before = snapshot()
    server.expect_ordered_request("/c.ics").respond_with_data(
        "this is not a calendar", content_type="text/calendar"
    )

    outcome = harvest_source(source.pk, now=CLOCK, limits=FAST)

    assert outcome.result == "failed"
    run = HarvestRun.objects.get(pk=outcome.run_id)
    assert run.status == HarvestRun.Status.FAILED
    assert run.error.startswith("The payload could not be read")
    assert snapshot() == before
    source.refresh_from_db()
    assert source.consecutive_failures == 1 and source.last_success_at is not None


def test_bad_items_are_rejected_with_reasons_and_the_run_is_partial(server, make_source):
    server.expect_request("/bad.ics").respond_with_data(
        fixture_bytes("ical/malformed-event.ics"), content_type="text/calendar"
    )
    source = make_source("ical", server.url_for("/bad.ics"))

    outcome = harvest_source(source.pk, now=CLOCK, limits=FAST)

    assert outcome.result == "partial"
    assert sorted(Event.objects.values_list("external_id", flat=True)) == [
        "good-1@desy.example",
        "good-2@desy.example",
    ]
    reasons = list(
        RejectedItem.objects.filter(run_id=outcome.run_id).values_list("reason", flat=True)
    )
    assert len(reasons) == outcome.counts["rejected"] >= 3
    assert all(reasons)


def test_a_50_mb_response_is_cut_at_the_cap_and_nothing_is_stored(server, make_source):
    chunk = b"BEGIN:VCALENDAR\r\n" + b"X" * (1024 * 1024)

    def huge(request):
        return Response((chunk for _ in range(50)), content_type="text/calendar")

    server.expect_request("/huge.ics").respond_with_handler(huge)
    source = make_source("ical", server.url_for("/huge.ics"))

    outcome = harvest_source(source.pk, now=CLOCK, limits=FAST)

    assert outcome.result == "failed"
    assert "too_large" in outcome.detail
    assert Event.objects.count() == 0


def test_a_slow_server_times_out_and_the_run_records_it(server, make_source):
    def slow(request):
        time.sleep(1.5)
        return Response("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", content_type="text/calendar")

    server.expect_request("/slow.ics").respond_with_handler(slow)
    source = make_source("ical", server.url_for("/slow.ics"))

    outcome = harvest_source(source.pk, now=CLOCK, limits=FAST)

    assert outcome.result == "failed" and "timeout" in outcome.detail
    assert HarvestRun.objects.get().status == HarvestRun.Status.FAILED


def test_redirect_to_a_canary_outside_the_allowed_network_is_refused(server, canary, make_source):
    server.expect_request("/feed.ics").respond_with_data(
        "", status=302, headers={"Location": canary.url("/internal.ics")}
    )
    source = make_source("ical", server.url_for("/feed.ics"))

    outcome = harvest_source(source.pk, now=CLOCK, limits=FAST)

    assert outcome.result == "failed" and "refused_address" in outcome.detail
    assert not canary.was_contacted()
    assert Event.objects.count() == 0


def test_a_source_pointing_at_the_canary_is_refused_before_connecting(canary, make_source):
    source = make_source("ical", canary.url("/calendar.ics"))

    outcome = harvest_source(source.pk, now=CLOCK, limits=FAST)

    assert outcome.result == "failed" and "refused_address" in outcome.detail
    assert not canary.was_contacted()


def test_billion_laughs_feed_is_refused_through_the_engine(server, make_source):
    server.expect_request("/news.rss").respond_with_data(
        fixture_bytes("hostile/billion-laughs.rss"), content_type="application/rss+xml"
    )
    source = make_source("rss", server.url_for("/news.rss"), target="news")

    outcome = harvest_source(source.pk, now=CLOCK, limits=FAST)

    assert outcome.result == "failed"
    assert "payload could not be read" in outcome.detail
    assert "entit" in outcome.detail.lower()


def test_a_locked_source_does_not_run_twice(server, make_source):
    server.expect_request("/c.ics").respond_with_data(
        fixture_bytes("ical/facility-calendar.ics"), content_type="text/calendar"
    )
    source = make_source("ical", server.url_for("/c.ics"))

    with source_lock(source.pk) as held:
        assert held
        outcome = harvest_source(source.pk, now=CLOCK, limits=FAST)

    assert outcome.result == "already running"
    assert server.log == [] and HarvestRun.objects.count() == 0
    assert harvest_source(source.pk, now=CLOCK, limits=FAST).result == "succeeded"


def test_failing_n_times_in_a_row_pauses_the_source(server, make_source, settings):
    settings.HARVEST_PAUSE_AFTER_FAILURES = 3
    server.expect_request("/gone.ics").respond_with_data("gone", status=404)
    source = make_source("ical", server.url_for("/gone.ics"))

    results = [harvest_source(source.pk, now=CLOCK, limits=FAST).result for _ in range(4)]

    assert results == ["failed", "failed", "failed", "skipped"]
    source.refresh_from_db()
    assert source.paused and source.consecutive_failures == 3
    assert "3 failed runs in a row" in source.pause_reason
    assert source.periodic_task is not None and not source.periodic_task.enabled
    assert len(server.log) == 3


def test_a_success_resets_the_failure_count(server, make_source):
    server.expect_ordered_request("/c.ics").respond_with_data("gone", status=404)
    server.expect_ordered_request("/c.ics").respond_with_data(
        fixture_bytes("ical/facility-calendar.ics"), content_type="text/calendar"
    )
    source = make_source("ical", server.url_for("/c.ics"))
    harvest_source(source.pk, now=CLOCK, limits=FAST)
    source.refresh_from_db()
    assert source.consecutive_failures == 1
    harvest_source(source.pk, now=CLOCK, limits=FAST)
    source.refresh_from_db()
    assert source.consecutive_failures == 0


def test_an_unapproved_source_never_runs(server, make_source):
    source = make_source("ical", server.url_for("/c.ics"), approved=False)
    assert harvest_source(source.pk, force=True).result == "skipped"
    assert server.log == []
