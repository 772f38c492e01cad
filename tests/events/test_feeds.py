"""RSS and Atom feeds of newly published events, read with feedparser as a feed reader would."""

import datetime as dt

import feedparser
import pytest
from django.utils import timezone

from registry.events.models import Event

from .conftest import PARIS
from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, version", [("/events/rss.xml", "rss20"), ("/events/atom.xml", "atom10")]
)
def test_feeds_list_the_newest_published_events_first(client, calendar, esrf, url, version):
    first = EventFactory(title="Older entry", facilities=[esrf])
    Event.objects.filter(pk=first.pk).update(
        first_published_at=timezone.now() - dt.timedelta(days=2)
    )
    EventFactory(
        title="Newer entry",
        start=dt.datetime(2026, 12, 1, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 12, 1, 17, tzinfo=PARIS),
        status=Event.Status.CANCELLED,
    )
    EventFactory(title="Draft entry", publish=False)
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Cancelled: Newer entry (Tue 1 Dec 2026, 09:00–17:00 CET)",
        titles[1],
    ]
    assert titles[1].startswith("Older entry (")
    newest = feed.entries[0]
    assert newest.link.startswith("http://") and newest.link.endswith("/events/newer-entry/")
    assert "Cancelled" in newest.summary
    assert {tag.term for tag in feed.entries[1].tags} == {"Workshop", "ESRF"}


def test_the_events_pages_announce_their_feeds(client, calendar):
    html = client.get("/events/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/events/rss.xml"' in html
    assert 'type="application/atom+xml"' in html and 'href="/events/atom.xml"' in html
