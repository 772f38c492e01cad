"""iCalendar subscriptions and "add to calendar" files: valid RFC 5545 that calendars place right."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
import recurring_ical_events

from registry.events.models import Event

from .conftest import PARIS, UTC, future
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def fetch(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content, icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_is_valid_rfc5545_with_a_vtimezone_for_every_zone_used(client, calendar):
    EventFactory(title="Paris", start=future(3), end=future(3, 17))
    EventFactory(
        title="Tokyo",
        timezone="Asia/Tokyo",
        start=future(5, zone=dt.UTC),
        end=future(5, 12, dt.UTC),
    )
    body, cal = fetch(client, "/events/calendar.ics")
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {"Europe/Paris", "Asia/Tokyo"}
    assert cal.get_missing_tzids() == set()
    for event in cal.walk("VEVENT"):
        assert event["UID"] and event["DTSTAMP"] and event["DTSTART"] and event["DTEND"]
    # Lines end in CRLF and none is longer than 75 octets (folded).
    lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in body.replace(b"\r\n", b"")


def test_times_round_trip_across_the_autumn_clock_change(client, calendar):
    event = EventFactory(
        title="Across the change",
        start=dt.datetime(2026, 10, 24, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 10, 26, 17, tzinfo=PARIS),
    )
    _, cal = fetch(client, f"/events/{event.slug}/calendar.ics")
    vevent = vevents(cal)["Across the change"]
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    assert start == dt.datetime(2026, 10, 24, 7, tzinfo=UTC)  # 09:00 CEST
    assert end == dt.datetime(2026, 10, 26, 16, tzinfo=UTC)  # 17:00 CET
    # The VTIMEZONE itself (not the reader's tz database) gives the same offsets.
    vtimezone = cal.walk("VTIMEZONE")[0].to_tz()
    assert vtimezone.utcoffset(dt.datetime(2026, 10, 24, 9)) == dt.timedelta(hours=2)
    assert vtimezone.utcoffset(dt.datetime(2026, 10, 26, 17)) == dt.timedelta(hours=1)


def test_a_calendar_reader_finds_the_event_on_the_right_days(client, calendar):
    EventFactory(
        title="Spring",
        # Europe springs forward on 28 March 2027.
        start=dt.datetime(2027, 3, 27, 9, tzinfo=PARIS),
        end=dt.datetime(2027, 3, 29, 12, tzinfo=PARIS),
    )
    _, cal = fetch(client, "/events/calendar.ics")
    occurrences = recurring_ical_events.of(cal).between(dt.date(2027, 3, 28), dt.date(2027, 3, 29))
    assert [str(o["SUMMARY"]) for o in occurrences] == ["Spring"]
    # 12:00 CEST, after the change: 10:00 UTC, not 11:00.
    assert occurrences[0].decoded("DTEND").astimezone(UTC) == dt.datetime(
        2027, 3, 29, 10, tzinfo=UTC
    )


def test_all_day_events_are_dates_with_the_exclusive_end_the_rfc_requires(client, calendar):
    EventFactory(
        title="School",
        all_day=True,
        start_date=future(10).date(),
        end_date=future(12).date(),
        timezone="Asia/Tokyo",
    )
    body, cal = fetch(client, "/events/calendar.ics")
    vevent = vevents(cal)["School"]
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert vevent.decoded("DTSTART") == future(10).date()
    assert vevent.decoded("DTEND") == future(13).date()
    assert b"TZID=Asia/Tokyo" not in body


def test_cancelled_and_postponed_events_say_so(client, calendar):
    EventFactory(title="Called off", status=Event.Status.CANCELLED)
    EventFactory(title="Moved", status=Event.Status.POSTPONED)
    _, cal = fetch(client, "/events/calendar.ics")
    events = vevents(cal)
    assert events["Cancelled: Called off"]["STATUS"] == "CANCELLED"
    assert events["Postponed: Moved"]["STATUS"] == "TENTATIVE"


def test_text_is_escaped_and_survives_the_round_trip(client, calendar):
    EventFactory(
        title="Beamline; optics, and detectors",
        venue="Room 1, Building 2; ground floor",
        description="<p>Line one.</p><p>Line two, with a comma; and a semicolon.</p>",
    )
    body, cal = fetch(client, "/events/calendar.ics")
    assert b"Beamline\\; optics\\, and detectors" in body
    vevent = vevents(cal)["Beamline; optics, and detectors"]
    assert str(vevent["LOCATION"]).startswith("Room 1, Building 2; ground floor")
    assert "Line one.\nLine two, with a comma; and a semicolon." in str(vevent["DESCRIPTION"])


def test_the_uid_is_stable_when_the_event_changes(client, calendar):
    event = EventFactory(title="Workshop")
    _, before = fetch(client, "/events/calendar.ics")
    event.title = "Workshop (new title)"
    event.save_revision().publish()
    _, after = fetch(client, "/events/calendar.ics")
    assert [str(e["UID"]) for e in before.walk("VEVENT")] == [
        str(e["UID"]) for e in after.walk("VEVENT")
    ]


def test_filtered_subscriptions_per_facility_collaboration_and_type(
    client, calendar, esrf, ill, panosc
):
    EventFactory(title="ESRF school", facilities=[esrf], event_type="school")
    EventFactory(title="ILL workshop", facilities=[ill])
    EventFactory(title="PaNOSC webinar", collaborations=[panosc], event_type="webinar")

    def summaries(url, **params):
        return sorted(vevents(fetch(client, url, **params)[1]))

    assert summaries("/events/facility/esrf/calendar.ics") == ["ESRF school"]
    assert summaries("/events/facility/ESRF/calendar.ics") == ["ESRF school"]
    assert summaries("/events/collaboration/panosc/calendar.ics") == ["PaNOSC webinar"]
    assert summaries("/events/type/webinar/calendar.ics") == ["PaNOSC webinar"]
    assert summaries("/events/calendar.ics", facility="ill") == ["ILL workshop"]
    assert summaries("/events/calendar.ics", type=["school", "webinar"]) == [
        "ESRF school",
        "PaNOSC webinar",
    ]


def test_unknown_filters_get_a_clear_error_not_an_empty_calendar(client, calendar):
    assert client.get("/events/facility/nowhere/calendar.ics").status_code == 404
    assert client.get("/events/type/party/calendar.ics").status_code == 404
    response = client.get("/events/calendar.ics", {"country": "XX"})
    assert response.status_code == 400
    assert "country" in response.content.decode()


def test_add_to_calendar_file_and_google_link(client, calendar):
    event = EventFactory(
        title="Tomography school",
        start=dt.datetime(2026, 12, 1, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 12, 1, 17, tzinfo=PARIS),
        city="Grenoble",
    )
    response = client.get(f"/events/{event.slug}/calendar.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    assert list(vevents(icalendar.Calendar.from_ical(response.content))) == ["Tomography school"]
    page = client.get(event.url).content.decode()
    link = next(part for part in page.split('"') if part.startswith("https://calendar.google.com/"))
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query["dates"] == ["20261201T080000Z/20261201T160000Z"]
    assert query["ctz"] == ["Europe/Paris"]
    assert query["text"] == ["Tomography school"]


def test_an_unchanged_subscription_poll_gets_not_modified_and_a_change_a_new_calendar(
    client, calendar
):
    event = EventFactory(title="Polled")
    first = client.get("/events/calendar.ics")
    etag = first["ETag"]
    again = client.get("/events/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    event.title = "Polled, renamed"
    event.save_revision().publish()
    changed = client.get("/events/calendar.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Polled, renamed" in vevents(icalendar.Calendar.from_ical(changed.content))
