"""One harvest of one source: fetch, parse, normalise, upsert, record the run.

Place in the flow: this is the engine that walks the chain for a source;
tasks.py (Celery), the `harvest` command and the admin's "run now" all call
`harvest_source()`. A re-run of an unchanged source is one conditional GET
answered 304 and writes nothing at all, not even a run row.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import asdict, dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils import timezone

from .. import parsers
from ..fetch import ACCEPT, Validators, fetch
from ..parsers import Horizon, ParseError
from .locks import source_lock
from .models import HarvestedItem, HarvestRun, HarvestSource, RejectedItem
from .normalise import Context, normalise
from .timezones import source_zone_name
from .upsert import upsert

PROGRESS_EVERY = 25  # items between two progress writes on the run
NOT_MODIFIED, SKIPPED, LOCKED = "not modified", "skipped", "already running"


@dataclass
class RunOutcome:
    """What one call did, for the command's summary table and the task's result."""

    source_id: int
    name: str
    result: str  # succeeded, partial, failed, not modified, skipped, already running, queued
    counts: dict = field(default_factory=dict)
    detail: str = ""
    run_id: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def harvest_source(
    source_id: int,
    *,
    force: bool = False,
    limits=None,
    sleep=time.sleep,
    now=None,
    fetch_url: str | None = None,
):
    """Harvest one source now; returns a RunOutcome.

    An unapproved source never runs; a disabled or paused one runs only with
    `force` (a curator's "run now"). When another run of the source holds its
    lock, this one returns at once with "already running". `now` (tests, the
    benchmark) fixes the run's clock, and so the window of recurring series.
    `fetch_url` fetches the payload from elsewhere while items keep the
    source's URL as their key: the demo serves its recordings on loopback.
    """
    source = (
        HarvestSource.objects.select_related("facility", "collaboration")
        .filter(pk=source_id)
        .first()
    )
    if source is None:  # deleted since the task was queued
        return RunOutcome(source_id, "", SKIPPED, detail="no such source (deleted)")
    if not source.approved:
        return RunOutcome(source.pk, source.name, SKIPPED, detail="waiting for curator approval")
    if not force and not source.runnable:
        reason = "paused: " + source.pause_reason if source.paused else "disabled"
        return RunOutcome(source.pk, source.name, SKIPPED, detail=reason)
    with source_lock(source.pk) as held:
        if not held:
            return RunOutcome(source.pk, source.name, LOCKED, detail="another run holds the lock")
        return _harvest(source, limits=limits, sleep=sleep, now=now, fetch_url=fetch_url)


def _credentials(source: HarvestSource) -> dict:
    if not source.credentials_ref:
        return {}
    token = os.environ.get(source.credentials_ref, "")
    if not token:
        raise ValidationError(
            f"The variable {source.credentials_ref} holding its token is not set."
        )
    return {"Authorization": f"Bearer {token}"}


def _harvest(source: HarvestSource, *, limits, sleep, now, fetch_url) -> RunOutcome:
    started = now or timezone.now()
    try:
        headers = _credentials(source)
    except ValidationError as error:
        run = HarvestRun.objects.create(source=source, started_at=started)
        return _fail(source, run, error.messages[0])
    result = fetch(
        fetch_url or source.url,
        validators=Validators(source.etag or None, source.last_modified or None),
        accept=ACCEPT[source.kind],
        headers=headers,
        limits=limits,
        sleep=sleep,
    )
    if result.not_modified:
        return RunOutcome(
            source.pk, source.name, NOT_MODIFIED, detail="304: unchanged since last run"
        )

    # We hold the lock: a run still marked running was cut short (a killed worker).
    source.runs.filter(status=HarvestRun.Status.RUNNING).update(
        status=HarvestRun.Status.FAILED,
        finished_at=started,
        error="Interrupted: the worker stopped before the run finished; the next run redid it.",
    )
    run = HarvestRun.objects.create(source=source, started_at=started, http_status=result.status)
    if not result.ok:
        return _fail(source, run, f"Fetch failed ({result.error}): {result.detail}")
    try:
        parsed = parsers.parse(
            source.kind,
            result.body,
            source_url=source.url if fetch_url else result.final_url,
            target=source.target,
            content_type=result.content_type,
            horizon=Horizon.around(started),
        )
    except ParseError as error:
        return _fail(source, run, f"The payload could not be read: {error}")
    try:
        counts, rejected = _store(source, run, parsed, started)
    except SoftTimeLimitExceeded:
        return _fail(source, run, "Stopped at the time limit; what was stored is kept.")

    run.finished_at = timezone.now()
    run.processed = len(parsed.records)
    run.created, run.updated, run.unchanged = (
        counts["created"],
        counts["updated"],
        counts["unchanged"],
    )
    run.vanished = counts["vanished"]
    run.rejected = len(parsed.rejected) + rejected
    stored = run.created + run.updated + run.unchanged
    if run.rejected and not stored:
        run.status = HarvestRun.Status.FAILED
        run.error = "Every item of the payload was rejected; see the rejected items."
    elif run.rejected:
        run.status = HarvestRun.Status.PARTIAL
    else:
        run.status = HarvestRun.Status.SUCCEEDED
    run.save()
    if run.status == HarvestRun.Status.FAILED:
        return _fail(source, run, run.error, saved=True)
    source.etag = result.validators.etag or ""
    source.last_modified = result.validators.last_modified or ""
    source.last_run_at = source.last_success_at = run.finished_at
    source.consecutive_failures = 0
    source.save(
        update_fields=[
            "etag",
            "last_modified",
            "last_run_at",
            "last_success_at",
            "consecutive_failures",
        ]
    )
    return _outcome(source, run)


def _store(source, run, parsed, now) -> tuple[Counter, int]:
    RejectedItem.objects.bulk_create(
        RejectedItem(run=run, external_id=item.identifier[:500], reason=item.reason)
        for item in parsed.rejected
    )
    run.fetched = len(parsed.records) + len(parsed.rejected)
    run.warnings = "\n".join(parsed.warnings)
    run.save(update_fields=["fetched", "warnings"])
    zone_name, zone_reason = source_zone_name(source)
    context = Context(source.url, source.name, zone_name, zone_reason)
    items = {item.external_id: item for item in source.items.all()}
    counts = Counter(created=0, updated=0, unchanged=0, vanished=0)
    rejected = 0
    seen: set[str] = set()
    for number, record in enumerate(parsed.records, start=1):
        if record.external_id in seen:
            reason = "The payload holds this identifier twice; the first item was kept."
            RejectedItem.objects.create(
                run=run, external_id=record.external_id[:500], reason=reason, excerpt=record.title
            )
            rejected += 1
            continue
        seen.add(record.external_id)
        try:
            normalised = normalise(record, source.target, context)
            outcome = upsert(
                source=source, item=items.get(record.external_id), normalised=normalised, now=now
            )
        except (ValidationError, ValueError, DatabaseError) as error:
            # One bad item is recorded with its reason; the others go on.
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            RejectedItem.objects.create(
                run=run,
                external_id=record.external_id[:500],
                reason=reason[:2000],
                excerpt=record.title[:500],
            )
            rejected += 1
        else:
            counts[outcome] += 1
        if number % PROGRESS_EVERY == 0:
            HarvestRun.objects.filter(pk=run.pk).update(processed=number)
    counts["vanished"] = _mark_vanished(source, items, seen, now)
    return counts, rejected


def _mark_vanished(source, items: dict, seen: set[str], now) -> int:
    """Mark items no longer in the payload; never delete what they became.

    An occurrence of a recurring series (``UID#…``) whose series is still in
    the payload only moved out of the expansion window: not vanished.
    """
    series = {external_id.split("#", 1)[0] for external_id in seen}
    gone = [
        item.pk
        for external_id, item in items.items()
        if external_id not in seen
        and item.vanished_at is None
        and not ("#" in external_id and external_id.split("#", 1)[0] in series)
    ]
    if gone:
        HarvestedItem.objects.filter(pk__in=gone).update(vanished_at=now)
    return len(gone)


def _fail(source, run, reason: str, *, saved: bool = False) -> RunOutcome:
    """Record a failed run; after HARVEST_PAUSE_AFTER_FAILURES in a row the source is paused."""
    if not saved:
        run.status = HarvestRun.Status.FAILED
        run.error = reason
        run.finished_at = timezone.now()
        run.save()
    source.consecutive_failures += 1
    source.last_run_at = run.finished_at
    fields = ["consecutive_failures", "last_run_at"]
    if source.consecutive_failures >= settings.HARVEST_PAUSE_AFTER_FAILURES:
        source.paused = True
        source.pause_reason = (
            f"Paused after {source.consecutive_failures} failed runs in a row; last: {reason}"
        )[:500]
        fields += ["paused", "pause_reason"]
    source.save(update_fields=fields)
    if source.paused:
        from .schedules import sync_periodic_task

        sync_periodic_task(source)
    return _outcome(source, run)


def _outcome(source, run) -> RunOutcome:
    counts = {
        name: getattr(run, name)
        for name in ("fetched", "created", "updated", "unchanged", "rejected", "vanished")
    }
    return RunOutcome(source.pk, source.name, run.status, counts, run.error, run.pk)


def harvest_sources(sources, *, sync: bool, progress=None) -> list[RunOutcome]:
    """Harvest several sources: in this process (sync) or one Celery task each."""
    from .tasks import harvest_source_task

    sources = list(sources)
    outcomes = []
    for done, source in enumerate(sources, start=1):
        if sync:
            outcome = harvest_source(source.pk)
        else:
            sent = harvest_source_task.delay(source.pk)
            if harvest_source_task.app.conf.task_always_eager:
                outcome = RunOutcome(**sent.get())
            else:
                outcome = RunOutcome(source.pk, source.name, "queued", detail=f"task {sent.id}")
        outcomes.append(outcome)
        if progress is not None:
            progress(done, len(sources), source.name)
    return outcomes
