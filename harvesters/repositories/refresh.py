"""Refreshing the badge figures of catalogue entries: one entry, or all of them.

`refresh_entry(entry_id)` is the unit of work (the Celery task calls it):

1. parse the entry's repository URL against the registered hosts (an
   unknown host is reported, not guessed);
2. if the host is paused by a rate limit, stop: nothing is called;
3. read every resource conditionally (`GitHubReader` / `GitLabReader`);
4. if nothing differs from what is stored, write nothing at all;
5. otherwise write the figures, validators and resources in one
   transaction (`store.py`) and fill empty entry fields from the citation
   files (`enrich.py`), in a revision of their own.

A failure (malformed answer, host down, repository gone) is recorded with
its reason in `RepositoryHarvestState` and leaves stored figures intact.
A rate limit pauses the host (`RepositoryHost.paused_until`), so every other
repository of that host is rescheduled without a call until the reset.

`refresh_repositories(...)` walks many entries: in-process with one reader
per host (`sync=True`), or as one Celery task per entry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from registry.software.models import SoftwareEntry

from . import store
from .enrich import enrich_entry
from .hosts import reader_for, registered_hosts
from .models import RepositoryHarvestState, RepositoryHost
from .reading import HarvestError, RateLimited
from .references import RepositoryUrlError, parse_repository_url
from .summary import RefreshOutcome, RefreshSummary, Result

logger = logging.getLogger(__name__)
Outcome = RepositoryHarvestState.Outcome
LOCK_SECONDS = 15 * 60  # longer than any one repository can take (the task's time limit)


class Readers:
    """One reader (client + rate-limit budget) per host, for the length of a run."""

    def __init__(self):
        self.hosts = registered_hosts()
        self._readers = {}

    def for_host(self, host: RepositoryHost):
        if host.name not in self._readers:
            self._readers[host.name] = reader_for(host)
        return self._readers[host.name]


def _entries_with_repository(entries) -> list[SoftwareEntry]:
    if entries is None:
        queryset = SoftwareEntry.objects.exclude(repository_url="")
    elif hasattr(entries, "model"):
        queryset = entries.exclude(repository_url="")
    else:
        ids = [e if isinstance(e, int) else e.pk for e in entries]
        queryset = SoftwareEntry.objects.filter(pk__in=ids).exclude(repository_url="")
    return list(queryset.order_by(Lower("title"), "pk").only("pk", "title", "repository_url"))


def refresh_entry(entry_id: int, *, readers: Readers | None = None) -> RefreshOutcome:
    """Refresh one entry's repository figures; never raises for host trouble."""
    lock = f"repositories:refresh:{entry_id}"
    if not cache.add(lock, "1", timeout=LOCK_SECONDS):
        return RefreshOutcome(
            entry_id, str(entry_id), Result.SKIPPED, "a refresh of this entry is already running"
        )
    try:
        return _refresh(entry_id, readers or Readers())
    except Exception as error:
        # A defect must not stop the other repositories of a run: it is logged
        # with its traceback and recorded as this entry's failure.
        logger.exception("Repository refresh of entry %s crashed", entry_id)
        reason = f"unexpected error ({type(error).__name__}: {error}); see the worker log"
        entry = SoftwareEntry.objects.filter(pk=entry_id).first()
        if entry is None:
            raise
        store.record_state(
            entry=entry, outcome=Outcome.FAILED, now=timezone.now(), reason=reason[:2000]
        )
        return RefreshOutcome(entry_id, entry.title, Result.FAILED, reason)
    finally:
        cache.delete(lock)


