"""Expanding recurring iCal series, and refusing rules too costly to expand.

Used by the iCal parser. recurring-ical-events does the expansion (RRULE,
RDATE, EXDATE, RECURRENCE-ID overrides), in one pass over the harvest window.

A rule is walked from its DTSTART, not from the harvest window, so a hostile
``FREQ=SECONDLY`` series starting years ago would keep a worker busy for hours.
The work a rule implies is therefore estimated first (periods between DTSTART
and the window's end, times the occurrences its BY-parts add to each period)
and a rule above the bounds below is refused with its reason. No real event
series comes close to them.
"""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import recurring_ical_events

from ..records import When
from .dates import Horizon


class RuleTooCostly(ValueError):
    """The series' rules imply too much work or too many occurrences; the message says which."""


MAX_RULE_STEPS = 200_000
MAX_WINDOW_OCCURRENCES = 5_000
_PERIOD_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3_600,
    "DAILY": 86_400,
    "WEEKLY": 604_800,
    "MONTHLY": 2_629_746,
    "YEARLY": 31_556_952,
}
_FINER_PARTS = {  # BY-parts that multiply the occurrences of each period
    "SECONDLY": (),
    "MINUTELY": ("BYSECOND",),
    "HOURLY": ("BYSECOND", "BYMINUTE"),
    "DAILY": ("BYSECOND", "BYMINUTE", "BYHOUR"),
    "WEEKLY": ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY"),
    "MONTHLY": ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY"),
    "YEARLY": (
        "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH",
    ),
}  # fmt: skip


def check_rule_cost(component, horizon: Horizon) -> None:
    """Reject a series whose rules would take too long to expand or flood the window."""
    if "DTSTART" not in component:
        return
    start = instant(component["DTSTART"].dt)
    rules = component.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        freq = str((rule.get("FREQ") or [""])[0]).upper()
        if freq not in _PERIOD_SECONDS:
            continue  # recurring-ical-events reports an unknown FREQ itself
        interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
        period = _PERIOD_SECONDS[freq] * interval
        expansion = 1
        for part in _FINER_PARTS[freq]:
            expansion *= max(1, len(rule.get(part) or ()))
        end = horizon.end
        until = rule.get("UNTIL")
        if until:
            end = min(end, instant(until[0]))
        steps = max(0.0, (end - start).total_seconds()) / period * expansion
        in_window = max(0.0, (end - max(start, horizon.start)).total_seconds()) / period * expansion
        count = rule.get("COUNT")
        if count:
            in_window = min(in_window, int(count[0]))
        if steps > MAX_RULE_STEPS:
            raise RuleTooCostly(
                f"the series repeats {freq.lower()} from {start:%Y-%m-%d}: about {int(steps)} "
                "repetitions to walk through, more than we expand for one event"
            )
        if in_window > MAX_WINDOW_OCCURRENCES:
            raise RuleTooCostly(
                f"the series repeats {freq.lower()}: about {int(in_window)} occurrences in the "
                "harvest window, more than an event series can have"
            )


def expand(components: list, horizon: Horizon) -> list:
    """The occurrences (as VEVENT components) of one UID's series in the window, in start order."""
    for component in components:
        check_rule_cost(component, horizon)
    calendar = icalendar.Calendar()
    calendar.add("VERSION", "2.0")
    for component in components:
        calendar.add_component(component)
    # One pass over the window: after() would re-walk the rule for every probe.
    occurrences = recurring_ical_events.of(calendar).between(horizon.start, horizon.end)
    occurrences.sort(key=lambda o: instant(o["DTSTART"].dt))
    return occurrences


def stamp(value: When) -> str:
    """A stable text form of an occurrence's original start, used in its key."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def instant(value: When) -> datetime:
    """Comparable instant for horizon checks (dates and floating times read as UTC)."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
