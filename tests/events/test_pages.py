"""The calendar pages as a visitor uses them: lists, archive, filters, month grid, event page."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from registry.events.models import Event

from .conftest import PARIS, TOKYO, future
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_upcoming_list_groups_by_month_and_marks_cancelled_events(client, calendar):
    EventFactory(
        title="Called-off school", status=Event.Status.CANCELLED, start=future(3), end=future(3, 17)
    )
    EventFactory(title="Old workshop", start=future(-3), end=future(-3, 17))
    html = html_of(client, "/events/")
    assert "Called-off school" in html and "Old workshop" not in html
    assert 'class="badge badge--cancelled">Cancelled<' in html
    assert "event-card--cancelled" in html
    assert re.search(r"<h2 id=\"month-\d{4}-\d{2}\">", html)
    assert "Old workshop" in html_of(client, "/events/past/")


def test_filters_narrow_the_list_and_the_subscription_link_follows(client, calendar, esrf):
    EventFactory(title="ESRF school", facilities=[esrf], event_type="school")
    EventFactory(title="Other webinar", event_type="webinar", attendance="online")
    html = html_of(client, "/events/", facility="esrf")
    assert "ESRF school" in html and "Other webinar" not in html
    assert "/events/facility/esrf/calendar.ics" in html
    html = html_of(client, "/events/", attendance="online")
    assert "Other webinar" in html and "ESRF school" not in html
    assert "/events/calendar.ics?attendance=online" in html
    assert "webcal://" in html


def test_a_bad_filter_value_is_reported_and_ignored_never_a_server_error(client, calendar):
    EventFactory(title="Still listed")
    html = html_of(
        client, "/events/", facility="atlantis", country="XX", month="2026-13", type="party"
    )
    assert "Still listed" in html
    assert "No facility by that name organises events here." in html
    assert "is not an ISO 3166 country code" in html
    assert "Give the month as YYYY-MM" in html
    assert 'aria-invalid="true"' in html


def test_the_list_is_paginated(client, calendar):
    for i in range(23):
        EventFactory(title=f"Workshop {i:02d}", start=future(1 + i), end=future(1 + i, 17))
    first = html_of(client, "/events/")
    assert "Workshop 00" in first and "Workshop 20" not in first
    assert "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first
    second = html_of(client, "/events/", page=2)
    assert "Workshop 20" in second and "Workshop 00" not in second


def test_month_view_is_a_table_with_caption_headers_and_neighbour_links(client, calendar):
    EventFactory(
        title="Winter school",
        all_day=True,
        start_date=dt.date(2027, 1, 11),
        end_date=dt.date(2027, 1, 13),
    )
    html = html_of(client, "/events/month/2027/1/")
    assert "<caption>January 2027: 1 event" in html
    assert html.count('<th scope="col">') == 7 and '<abbr title="Monday">Mon</abbr>' in html
    assert html.count(">Winter school</a>") == 3
    assert (
        'rel="prev" href="/events/month/2026/12/"' in html
        and 'rel="next" href="/events/month/2027/02/"' in html
    )
    assert '<time datetime="2027-01-12">' in html


def test_an_empty_month_points_to_the_nearest_months_with_events(client, calendar):
    EventFactory(title="Spring", all_day=True, start_date=dt.date(2027, 4, 2))
    html = html_of(client, "/events/month/2027/1/")
    assert "No event in January 2027" in html
    assert 'href="/events/month/2027/04/"' in html and "Next month with events: April 2027" in html


def test_this_month_is_the_default_month_view(client, calendar):
    today = timezone.now().astimezone(PARIS).date()
    assert f"Events in {today:%B %Y}" in html_of(client, "/events/month/")


@pytest.mark.parametrize("url", ["/events/month/2027/13/", "/events/month/0999/1/"])
def test_impossible_months_are_not_found(client, calendar, url):
    assert client.get(url).status_code == 404


def test_event_page_shows_facts_status_and_calendar_links(client, calendar, esrf):
    event = EventFactory(
        title="Powder diffraction school",
        status=Event.Status.POSTPONED,
        facilities=[esrf],
        website="https://www.esrf.fr/",
        registration_url="https://indico.example.org/event/2/registrations/",
        registration_deadline=dt.date(2020, 1, 1),
        keywords=["pyFAI", "diffraction"],
        to_verify="venue",
    )
    html = html_of(client, event.url)
    assert "This event is postponed." in html
    assert 'href="/facilities/esrf/">ESRF</a>' in html
    assert "closed on 1 January 2020" in html
    assert f'href="/events/{event.slug}/calendar.ics"' in html
    assert "Some facts on this page are not verified yet" in html
    assert ">pyFAI<" in html


def test_a_past_event_page_says_it_is_over(client, calendar):
    event = EventFactory(start=future(-3), end=future(-3, 17))
    assert "This event is over" in html_of(client, event.url)


def test_facility_page_lists_its_events_in_their_own_zone(client, calendar, esrf):
    EventFactory(
        title="ESRF workshop in Tokyo",
        facilities=[esrf],
        timezone="Asia/Tokyo",
        start=dt.datetime(2027, 1, 12, 9, tzinfo=TOKYO),
        end=dt.datetime(2027, 1, 12, 17, tzinfo=TOKYO),
    )
    html = html_of(client, esrf.url)
    assert 'id="events"' in html and "ESRF workshop in Tokyo" in html
    assert "Tue 12 Jan 2027, 09:00–17:00 JST (Asia/Tokyo)" in html


def test_collaboration_page_lists_its_conferences_and_workshops(client, calendar, panosc):
    EventFactory(
        title="PaNOSC training day", collaborations=[panosc], start=future(9), end=future(9, 17)
    )
    html = html_of(client, panosc.url)
    assert 'id="events"' in html and "PaNOSC training day" in html
