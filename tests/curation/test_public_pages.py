"""What a visitor sees of a stale entry: an honest notice on its page, and a filter that hides it."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.curation.stale import evaluate_stale_rules
from registry.software.models import RepositoryMetrics, SoftwareIndexPage
from registry.training.models import TrainingIndexPage
from tests.events.factories import EventFactory
from tests.software.factories import SoftwareEntryFactory, publish
from tests.training.factories import TrainingMaterialFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def text(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def stale_and_fresh_software(home):
    index = SoftwareIndexPage.objects.get()
    stale = publish(SoftwareEntryFactory(parent=index, title="Oldtool", slug="oldtool"))
    fresh = publish(SoftwareEntryFactory(parent=index, title="Newtool", slug="newtool"))
    RepositoryMetrics.objects.create(
        entry=stale, harvested_at=NOW, last_commit_at=NOW - timedelta(days=800)
    )
    RepositoryMetrics.objects.create(
        entry=fresh, harvested_at=NOW, last_commit_at=NOW - timedelta(days=8)
    )
    evaluate_stale_rules()
    return stale, fresh


def test_a_stale_entry_says_so_with_date_and_reason(client, stale_and_fresh_software):
    stale, fresh = stale_and_fresh_software
    last_commit = NOW - timedelta(days=800)
    page = text(client, stale.url)
    assert f"may be unmaintained since {last_commit:%-d %B %Y}" in page
    assert "No commit for more than 18 months" in page
    assert "may be unmaintained" not in text(client, fresh.url)


def test_the_notice_goes_when_the_cause_is_fixed(client, stale_and_fresh_software):
    stale, _ = stale_and_fresh_software
    RepositoryMetrics.objects.filter(entry=stale).update(last_commit_at=NOW)
    evaluate_stale_rules()
    assert "may be unmaintained" not in text(client, stale.url)


def test_the_software_list_hides_stale_entries_on_request(client, stale_and_fresh_software):
    url = SoftwareIndexPage.objects.get().url
    everything = text(client, url)
    assert "Oldtool" in everything and "Newtool" in everything
    hidden = text(client, url, hide_stale="1")
    assert "Oldtool" not in hidden and "Newtool" in hidden


def test_the_training_list_hides_overdue_materials_on_request(client, home):
    today = timezone.localdate()
    overdue = TrainingMaterialFactory(
        title="Overdue course",
        review_status="reviewed",
        last_reviewed=today - timedelta(days=400),
        next_review_due=today - timedelta(days=30),
    )
    current = TrainingMaterialFactory(title="Current course")
    for material in (overdue, current):
        material.save_revision().publish()
    evaluate_stale_rules()
    url = TrainingIndexPage.objects.get().url
    assert "Overdue course" in text(client, url)
    hidden = text(client, url, hide_stale="1")
    assert "Overdue course" not in hidden and "Current course" in hidden


def test_the_events_list_hides_events_whose_organiser_page_is_gone(client, home):
    from registry.curation.links import LinkResult, record
    from registry.events.models import EventIndexPage

    gone = EventFactory(title="Vanished school", website="https://gone.example.org/school")
    EventFactory(title="Real school", website="https://ok.example.org/school")
    record(LinkResult(gone.website, "HEAD", "broken", status=404, detail="HTTP 404"))
    evaluate_stale_rules()
    assert "The organiser's page" in text(client, gone.url)
    url = EventIndexPage.objects.get().url
    assert "Vanished school" in text(client, url)
    hidden = text(client, url, hide_stale="on")
    assert "Vanished school" not in hidden and "Real school" in hidden


def _queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params).status_code == 200
    return len(context)


def test_hiding_stale_entries_does_not_add_queries_per_row(client, stale_and_fresh_software):
    index = SoftwareIndexPage.objects.get()
    few = _queries(client, index.url, {"hide_stale": "1"})
    for n in range(6):
        entry = publish(SoftwareEntryFactory(parent=index, title=f"Old {n}", slug=f"old-{n}"))
        RepositoryMetrics.objects.create(entry=entry, harvested_at=NOW, archived=True)
        publish(SoftwareEntryFactory(parent=index, title=f"New {n}", slug=f"new-{n}"))
    evaluate_stale_rules()
    assert _queries(client, index.url, {"hide_stale": "1"}) == few
