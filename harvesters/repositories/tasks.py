"""Celery task: refresh one entry's repository figures (thin: load the id, call `refresh_entry`).

Safe to retry and to run twice: `refresh_entry` is idempotent (conditional
requests, write only on change, one transaction per repository) and holds a
per-entry lock so two copies never run at once. Acks late, so a worker
killed mid-refresh leaves the message to another worker; nothing was
written half-way. A rate limit is not a failure: the task retries itself
after the host's reset (the countdown the host gave, plus up to a tenth more,
at most 30 s, so the tasks of a paused host do not all call it in the same second).
"""

from __future__ import annotations

import random

from celery import shared_task

MAX_RATE_LIMIT_RETRIES = 48  # GitHub resets hourly: two days of waiting at most


@shared_task(
    bind=True,
    name="harvesters.repositories.refresh_repository",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RATE_LIMIT_RETRIES,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
)
def refresh_repository(self, entry_id: int) -> dict:
    from .refresh import refresh_entry
    from .summary import Result

    outcome = refresh_entry(int(entry_id))
    rescheduled = (
        outcome.result == Result.RATE_LIMITED
        and not self.request.is_eager  # in-process runs report it; they cannot wait an hour
        and self.request.retries < self.max_retries
    )
    if rescheduled:
        wait = outcome.retry_in
        raise self.retry(countdown=wait + random.uniform(0, min(30.0, wait / 10)))
    return outcome.as_dict()
