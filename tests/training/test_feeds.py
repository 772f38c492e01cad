"""RSS and Atom feeds of newly published training materials."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.training.models import Audience

from .factories import TrainingMaterialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(home, esrf, software):
    now = timezone.now()
    older = TrainingMaterialFactory(
        title="pyFAI cookbook recipes",
        first_published_at=now - timedelta(days=3),
        providing_facility=esrf,
        author_names=["Jérôme Kieffer"],
        relations={"related_software": [software["pyfai"]]},
    )
    newer = TrainingMaterialFactory(
        title="Mantid basic course",
        material_type="course",
        first_published_at=now - timedelta(hours=2),
        relations={"audiences": [Audience.objects.get(slug="student")]},
    )
    return older, newer


def test_rss_feed_lists_the_newest_material_first(client, published):
    older, newer = published
    response = client.get("/training/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert [e.title for e in feed.entries] == [newer.title, older.title]
    assert feed.entries[0].link == f"http://testserver{newer.url}"
    assert "Course" in [t.term for t in feed.entries[0].tags]
    assert "About pyFAI." in feed.entries[1].summary
    assert "provided by ESRF" in feed.entries[1].summary


def test_atom_feed_parses_with_authors_and_dates(client, published):
    older, _ = published
    feed = feedparser.parse(client.get("/training/feed/atom/").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    entry = feed.entries[1]
    assert entry.title == older.title
    assert entry.author == "Jérôme Kieffer"
    assert entry.published_parsed is not None


def test_catalogue_page_announces_both_feeds(client, published):
    html = client.get("/training/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/training/feed/rss/"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/training/feed/atom/"' in html


def test_unpublished_materials_stay_out_of_the_feed(client, published):
    _, newer = published
    newer.unpublish()
    feed = feedparser.parse(client.get("/training/feed/rss/").content)
    assert newer.title not in [e.title for e in feed.entries]


def test_feed_query_count_does_not_grow_with_items(client, published, esrf):
    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get("/training/feed/atom/")
        return len(queries)

    count()
    few = count()
    for n in range(8):
        TrainingMaterialFactory(title=f"More {n}", providing_facility=esrf, author_names=["A", "B"])
    assert count() == few
