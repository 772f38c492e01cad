"""Writes to harvest sources: register, approve (the admin, the commands and the API call these)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import parsers
from .models import HarvestSource
from .schedules import sync_periodic_task


@transaction.atomic
def source_register(
    *,
    kind: str,
    url: str,
    target: str,
    facility=None,
    collaboration=None,
    name: str = "",
    schedule: str = "6h",
    by=None,
    approved: bool = False,
    trusted: bool = False,
) -> tuple[HarvestSource, bool]:
    """Register a source; returns (source, created). An existing one (same kind, URL, target) is
    returned unchanged. Partners' sources wait for a curator's approval; operators' are approved."""
    if kind in parsers.TARGETS and target not in parsers.TARGETS[kind]:
        allowed = ", ".join(parsers.TARGETS[kind])
        raise ValidationError(f"A {kind} source can feed {allowed}, not {target}.")
    existing = HarvestSource.objects.filter(kind=kind, url=url, target=target).first()
    if existing is not None:
        return existing, False
    owner = facility or collaboration
    source = HarvestSource(
        name=name or f"{owner} {target} ({kind})",
        kind=kind,
        url=url,
        target=target,
        facility=facility,
        collaboration=collaboration,
        schedule=schedule,
        created_by=by,
        approved=approved,
        approved_by=by if approved else None,
        approved_at=timezone.now() if approved else None,
        trusted=trusted,
    )
    source.full_clean()
    source.save()
    sync_periodic_task(source)
    return source, True


@transaction.atomic
def source_approve(*, source: HarvestSource, by, trusted: bool | None = None) -> HarvestSource:
    """A curator approves a source: it may run on its schedule from now on."""
    source.approved, source.approved_by, source.approved_at = True, by, timezone.now()
    if trusted is not None:
        source.trusted = trusted
    source.save()
    sync_periodic_task(source)
    return source


@transaction.atomic
def source_resume(*, source: HarvestSource) -> HarvestSource:
    """Lift a pause after repeated failures (the next failure counts from zero)."""
    source.paused, source.pause_reason, source.consecutive_failures = False, "", 0
    source.save(update_fields=["paused", "pause_reason", "consecutive_failures"])
    sync_periodic_task(source)
    return source
