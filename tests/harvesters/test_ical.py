"""iCal parsing on our recorded calendars: time zones, series, cancellations, bad items."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from harvesters.parsers import Horizon, ParseError, UnsupportedTarget, ical
from harvesters.records import EventRecord, EventStatus, Target, TextFormat, TrainingRecord

from .conftest import fixture_bytes, horizon

PARIS = ZoneInfo("Europe/Paris")
AUTUMN_2026 = horizon("2026-09-01", "2027-09-01")
SERIES = "indico-event-1002@indico.esrf.fr"


@pytest.fixture(scope="module")
def calendar():
    result = ical.parse(
        fixture_bytes("ical/facility-calendar.ics"),
        source_url="https://indico.esrf.fr/category/12/events.ics",
        horizon=AUTUMN_2026,
    )
    assert result.rejected == () and result.warnings == ()
    return result.by_id()


def test_weekly_series_keeps_local_time_across_the_end_of_summer_time(calendar):
    # Last Sunday of October 2026 is the 25th: 09:00 Paris is 07:00 UTC before, 08:00 after.
    before = calendar[f"{SERIES}#20261015T070000Z"]
    after = calendar[f"{SERIES}#20261029T080000Z"]
    assert before.start == datetime(2026, 10, 15, 9, 0, tzinfo=PARIS)
    assert before.start.astimezone(UTC).hour == 7
    assert after.start == datetime(2026, 10, 29, 9, 0, tzinfo=PARIS)
    assert after.start.astimezone(UTC).hour == 8
    assert after.end - after.start == timedelta(hours=1)
    assert before.timezone == after.timezone == "Europe/Paris"


def test_series_occurrences_follow_rrule_exdate_and_overrides(calendar):
    occurrences = sorted(
        (r for r in calendar.values() if r.series_id == SERIES), key=lambda r: r.start
    )
    assert [o.start.date() for o in occurrences] == [
        date(2026, 10, 8),
        date(2026, 10, 15),
        # 22 October is excluded by EXDATE
        date(2026, 10, 29),
        date(2026, 11, 6),  # the 5 November occurrence, moved to Friday
        date(2026, 11, 12),
    ]
    assert f"{SERIES}#20261022T070000Z" not in calendar


def test_a_moved_occurrence_keeps_the_key_of_its_original_date(calendar):
    moved = calendar[f"{SERIES}#20261105T080000Z"]
    assert moved.start == datetime(2026, 11, 6, 14, 0, tzinfo=PARIS)
    assert moved.title.endswith("moved to Friday afternoon")


def test_a_cancelled_occurrence_is_marked_cancelled_and_the_others_are_not(calendar):
    assert calendar[f"{SERIES}#20261112T080000Z"].status is EventStatus.CANCELLED
    assert calendar[f"{SERIES}#20261112T080000Z"].cancelled
    assert calendar[f"{SERIES}#20261029T080000Z"].status is None


def test_a_cancelled_event_is_kept_and_marked_cancelled(calendar):
    event = calendar["indico-event-1003@indico.esrf.fr"]
    assert event.title == "MXCuBE developers meeting"
    assert event.status is EventStatus.CANCELLED


def test_all_day_event_has_dates_and_an_inclusive_end(calendar):
    meeting = calendar["indico-event-1001@indico.esrf.fr"]
    assert meeting.all_day
    assert meeting.start == date(2027, 2, 8)
    assert meeting.end == date(2027, 2, 10)  # DTEND 2027-02-11 is exclusive
    assert meeting.timezone is None


def test_missing_end_stays_missing(calendar):
    seminar = calendar["indico-event-1004@indico.esrf.fr"]
    assert seminar.start == datetime(2026, 12, 1, 10, 30, tzinfo=PARIS)
    assert seminar.end is None


def test_escaped_text_is_unescaped_and_properties_mapped(calendar):
    meeting = calendar["indico-event-1001@indico.esrf.fr"]
    assert meeting.location == (
        "Auditorium, ESRF Central Building, 71 avenue des Martyrs, 38000 Grenoble, France"
    )
    assert meeting.description == (
        "Plenary session, tutorials and satellite workshops for the ESRF user community.\n"
        "Poster session on the second day."
    )
    assert meeting.description_format is TextFormat.TEXT
    assert meeting.organizer == "ESRF User Office"
    assert meeting.categories == ("User meeting", "Synchrotron")
    assert meeting.url == "https://indico.esrf.fr/event/1001/"
    assert meeting.updated == datetime(2026, 9, 10, 14, 15, tzinfo=UTC)
    seminar = calendar[f"{SERIES}#20261008T070000Z"]
    assert seminar.title == "Beamline control software seminar (Tango, Sardana, BLISS)"
    assert "questions about Tango device servers; a short demo" in seminar.description


def test_text_description_wins_over_the_html_alternative(calendar):
    school = calendar["indico-event-1005@indico.esrf.fr"]
    assert school.description.startswith("Neutrons and synchrotron radiation for science:")
    assert school.description_format is TextFormat.TEXT
    # Across the spring change: 09:00 CET start, 17:00 CEST end.
    assert school.start.utcoffset() == timedelta(hours=1)
    assert school.end.utcoffset() == timedelta(hours=2)


def test_windows_and_custom_time_zones_give_the_right_instants():
    result = ical.parse(
        fixture_bytes("ical/outlook-windows-tz.ics"),
        source_url="https://outlook.office365.com/owa/calendar/leaps/calendar.ics",
        horizon=AUTUMN_2026,
    )
    by_title = {r.title: r for r in result.records}
    call = by_title["LEAPS data strategy working group call"]
    assert call.start.astimezone(UTC) == datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    assert call.timezone == "Europe/Berlin"  # "W. Europe Standard Time"
    hackathon = by_title["Data analysis hackathon (summer session)"]
    assert hackathon.start.astimezone(UTC) == datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
    assert hackathon.timezone is None  # "Customized Time Zone" names no real zone


def test_floating_times_stay_floating_and_are_reported():
    result = ical.parse(
        fixture_bytes("ical/outlook-windows-tz.ics"),
        source_url="https://x.example/c.ics",
        horizon=AUTUMN_2026,
    )
    coffee = result.by_id()["floating-20261203@example-outlook-export"]
    assert coffee.is_floating
    assert coffee.start == datetime(2026, 12, 3, 9, 30)
    assert coffee.timezone is None
    assert any("floating" in w for w in result.warnings)


def test_broken_events_are_rejected_with_reasons_and_the_others_kept():
    result = ical.parse(
        fixture_bytes("ical/malformed-event.ics"),
        source_url="https://x.example/c.ics",
        horizon=AUTUMN_2026,
    )
    assert sorted(result.by_id()) == ["good-1@desy.example", "good-2@desy.example"]
    reasons = {r.identifier: r.reason for r in result.rejected}
    assert "2026-13-45" in reasons["bad-date@desy.example"]
    assert "FORTNIGHTLY" in reasons["bad-rule@desy.example"]
    assert "no SUMMARY" in reasons["no-summary@desy.example"]
    assert "no UID" in reasons["VEVENT 4 (Event without UID or URL)"]
    all_day = result.by_id()["good-2@desy.example"]
    assert all_day.start == all_day.end == date(2026, 10, 26)  # RFC 5545: lasts that day


def _one_series(rule: str, start: str = "20260101T090000Z") -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        "UID:series@example.org",
        f"DTSTART:{start}",
        f"RRULE:{rule}",
        "SUMMARY:A series",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:single@example.org",
        "DTSTART:20261110T090000Z",
        "SUMMARY:A single event next to it",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        ("FREQ=SECONDLY", "20260101T000000Z"),
        ("FREQ=MINUTELY", "20200101T000000Z"),
        ("FREQ=HOURLY", "20100101T000000Z"),
        (
            "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11;BYMINUTE=0,10,20,30,40,50",
            "20250101T000000Z",
        ),
    ],
)
def test_a_runaway_rule_is_rejected_before_it_is_expanded(rule, start):
    started = datetime.now(UTC)
    result = ical.parse(_one_series(rule, start), source_url="https://x/", horizon=AUTUMN_2026)
    assert datetime.now(UTC) - started < timedelta(seconds=2)
    assert [r.identifier for r in result.rejected] == ["series@example.org"]
    assert "repeats" in result.rejected[0].reason
    assert list(result.by_id()) == ["single@example.org"]


def test_the_horizon_caps_the_occurrences_of_one_series():
    window = Horizon(
        start=datetime(2026, 6, 1, tzinfo=UTC),
        end=datetime(2027, 6, 1, tzinfo=UTC),
        max_occurrences=50,
    )
    result = ical.parse(
        _one_series("FREQ=DAILY", "20200101T090000Z"), source_url="https://x/", horizon=window
    )
    series = [r for r in result.records if r.series_id == "series@example.org"]
    assert len(series) == 50
    assert series[0].start == datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    assert all(window.start <= r.start < window.end for r in series)
    assert any("more than 50 occurrences" in w for w in result.warnings)


def test_a_series_outside_the_horizon_yields_nothing_but_single_events_stay():
    result = ical.parse(
        fixture_bytes("ical/facility-calendar.ics"),
        source_url="https://indico.esrf.fr/category/12/events.ics",
        horizon=horizon("2028-01-01", "2029-01-01"),
    )
    assert not any(r.series_id for r in result.records)
    assert "indico-event-1001@indico.esrf.fr" in result.by_id()  # a single event, any date
    assert any("no occurrence in the harvest window" in w for w in result.warnings)


def test_same_payload_and_horizon_give_the_same_records():
    payload = fixture_bytes("ical/facility-calendar.ics")
    first = ical.parse(payload, source_url="https://x/", horizon=AUTUMN_2026)
    second = ical.parse(payload, source_url="https://x/", horizon=AUTUMN_2026)
    assert first == second


def test_training_target_turns_events_into_dated_courses():
    result = ical.parse(
        fixture_bytes("ical/facility-calendar.ics"),
        source_url="https://x/",
        target=Target.TRAINING,
        horizon=AUTUMN_2026,
    )
    school = result.by_id()["indico-event-1005@indico.esrf.fr"]
    assert isinstance(school, TrainingRecord) and school.kind == "course"
    assert school.sessions[0].start == datetime(2027, 3, 1, 9, 0, tzinfo=PARIS)
    assert school.keywords == ("School", "Training")


def test_ical_cannot_feed_jobs():
    with pytest.raises(UnsupportedTarget):
        ical.parse(
            fixture_bytes("ical/facility-calendar.ics"), source_url="https://x/", target="jobs"
        )


def test_an_html_error_page_is_not_a_calendar():
    with pytest.raises(ParseError, match="not iCalendar"):
        ical.parse(b"<!DOCTYPE html><html><body>Maintenance</body></html>", source_url="https://x/")


def test_records_are_event_records_with_plain_values(calendar):
    for record in calendar.values():
        assert isinstance(record, EventRecord)
        assert isinstance(record.title, str) and record.title
