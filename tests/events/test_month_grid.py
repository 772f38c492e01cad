"""The month grid: every day an event runs on, as the visitor's calendar reads the days."""

import datetime as dt

import pytest

from registry.events.models import Event
from registry.events.month_grid import build_month_grid

from .conftest import NEW_YORK, PARIS, TOKYO

# A new Page instance looks up its content type; nothing else here touches the database.
pytestmark = pytest.mark.django_db


def timed(start, end, zone_name="Europe/Paris", title="Timed"):
    event = Event(title=title, timezone=zone_name, start=start, end=end)
    event.derive_instants()
    return event


def all_day(first, last, zone_name="Europe/Paris", title="All day"):
    event = Event(title=title, timezone=zone_name, all_day=True, start_date=first, end_date=last)
    event.derive_instants()
    return event


def days_with(grid, event):
    return [day.date for week in grid.weeks for day in week if event in day.events]


def test_weeks_start_on_monday_and_cover_the_whole_month():
    grid = build_month_grid(2026, 12, [], PARIS, today=dt.date(2026, 11, 25))
    first_days = [week[0].date for week in grid.weeks]
    assert all(day.weekday() == 0 for day in first_days)
    in_month = [day.date for week in grid.weeks for day in week if day.in_month]
    assert in_month[0] == dt.date(2026, 12, 1) and in_month[-1] == dt.date(2026, 12, 31)
    assert len(in_month) == 31


def test_a_multi_day_event_appears_on_each_of_its_days():
    school = all_day(dt.date(2026, 12, 7), dt.date(2026, 12, 11), title="School")
    grid = build_month_grid(2026, 12, [school], PARIS, today=dt.date(2026, 11, 25))
    assert days_with(grid, school) == [dt.date(2026, 12, d) for d in range(7, 12)]


def test_an_event_across_a_month_boundary_appears_in_both_months():
    winter = all_day(dt.date(2026, 12, 30), dt.date(2027, 1, 2), title="Winter school")
    december = build_month_grid(2026, 12, [winter], PARIS, today=dt.date(2026, 11, 25))
    january = build_month_grid(2027, 1, [winter], PARIS, today=dt.date(2026, 11, 25))
    assert days_with(december, winter) == [
        dt.date(2026, 12, 30),
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 2),
    ]
    # The same days show in January's first week (grey, outside December) and in January itself.
    assert dt.date(2027, 1, 2) in days_with(january, winter)
    assert dt.date(2026, 12, 30) in days_with(january, winter)


def test_a_timed_event_ending_at_midnight_does_not_spill_onto_the_next_day():
    evening = timed(
        dt.datetime(2026, 12, 7, 18, tzinfo=PARIS), dt.datetime(2026, 12, 8, 0, tzinfo=PARIS)
    )
    grid = build_month_grid(2026, 12, [evening], PARIS, today=dt.date(2026, 11, 25))
    assert days_with(grid, evening) == [dt.date(2026, 12, 7)]


def test_the_visitors_zone_decides_the_day_of_a_timed_event():
    late = timed(
        dt.datetime(2026, 12, 7, 22, tzinfo=PARIS), dt.datetime(2026, 12, 7, 23, tzinfo=PARIS)
    )
    assert days_with(
        build_month_grid(2026, 12, [late], PARIS, today=dt.date(2026, 11, 25)), late
    ) == [dt.date(2026, 12, 7)]
    # 22:00 in Paris is 06:00 next morning in Tokyo.
    assert days_with(
        build_month_grid(2026, 12, [late], TOKYO, today=dt.date(2026, 11, 25)), late
    ) == [dt.date(2026, 12, 8)]


def test_all_day_dates_do_not_move_with_the_visitors_zone():
    day = all_day(dt.date(2026, 12, 7), dt.date(2026, 12, 7), zone_name="Asia/Tokyo")
    grid = build_month_grid(2026, 12, [day], NEW_YORK, today=dt.date(2026, 11, 25))
    assert days_with(grid, day) == [dt.date(2026, 12, 7)]


@pytest.mark.parametrize("zone", [PARIS, NEW_YORK])
def test_the_daylight_saving_month_keeps_every_day_and_places_events_right(zone):
    # Europe springs forward on 29 March 2026, the USA on 8 March.
    workshop = timed(
        dt.datetime(2026, 3, 29, 9, tzinfo=PARIS), dt.datetime(2026, 3, 29, 17, tzinfo=PARIS)
    )
    grid = build_month_grid(2026, 3, [workshop], zone, today=dt.date(2026, 3, 1))
    assert len([d for week in grid.weeks for d in week if d.in_month]) == 31
    assert days_with(grid, workshop) == [dt.date(2026, 3, 29)]
    assert grid.event_count == 1


def test_previous_and_next_months_wrap_the_year():
    grid = build_month_grid(2027, 1, [], PARIS, today=dt.date(2026, 11, 25))
    assert grid.previous == dt.date(2026, 12, 1) and grid.next == dt.date(2027, 2, 1)
    assert grid.title == "January 2027"
