"""Lists, the month grid, feeds and sections cost the same number of queries for 3 events as for 15."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import PARIS
from .factories import CollaborationFactory, EventFactory, FacilityFactory

pytestmark = pytest.mark.django_db

MONTH = (2027, 3)


def add_events(count, facilities, collaborations, start_index):
    for i in range(start_index, start_index + count):
        day = 1 + i % 28
        # Half of them a year earlier, so the archive has rows too.
        year = MONTH[0] - i % 2
        EventFactory(
            title=f"Event {i}",
            start=dt.datetime(year, MONTH[1], day, 9, tzinfo=PARIS),
            end=dt.datetime(year, MONTH[1], day, 17, tzinfo=PARIS),
            facilities=facilities[: 1 + i % len(facilities)],
            collaborations=collaborations[: i % 2 + 1],
            keywords=[f"topic {i % 3}"],
            country=["FR", "DE", "SE"][i % 3],
        )


def queries_for(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    # ...but not the calendar bodies: measure building them, not serving them from cache.
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def organisers(home):
    facilities = [FacilityFactory(acronym=name) for name in ("F1", "F2", "F3")]
    collaborations = [CollaborationFactory(title=name) for name in ("C1", "C2")]
    return facilities, collaborations


URLS = [
    "/events/",
    "/events/?facility=f1&type=workshop",
    "/events/past/",
    f"/events/month/{MONTH[0]}/{MONTH[1]}/",
    "/events/calendar.ics",
    "/events/facility/f1/calendar.ics",
    "/events/rss.xml",
    "/events/atom.xml",
]


def test_query_count_does_not_grow_with_the_number_of_events(client, calendar, organisers):
    facilities, collaborations = organisers
    add_events(3, facilities, collaborations, 0)
    few = {url: queries_for(client, url) for url in URLS}
    few["facility page"] = queries_for(client, facilities[0].url)
    add_events(12, facilities, collaborations, 3)
    many = {url: queries_for(client, url) for url in URLS}
    many["facility page"] = queries_for(client, facilities[0].url)
    assert many == few, {url: (few[url], many[url]) for url in few}
