"""The parser registry the harvest engine uses, and the record shapes it gets back."""

import dataclasses
from datetime import UTC, date, datetime

import pytest

from harvesters import parsers
from harvesters.parsers import PARSERS, Horizon, UnsupportedTarget
from harvesters.records import EventRecord, EventStatus, ParseResult, Target

from .conftest import fixture_bytes


@pytest.mark.parametrize(
    ("kind", "fixture", "target", "expected"),
    [
        ("ical", "ical/facility-calendar.ics", "events", "indico-event-1003@indico.esrf.fr"),
        (
            "rss",
            "feeds/collaboration-news.atom",
            "news",
            "tag:tango-controls.org,2026:news/tango-10-1",
        ),
        (
            "jsonld",
            "jsonld/job-posting.html",
            "jobs",
            "https://www.diamond.ac.uk/Careers/Vacancies/All/DIA-2026-0734.html",
        ),
        ("indico", "indico/category-export.json", "events", "indico-event-15202@indico.psi.ch"),
    ],
)
def test_each_source_kind_has_its_parser(kind, fixture, target, expected):
    result = parsers.parse(
        kind,
        fixture_bytes(fixture),
        source_url="https://indico.psi.ch/export/categ/412.json",
        target=target,
        horizon=Horizon(datetime(2026, 9, 1, tzinfo=UTC), datetime(2027, 9, 1, tzinfo=UTC)),
    )
    assert isinstance(result, ParseResult)
    assert expected in result.by_id()


def test_unknown_kind_and_impossible_target_are_refused():
    with pytest.raises(ValueError, match="Unknown source kind"):
        parsers.parse("csv", b"", source_url="https://x/", target="events")
    with pytest.raises(UnsupportedTarget):
        parsers.parse("ical", b"BEGIN:VCALENDAR", source_url="https://x/", target="news")
    assert set(PARSERS) == {"ical", "rss", "jsonld", "indico"}


def test_records_are_frozen_and_say_what_they_hold():
    event = EventRecord(
        external_id="uid", title="T", start=date(2027, 2, 8), status=EventStatus.CANCELLED
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.title = "changed"
    assert event.all_day and event.cancelled and not event.is_floating
    floating = EventRecord(external_id="f", title="T", start=datetime(2026, 12, 3, 9, 30))
    assert floating.is_floating and not floating.all_day
    result = ParseResult(records=(event, floating))
    assert result.of(EventRecord) == [event, floating]
    assert result.by_id() == {"uid": event, "f": floating}


def test_horizon_must_be_aware_and_ordered():
    now = datetime(2026, 9, 1, tzinfo=UTC)
    window = Horizon.around(now)
    assert (window.start, window.end) == (
        datetime(2026, 8, 2, tzinfo=UTC),
        datetime(2027, 9, 1, tzinfo=UTC),
    )
    with pytest.raises(ValueError):
        Horizon(datetime(2026, 9, 1), datetime(2027, 9, 1))
    with pytest.raises(ValueError):
        Horizon(now, now)
    assert Target("events") is Target.EVENTS
