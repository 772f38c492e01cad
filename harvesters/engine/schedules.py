"""A source's schedule, and the django-celery-beat PeriodicTask that carries it.

A schedule is written the way operators say it: an interval (``30m``, ``6h``,
``1d``) or a crontab line of five fields in UTC (``15 3 * * *``). Each source
has one PeriodicTask running ``harvesters.harvest_source`` with its id; it is
kept in step by `sync_periodic_task()` whenever a source is saved through the
admin or the commands, and is editable in the admin like any other.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.db import transaction

INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
SHORTEST = 300  # seconds: partners' servers are not polled more often than every 5 minutes
TASK_NAME = "harvesters.harvest_source"


@dataclass(frozen=True)
class Schedule:
    every: int | None = None  # interval in seconds
    crontab: tuple[str, str, str, str, str] | None = None


def parse_schedule(text: str) -> Schedule:
    match = INTERVAL.match(text or "")
    if match:
        amount, unit = int(match[1]), match[2]
        seconds = amount * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]
        if seconds < SHORTEST:
            raise ValueError("Harvest at most every 5 minutes (e.g. 30m, 6h, 1d).")
        return Schedule(every=seconds)
    fields = (text or "").split()
    if len(fields) == 5 and all(re.fullmatch(r"[\d*/,\-]+", f) for f in fields):
        return Schedule(crontab=tuple(fields))
    raise ValueError(
        f"{text!r} is neither an interval (30m, 6h, 1d) nor a crontab line ('15 3 * * *')."
    )


@transaction.atomic
def sync_periodic_task(source) -> None:
    """Create, update or disable the source's PeriodicTask to match its schedule and state."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    schedule = parse_schedule(source.schedule)
    if schedule.every is not None:
        interval, _ = IntervalSchedule.objects.get_or_create(
            every=schedule.every, period=IntervalSchedule.SECONDS
        )
        kind = {"interval": interval, "crontab": None}
    else:
        minute, hour, day, month, weekday = schedule.crontab
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_month=day,
            month_of_year=month,
            day_of_week=weekday,
            timezone="UTC",
        )
        kind = {"interval": None, "crontab": crontab}
    values = {
        "name": f"Harvest source {source.pk}: {source.name}"[:200],
        "task": TASK_NAME,
        "args": json.dumps([source.pk]),
        "enabled": source.runnable,
        **kind,
    }
    task = source.periodic_task
    if task is None:
        task = PeriodicTask.objects.create(**values)
        type(source).objects.filter(pk=source.pk).update(periodic_task=task)
        source.periodic_task = task
        return
    changed = [name for name, value in values.items() if getattr(task, name) != value]
    if changed:
        for name in changed:
            setattr(task, name, values[name])
        task.save()
