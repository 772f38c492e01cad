"""Celery task: harvest one source (thin: load the id, call `harvest_source`).

One task per source, so a slow or broken source never holds up the rest.
Safe to retry and to run twice: the upsert is idempotent and a per-source
lock stops a second copy at once. Acks late and rejected on a lost worker, so
a worker killed mid-run leaves the message for another one, which redoes the
run (items stored before the crash are found unchanged, not duplicated).
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings


@shared_task(
    name="harvesters.harvest_source",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.HARVEST_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.HARVEST_TASK_SOFT_TIME_LIMIT + 60,
)
def harvest_source_task(source_id: int, force: bool = False) -> dict:
    """`force`: a curator's "run now" also runs a disabled or paused (never an unapproved) source."""
    from .run import harvest_source

    return harvest_source(int(source_id), force=force).as_dict()


@shared_task(name="harvesters.harvest_due", acks_late=True)
def harvest_due() -> int:
    """Queue every runnable source (for deployments that schedule one beat entry, not one per source)."""
    from .models import HarvestSource

    ids = [s.pk for s in HarvestSource.objects.all() if s.runnable]
    for source_id in ids:
        harvest_source_task.delay(source_id)
    return len(ids)
