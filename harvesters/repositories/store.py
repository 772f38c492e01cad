"""The only writer of harvested repository data: figures, validators and harvest state.

Called by `refresh.py` with a complete `Reading` (every resource answered):
a repository is written whole or not at all, in one transaction, so a
failure or a rate limit half-way leaves the stored figures and validators
exactly as they were. A Reading in which nothing differs from what is
stored is not written at all (the "304s and no database write" rule), and
the harvest state is written only when it changes.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.dateparse import parse_datetime

from registry.core.page_cache import invalidate
from registry.software.models import RepositoryMetrics

from .models import RepositoryHarvestState, RepositoryResource
from .reading import Reading, Stored

DATE_FIGURES = ("latest_release_at", "last_commit_at")


def stored_resources(entry) -> dict[str, Stored]:
    return {
        resource.name: Stored(
            url=resource.url,
            etag=resource.etag,
            last_modified=resource.last_modified,
            data=resource.data,
        )
        for resource in RepositoryResource.objects.filter(entry=entry)
    }


def reading_changes(reading: Reading, stored: dict[str, Stored]) -> bool:
    """True when any answer differs from what is stored, or a stored resource went away."""
    if any(answer.differs_from(stored.get(name)) for name, answer in reading.answers.items()):
        return True
    return bool(set(stored) - set(reading.answers))


def _metric_values(figures: dict) -> dict:
    values = dict(figures)
    for name in DATE_FIGURES:
        values[name] = parse_datetime(values[name]) if values.get(name) else None
    values["latest_release"] = values.get("latest_release") or ""
    values["latest_release_url"] = values.get("latest_release_url") or ""
    return values


@transaction.atomic
def store_reading(
    *, entry, reading: Reading, figures: dict, stored: dict[str, Stored], now: datetime
):
    """Write the figures, the repository's validators and every changed resource."""
    metrics = RepositoryMetrics.objects.select_for_update().filter(entry=entry).first()
    if metrics is None:
        metrics = RepositoryMetrics(entry=entry)
    for name, value in _metric_values(figures).items():
        setattr(metrics, name, value)
    repository = reading.answers.get("repository")
    if repository is not None:
        metrics.etag, metrics.last_modified = repository.etag, repository.last_modified
    metrics.harvested_at = now
    metrics.sample_data = False  # the demo loader marks its sample figures afterwards
    metrics.save()
    for name, answer in reading.answers.items():
        if not answer.differs_from(stored.get(name)):
            continue
        RepositoryResource.objects.update_or_create(
            entry=entry,
            name=name,
            defaults={
                "url": answer.url,
                "etag": answer.etag,
                "last_modified": answer.last_modified,
                "data": answer.data,
                "fetched_at": now,
            },
        )
    gone = set(stored) - set(reading.answers)
    if gone:
        RepositoryResource.objects.filter(entry=entry, name__in=gone).delete()
    # Badges are on public pages that the page cache keeps: empty it once this commits.
    transaction.on_commit(invalidate)
    return metrics


def set_citation_pending(*, entry, pending: bool) -> None:
    resource = RepositoryResource.objects.filter(entry=entry, name="citation").first()
    if resource is None or bool(resource.data.get("pending")) == pending:
        return
    data = dict(resource.data)
    if pending:
        data["pending"] = True
    else:
        data.pop("pending", None)
    resource.data = data
    resource.save(update_fields=["data"])


def record_state(
    *,
    entry,
    outcome: str,
    now: datetime,
    host=None,
    path: str = "",
    reason: str = "",
    retry_at: datetime | None = None,
) -> RepositoryHarvestState:
    """Record how this attempt went; writes only if something differs from the stored state."""
    state = RepositoryHarvestState.objects.filter(entry=entry).first()
    failed = outcome == RepositoryHarvestState.Outcome.FAILED
    if state is None:
        return RepositoryHarvestState.objects.create(
            entry=entry,
            host=host,
            path=path,
            outcome=outcome,
            reason=reason,
            since=now,
            consecutive_failures=int(failed),
            retry_at=retry_at,
        )
    wanted = {
        "host_id": host.pk if host is not None else None,
        "path": path,
        "outcome": outcome,
        "reason": reason,
        "retry_at": retry_at,
    }
    if failed:
        wanted["consecutive_failures"] = state.consecutive_failures + 1
    elif outcome == RepositoryHarvestState.Outcome.OK:
        wanted["consecutive_failures"] = 0
    changed = [name for name, value in wanted.items() if getattr(state, name) != value]
    if not changed:
        return state
    if state.outcome != outcome:
        state.since = now
    for name in changed:
        setattr(state, name, wanted[name])
    state.save(update_fields=[name.removesuffix("_id") for name in changed] + ["since"])
    return state
