"""Indico category exports: the JSON export API and the iCal export agree on events."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from harvesters.parsers import ParseError, UnsupportedTarget, indico
from harvesters.records import TextFormat, TrainingRecord

from .conftest import fixture_bytes, horizon

ZURICH = ZoneInfo("Europe/Zurich")
SOURCE = "https://indico.psi.ch/export/categ/412.json"


@pytest.fixture(scope="module")
def exported():
    return indico.parse(fixture_bytes("indico/category-export.json"), source_url=SOURCE)


def test_json_export_events_in_their_own_time_zone(exported):
    meeting = exported.by_id()["indico-event-15201@indico.psi.ch"]
    assert meeting.title == "Joint Users' Meeting at PSI (JUM@P) 2026"
    assert meeting.start == datetime(2026, 10, 15, 9, 0, tzinfo=ZURICH)
    assert meeting.end == datetime(2026, 10, 16, 16, 30, tzinfo=ZURICH)
    assert meeting.timezone == "Europe/Zurich"
    assert meeting.location == "WHGA/001 - Auditorium (PSI)"
    assert meeting.address == "Forschungsstrasse 111, 5232 Villigen PSI, Switzerland"
    assert meeting.url == "https://indico.psi.ch/event/15201/"
    assert meeting.categories == ("user meeting", "SLS 2.0")
    assert meeting.event_type == "conference"
    assert meeting.description_format is TextFormat.HTML


def test_an_export_in_utc_is_shown_in_the_event_zone_at_the_same_instant(exported):
    scicat = exported.by_id()["indico-event-15203@indico.psi.ch"]
    assert scicat.start.astimezone(UTC) == datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
    assert scicat.start == datetime(2026, 11, 25, 9, 30, tzinfo=ZURICH)
    assert scicat.timezone == "Europe/Zurich"
    assert scicat.event_type == "meeting"


def test_indico_legacy_type_simple_event_is_a_lecture(exported):
    assert exported.by_id()["indico-event-15204@indico.psi.ch"].event_type == "lecture"


def test_a_result_without_dates_is_rejected_and_the_others_kept(exported):
    assert len(exported.records) == 4
    (rejected,) = exported.rejected
    assert (rejected.identifier, rejected.reason) == (
        "Indico event 15205",
        "the event has no startDate",
    )


def test_the_ical_export_gives_the_same_keys_and_instants(exported):
    from_ical = indico.parse(
        fixture_bytes("indico/category-export.ics"),
        source_url="https://indico.psi.ch/category/412/events.ics",
        horizon=horizon("2026-09-01", "2027-12-31"),
    ).by_id()
    for key, event in exported.by_id().items():
        assert from_ical[key].start == event.start  # same instant, whatever the zone shown
        assert from_ical[key].end == event.end
        assert from_ical[key].title == event.title
    contribution = from_ical["indico-contribution-88412@indico.psi.ch"]
    assert contribution.event_type == "contribution"


def test_indico_for_a_training_source_gives_dated_courses():
    result = indico.parse(
        fixture_bytes("indico/category-export.json"), source_url=SOURCE, target="training"
    )
    school = result.by_id()["indico-event-15202@indico.psi.ch"]
    assert isinstance(school, TrainingRecord)
    assert school.sessions[0].start == datetime(2027, 8, 14, 14, 0, tzinfo=ZURICH)
    assert school.sessions[0].timezone == "Europe/Zurich"


def test_json_that_is_not_an_indico_export_is_refused_with_the_right_url():
    with pytest.raises(ParseError, match="export/categ"):
        indico.parse(b'{"events": []}', source_url=SOURCE)
    with pytest.raises(ParseError, match="timetable"):
        indico.parse(b'{"results": {"15201": {}}}', source_url=SOURCE)


def test_indico_cannot_feed_news():
    with pytest.raises(UnsupportedTarget):
        indico.parse(fixture_bytes("indico/category-export.json"), source_url=SOURCE, target="news")
