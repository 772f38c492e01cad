"""The harvest through a real Celery worker on Redis and PostgreSQL: a run, a crash, the lock."""

import threading

import pytest
from werkzeug import Response

from harvesters.engine.tasks import harvest_source_task
from harvesters.models import HarvestedItem, HarvestRun
from registry.events.models import Event

from .conftest import fixture_bytes, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def big_calendar(count: int) -> bytes:
    """`count` one-hour seminars, one a day from 2027-01-04 (our own test payload)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PaN Registry tests//EN"]
    for n in range(count):
        day = 4 + n % 25
        month = 1 + n // 25
        lines += [
            "BEGIN:VEVENT",
            f"UID:seminar-{n}@worker.test",
            "DTSTAMP:20261001T000000Z",
            f"DTSTART:2027{month:02d}{day:02d}T090000Z",
            f"DTEND:2027{month:02d}{day:02d}T100000Z",
            f"SUMMARY:Detector seminar {n}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_a_source_is_harvested_by_the_worker(worker, server, make_source):
    server.expect_request("/c.ics").respond_with_data(
        fixture_bytes("ical/facility-calendar.ics"), content_type="text/calendar"
    )
    source = make_source("ical", server.url_for("/c.ics"))

    outcome = harvest_source_task.delay(source.pk).get(timeout=120)

    assert outcome["result"] == "succeeded", worker.log()[-3000:]
    assert Event.objects.filter(origin=Event.Origin.HARVEST).count() == outcome["counts"]["created"]
    assert HarvestRun.objects.get().status == HarvestRun.Status.SUCCEEDED


def test_a_worker_killed_mid_run_leaves_no_duplicates_after_the_rerun(worker, server, make_source):
    count = 120
    server.expect_request("/big.ics").respond_with_data(
        big_calendar(count), content_type="text/calendar"
    )
    source = make_source("ical", server.url_for("/big.ics"))

    harvest_source_task.delay(source.pk)
    assert wait_for(lambda: HarvestedItem.objects.count() >= 5), worker.log()[-3000:]
    worker.kill()
    stored_at_crash = HarvestedItem.objects.count()
    assert 5 <= stored_at_crash < count  # really mid-run
    worker.start()

    outcome = harvest_source_task.delay(source.pk).get(timeout=180)

    assert outcome["result"] == "succeeded", worker.log()[-3000:]
    assert outcome["counts"]["created"] + outcome["counts"]["unchanged"] == count
    assert Event.objects.count() == HarvestedItem.objects.count() == count
    assert Event.objects.values("external_id").distinct().count() == count
    interrupted = HarvestRun.objects.filter(status=HarvestRun.Status.FAILED).get()
    assert interrupted.error.startswith("Interrupted")


def test_two_tasks_for_one_source_at_once_make_one_run(worker, server, make_source):
    arrived, release = threading.Event(), threading.Event()

    def held_back(request):
        arrived.set()
        release.wait(30)
        return Response(fixture_bytes("ical/facility-calendar.ics"), content_type="text/calendar")

    server.expect_request("/c.ics").respond_with_handler(held_back)
    source = make_source("ical", server.url_for("/c.ics"))

    first = harvest_source_task.delay(source.pk)
    assert arrived.wait(60), worker.log()[-3000:]
    # The first task now holds the lock while its fetch waits on the server.
    second = harvest_source_task.delay(source.pk).get(timeout=60)
    release.set()
    first = first.get(timeout=120)

    assert second["result"] == "already running"
    assert first["result"] == "succeeded", worker.log()[-3000:]
    assert HarvestRun.objects.count() == 1
