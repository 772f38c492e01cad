"""The operators' commands: add_harvest_source and harvest."""

import io

import pytest
from django.core.management import CommandError, call_command

from harvesters.models import HarvestSource
from registry.events.models import Event

from .conftest import fixture_bytes

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_add_harvest_source_registers_an_approved_scheduled_source(esrf):
    url = "https://indico.esrf.fr/category/12/events.ics"
    output = run("add_harvest_source", "ical", url, "--facility", "esrf", "--target", "events")

    source = HarvestSource.objects.get()
    assert f"Added source {source.pk}" in output
    assert (source.kind, source.url, source.target, source.facility) == (
        "ical",
        url,
        "events",
        esrf,
    )
    assert source.approved and source.trusted and source.runnable
    task = source.periodic_task
    assert task.task == "harvesters.harvest_source" and task.args == f"[{source.pk}]"
    assert task.interval.every == 6 * 3600 and task.enabled


def test_adding_an_existing_source_says_so_and_changes_nothing(esrf):
    url = "https://indico.esrf.fr/category/12/events.ics"
    run("add_harvest_source", "ical", url, "--facility", "ESRF", "--target", "events")
    before = list(HarvestSource.objects.values())

    output = run(
        "add_harvest_source", "ical", url, "--facility", "ESRF", "--target", "events",
        "--name", "Another name",
    )  # fmt: skip

    assert "exists already" in output and "nothing changed" in output
    assert list(HarvestSource.objects.values()) == before


def test_add_harvest_source_refuses_an_unknown_facility_and_a_wrong_target(esrf):
    with pytest.raises(CommandError, match="No facility 'XYZ'"):
        run(
            "add_harvest_source",
            "rss",
            "https://x.example/f",
            "--facility",
            "XYZ",
            "--target",
            "news",
        )
    with pytest.raises(CommandError, match="cannot|can feed"):
        run(
            "add_harvest_source",
            "ical",
            "https://x.example/c.ics",
            "--facility",
            "ESRF",
            "--target",
            "jobs",
        )
    assert not HarvestSource.objects.exists()


def test_harvest_sync_runs_the_source_and_prints_a_summary_table(server, esrf, loopback_only):
    server.expect_request("/c.ics").respond_with_data(
        fixture_bytes("ical/facility-calendar.ics"), content_type="text/calendar"
    )
    run(
        "add_harvest_source",
        "ical",
        server.url_for("/c.ics"),
        "--facility",
        "ESRF",
        "--target",
        "events",
    )
    source = HarvestSource.objects.get()

    output = run("harvest", "--source", str(source.pk), "--sync")

    lines = output.splitlines()
    assert lines[0].split()[:4] == ["id", "source", "result", "fetched"]
    assert "succeeded" in lines[1]
    assert Event.objects.filter(origin=Event.Origin.HARVEST).exists()
    assert "1 source(s), 0 failed." in output


def test_harvest_needs_something_to_do_and_known_ids():
    with pytest.raises(CommandError, match="Say what to harvest"):
        run("harvest")
    with pytest.raises(CommandError, match="No harvest source with id 999"):
        run("harvest", "--source", "999", "--sync")
