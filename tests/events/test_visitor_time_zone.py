"""Each event shows in its own zone and in the visitor's chosen zone, remembered in a cookie."""

import datetime as dt
import re

import pytest

from registry.events.visitor_zone import COOKIE_NAME

from .conftest import PARIS
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<select.*?</select>", "", html, flags=re.S)  # the zone picker lists every zone
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    "day, own, london",
    [
        (dt.date(2026, 12, 1), "09:00–17:00 CET", "08:00–16:00 GMT"),  # winter
        (dt.date(2027, 6, 15), "09:00–17:00 CEST", "08:00–16:00 BST"),  # summer
    ],
)
def test_a_9am_paris_event_shows_8am_when_the_visitor_picks_london(
    client, calendar, day, own, london
):
    event = EventFactory(
        start=dt.datetime.combine(day, dt.time(9), tzinfo=PARIS),
        end=dt.datetime.combine(day, dt.time(17), tzinfo=PARIS),
    )
    text = visible_text(client.get(event.url, {"tz": "Europe/London"}))
    assert own in text and "Europe/Paris" in text
    assert london in text and "Europe/London, your time zone" in text


def test_the_offset_follows_each_zones_own_clock_change(client, calendar):
    # Europe leaves summer time on 25 October 2026, the USA only on 1 November:
    # in between Paris is 5 hours ahead of New York instead of 6.
    in_between = EventFactory(
        title="In between",
        start=dt.datetime(2026, 10, 28, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 10, 28, 10, tzinfo=PARIS),
    )
    after = EventFactory(
        title="After",
        start=dt.datetime(2026, 11, 4, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 11, 4, 10, tzinfo=PARIS),
    )
    assert "04:00–05:00 EDT" in visible_text(client.get(in_between.url, {"tz": "America/New_York"}))
    assert "03:00–04:00 EST" in visible_text(client.get(after.url, {"tz": "America/New_York"}))


def test_the_choice_is_remembered_and_applies_to_the_lists(client, calendar):
    EventFactory(
        start=dt.datetime(2026, 12, 1, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 12, 1, 10, tzinfo=PARIS),
    )
    response = client.get("/events/", {"tz": "Asia/Tokyo"})
    assert response.cookies[COOKIE_NAME].value == "Asia/Tokyo"
    assert "Cookie" in response["Vary"]
    # Next visit, no parameter: the cookie decides.
    text = visible_text(client.get("/events/"))
    assert "17:00–18:00 JST" in text
    assert "selected>Asia/Tokyo<" in client.get("/events/month/").content.decode()


def test_an_unknown_zone_is_refused_with_a_message_and_the_previous_choice_stays(client, calendar):
    EventFactory(
        start=dt.datetime(2026, 12, 1, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 12, 1, 10, tzinfo=PARIS),
    )
    client.get("/events/", {"tz": "Europe/London"})
    response = client.get("/events/", {"tz": "Mars/Olympus_Mons"})
    assert response.status_code == 200
    text = visible_text(response)
    assert "is not a time zone name we know" in text
    assert "08:00–09:00 GMT" in text
    assert (
        COOKIE_NAME not in response.cookies
        or response.cookies[COOKIE_NAME].value == "Europe/London"
    )


def test_an_empty_choice_forgets_the_zone(client, calendar):
    client.get("/events/", {"tz": "Asia/Tokyo"})
    response = client.get("/events/", {"tz": ""})
    assert response.cookies[COOKIE_NAME].value == ""
    assert "selected>Europe/Paris<" in response.content.decode()


def test_all_day_events_read_the_same_in_every_zone(client, calendar):
    event = EventFactory(
        all_day=True, start_date=dt.date(2026, 12, 7), end_date=dt.date(2026, 12, 9)
    )
    text = visible_text(client.get(event.url, {"tz": "Pacific/Auckland"}))
    assert "7–9 December 2026" in text
    assert "Pacific/Auckland" not in text


def test_an_event_without_an_end_reads_as_one_time_not_a_range():
    from zoneinfo import ZoneInfo

    from registry.events.when import timed_range_text

    start = dt.datetime(2026, 12, 1, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))
    assert timed_range_text(start, start) == "Tue 1 Dec 2026, 10:30 CET"
    later = start + dt.timedelta(hours=1)
    assert timed_range_text(start, later) == "Tue 1 Dec 2026, 10:30–11:30 CET"
