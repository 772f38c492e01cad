"""`load_demo` harvests the recorded payloads through the engine, labelled, and idempotently."""

import io

import pytest
from django.core.management import call_command

from harvesters.models import HarvestedItem, HarvestRun, HarvestSource
from registry.events.models import Event

pytestmark = pytest.mark.django_db


def test_load_demo_harvests_labelled_recordings_and_a_rerun_changes_nothing(client):
    call_command("load_demo", stdout=io.StringIO())

    sources = HarvestSource.objects.all()
    assert sources and all("recorded demo payload" in s.name for s in sources)
    assert all(s.approved and not s.enabled for s in sources)
    harvested = Event.objects.filter(origin=Event.Origin.HARVEST, live=True)
    assert harvested.count() >= 5
    page = client.get(harvested.first().url).content.decode()
    assert "recorded demo payload" in page
    runs, items = HarvestRun.objects.count(), HarvestedItem.objects.count()
    revisions = sorted(e.revisions.count() for e in harvested)

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert out.getvalue().count("not modified") == sources.count()
    assert (HarvestRun.objects.count(), HarvestedItem.objects.count()) == (runs, items)
    assert sorted(e.revisions.count() for e in harvested) == revisions
