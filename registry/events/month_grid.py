"""The month-grid calendar: which event runs on which day, as the visitor reads the days.

A pure function of the month, the events and the visitor's zone: weeks
(Monday first, the European habit) of seven days, days outside the month
marked, each day listing every event that runs on it — a three-day school
appears on all three days.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

WEEKDAYS = [(calendar.day_name[i], calendar.day_abbr[i]) for i in range(7)]


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list[list[Day]]

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)

    @property
    def title(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"

    @property
    def event_count(self) -> int:
        return len(
            {id(e) for week in self.weeks for day in week if day.in_month for e in day.events}
        )


def build_month_grid(year: int, month: int, events, zone, *, today: dt.date) -> MonthGrid:
    weeks = [
        [Day(date=d, in_month=d.month == month, is_today=d == today) for d in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    ]
    by_date = {day.date: day for week in weeks for day in week}
    for event in events:
        first, last = event.days(zone)
        day = max(first, weeks[0][0].date)
        while day <= min(last, weeks[-1][-1].date):
            by_date[day].events.append(event)
            day += dt.timedelta(days=1)
    return MonthGrid(year=year, month=month, weeks=weeks)
