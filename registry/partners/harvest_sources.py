"""Partners register the feeds and calendars of their facility; a curator approves each one.

The harvest engine's service (harvesters.engine.services.source_register)
writes the source; this module adds the partners' policy: a source belongs to
one of the partner's own facilities or collaborations, a partner's source
never runs before a curator approves it, and a change of its address or
kind sends it back for approval.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.log_actions import log

from harvesters.engine.schedules import sync_periodic_task
from harvesters.engine.services import source_register
from harvesters.models import HarvestSource

from .permissions import can_create_for, can_edit, is_curator, owners_of

# What a partner may set; approval, trust and pauses are the curators'.
PARTNER_FIELDS = [
    "name",
    "kind",
    "url",
    "target",
    "facility",
    "collaboration",
    "schedule",
    "enabled",
]
REAPPROVE_ON = {"kind", "url", "target"}


@transaction.atomic
def harvest_source_submit(*, data: dict, by, source: HarvestSource | None = None):
    """Register (source=None) or change a partner's harvest source; returns (source, created).

    Registering a source already known (same kind, URL and target) returns it
    unchanged when `by` may edit it, and raises PermissionDenied otherwise.
    """
    unknown = set(data) - set(PARTNER_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(sorted(unknown))}.")
    if source is None:
        candidate = HarvestSource(**data)
        if not can_create_for(by, owners_of(candidate)):
            raise ValidationError({"facility": "Choose a facility or collaboration you act for."})
        existing = HarvestSource.objects.filter(
            kind=data.get("kind"), url=data.get("url"), target=data.get("target")
        ).first()
        if existing is not None:
            if not can_edit(by, existing):
                raise PermissionDenied("This source is registered by another organisation.")
            return existing, False
        fields = {k: v for k, v in data.items() if k != "enabled"}
        source, created = source_register(by=by, approved=is_curator(by), **fields)
        if "enabled" in data and source.enabled != data["enabled"]:
            source.enabled = data["enabled"]
            source.save(update_fields=["enabled"])
            sync_periodic_task(source)
        log(instance=source, action="wagtail.create", user=by)
        return source, created
    if not can_edit(by, source):
        raise PermissionDenied("This source belongs to an organisation you do not act for.")
    before = owners_of(source)
    for name, value in data.items():
        setattr(source, name, value)
    after = owners_of(source)
    if not is_curator(by) and not can_create_for(by, after) and after != before:
        raise ValidationError({"facility": "Choose a facility or collaboration you act for."})
    if REAPPROVE_ON & set(data) and not is_curator(by):
        source.approved, source.approved_by, source.approved_at = False, None, None
    source.full_clean()
    source.save()
    sync_periodic_task(source)
    log(instance=source, action="wagtail.edit", user=by)
    return source, False


def harvest_sources_of(user):
    """The sources `user` may see and change (curators: all)."""
    from django.db.models import Q

    from .permissions import memberships

    sources = HarvestSource.objects.select_related("facility", "collaboration")
    if is_curator(user):
        return sources
    mine = memberships(user)
    return sources.filter(
        Q(facility__in=mine.facilities) | Q(collaboration__in=mine.collaborations)
    )
