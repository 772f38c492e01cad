"""`load_demo` harvests the recorded payloads through the engine, labelled, and idempotently."""

import html
import io

import pytest
from django.core.management import call_command

from harvesters.models import HarvestedItem, HarvestRun, HarvestSource
from registry.collaborations.models import JobPosting, NewsItem
from registry.events.models import Event
from registry.training.models import TrainingMaterial

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
    # Invented dates and details: every list and page says the items are sample data.
    assert "Sample data:" in page and "It is not a real event." in page
    upcoming = client.get("/events/").content.decode()
    sample_events = [e for e in harvested if html.escape(e.title) in upcoming]
    assert upcoming.count("Sample data (demo recording)") == len(sample_events) > 0
    material = TrainingMaterial.objects.get(source=TrainingMaterial.Source.HARVESTED)
    assert "Sample data:" in client.get(material.url).content.decode()
    assert "Sample data (demo recording)" in client.get("/training/?q=silx").content.decode()
    # Sample news and vacancies cannot be labelled where they show: they wait for review.
    announcements = [*NewsItem.objects.all(), *JobPosting.objects.all()]
    assert announcements and not any(a.live for a in announcements)
    runs, items = HarvestRun.objects.count(), HarvestedItem.objects.count()
    revisions = sorted(e.revisions.count() for e in harvested)

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert out.getvalue().count("not modified") == sources.count()
    assert (HarvestRun.objects.count(), HarvestedItem.objects.count()) == (runs, items)
    assert sorted(e.revisions.count() for e in harvested) == revisions