def _refresh(entry_id: int, readers: Readers) -> RefreshOutcome:
    now = timezone.now()
    entry = SoftwareEntry.objects.filter(pk=entry_id).only("pk", "title", "repository_url").first()
    if entry is None:
        return RefreshOutcome(entry_id, str(entry_id), Result.SKIPPED, "no such entry")
    label = entry.title
    if not entry.repository_url:
        return RefreshOutcome(entry_id, label, Result.SKIPPED, "no repository URL")
    try:
        ref = parse_repository_url(
            entry.repository_url, hosts={n: h.kind for n, h in readers.hosts.items()}
        )
    except RepositoryUrlError as error:
        outcome = Outcome.UNKNOWN_HOST if error.unknown_host else Outcome.INVALID_URL
        store.record_state(entry=entry, outcome=outcome, now=now, reason=str(error))
        return RefreshOutcome(entry_id, label, Result.SKIPPED, str(error), host=error.unknown_host)
    host = readers.hosts[ref.host]
    where = {"host": ref.host, "path": ref.path}

    host.refresh_from_db(fields=["paused_until", "pause_reason"])
    if host.paused_until and host.paused_until > now:
        return _rate_limited(entry, label, host, ref, now, host.paused_until, host.pause_reason)

    try:
        reader = readers.for_host(host)
        stored = store.stored_resources(entry)
        reading = reader.read(ref, stored)
        figures = reader.figures(ref, reading)
    except RateLimited as limited:
        _pause(host, limited)
        requests = getattr(limited, "requests", 0)
        return _rate_limited(
            entry, label, host, ref, now, limited.reset_at, limited.reason, requests=requests
        )
    except HarvestError as error:
        store.record_state(
            entry=entry,
            outcome=Outcome.FAILED,
            now=now,
            host=host,
            path=ref.path,
            reason=error.reason,
        )
        logger.warning("Repository of %s (%s) not refreshed: %s", label, ref, error.reason)
        return RefreshOutcome(entry_id, label, Result.FAILED, error.reason, **where)

    changed = store.reading_changes(reading, stored)
    citation = reading.answers.get("citation")
    enrich = citation is not None and (
        citation.differs_from(stored.get("citation")) or citation.data.get("pending")
    )
    notes = list(reading.notes)
    enriched = None
    with transaction.atomic():
        if changed:
            store.store_reading(
                entry=entry, reading=reading, figures=figures, stored=stored, now=now
            )
        if enrich:  # new citation files, or a fill that waited for a draft to be published
            enriched = enrich_entry(
                entry_id=entry.pk, parsed_files=citation.data.get("parsed") or {}, now=now
            )
            store.set_citation_pending(entry=entry, pending=bool(enriched.pending))
            notes += enriched.notes()
        store.record_state(entry=entry, outcome=Outcome.OK, now=now, host=host, path=ref.path)
    wrote = changed or (enriched is not None and enriched.wrote)
    return RefreshOutcome(
        entry_id,
        label,
        Result.REFRESHED if wrote else Result.UNCHANGED,
        requests=reading.requests,
        not_modified=reading.not_modified,
        notes=tuple(notes),
        **where,
    )


def _pause(host: RepositoryHost, limited: RateLimited) -> None:
    """Stop every call to this host until its budget resets (other workers read this too)."""
    updated = RepositoryHost.objects.filter(pk=host.pk).exclude(paused_until__gte=limited.reset_at)
    updated.update(paused_until=limited.reset_at, pause_reason=limited.reason[:300])
    host.paused_until, host.pause_reason = limited.reset_at, limited.reason[:300]


def _rate_limited(entry, label, host, ref, now, reset_at: datetime, reason: str, requests=0):
    store.record_state(
        entry=entry,
        outcome=Outcome.RATE_LIMITED,
        now=now,
        host=host,
        path=ref.path,
        reason=reason,
        retry_at=reset_at,
    )
    return RefreshOutcome(
        entry.pk,
        label,
        Result.RATE_LIMITED,
        reason,
        host=ref.host,
        path=ref.path,
        retry_at=reset_at,
        requests=requests,
    )


def refresh_repositories(
    *,
    entries: Iterable | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    sync: bool = False,
) -> RefreshSummary:
    """Refresh every catalogued repository (or `entries`: a queryset, entries or ids).

    sync=True runs in this process, one reader per host, and returns every
    outcome. sync=False sends one `refresh_repository` task per entry; with a
    broker the summary counts them as queued (each task records its own
    outcome and reschedules itself on a rate limit); without one (Celery
    eager, the embedded default) the tasks run here and their outcomes count.
    """
    selected = _entries_with_repository(entries)
    total = len(selected)
    summary = RefreshSummary()
    readers = Readers() if sync else None
    for done, entry in enumerate(selected, start=1):
        if sync:
            outcome = refresh_entry(entry.pk, readers=readers)
        else:
            outcome = _send_task(entry)
        summary.add(outcome)
        if progress is not None:
            progress(done, total, entry.title)
    return summary


def _send_task(entry) -> RefreshOutcome:
    from .tasks import refresh_repository

    result = refresh_repository.delay(entry.pk)
    if refresh_repository.app.conf.task_always_eager:
        return RefreshOutcome.from_dict(result.get())
    return RefreshOutcome(entry.pk, entry.title, Result.QUEUED, f"task {result.id}")
