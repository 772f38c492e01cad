"""The only place that writes harvested data: one normalised record → its page or snippet.

Place in the flow: fetch → parse → normalise → **upsert** → curation → pages.

* Unchanged (same content hash as last time): nothing is read or written.
* New: created through the content's own service (events, training) or here
  (news and job snippets), published at once when the source publishes
  directly (approved and trusted), else a draft in the curators' review.
* Changed: a new revision, through the same services.
* Curator edits win: `HarvestedItem.values` holds what the harvest last
  wrote; a field whose current value differs was edited by a curator, is
  left as the curator made it and listed in `curated_fields`.
"""

from __future__ import annotations

import datetime as dt
import decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from registry.collaborations.models import JobPosting, NewsItem
from registry.curation.workflow import publish, submit_for_review
from registry.events.models import Event
from registry.events.services import event_create, event_update
from registry.training.models import TrainingIndexPage, TrainingMaterial
from registry.training.services import MaterialRecord, training_material_upsert

from .models import HarvestedItem
from .normalise import Normalised

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
KEYWORDS = "keywords"
MODELS = {"events": Event, "training": TrainingMaterial, "jobs": JobPosting, "news": NewsItem}


def plain(value):
    """A field value as JSON keeps it, so stored and current values compare alike."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date | dt.timedelta | decimal.Decimal):
        return str(value)
    return value


def _current(obj):
    """The object as a curator last left it: its latest draft if it has one."""
    if getattr(obj, "has_unpublished_changes", False):
        return obj.get_latest_revision_as_object()
    return obj


def _current_value(obj, name):
    if name == KEYWORDS:
        return sorted(t.name for t in obj.keywords.all())
    return plain(getattr(obj, name))


def upsert(*, source, item: HarvestedItem | None, normalised: Normalised, now) -> str:
    """Store one record of `source`; returns created, updated or unchanged."""
    content_hash = normalised.content_hash
    if item is not None and item.content_hash == content_hash:
        if item.vanished_at is not None:  # back in the source: no longer vanished
            HarvestedItem.objects.filter(pk=item.pk).update(vanished_at=None, last_seen=now)
        return UNCHANGED
    with transaction.atomic():
        obj = item.content_object if item is not None else None
        if item is not None and obj is None:
            # A curator deleted what this item became: that edit wins too.
            HarvestedItem.objects.filter(pk=item.pk).update(content_hash=content_hash)
            return UNCHANGED
        names = list(normalised.fields)
        if normalised.target in {"events", "training"}:
            names.append(KEYWORDS)
        curated = set()
        if obj is not None:
            current = _current(obj)
            for name in names:
                if name in item.values and _current_value(current, name) != item.values[name]:
                    curated.add(name)
        obj, changed = WRITERS[normalised.target](
            source=source, obj=obj, normalised=normalised, keep=curated
        )
        # What is stored now (after the models' own sanitising and UTC
        # conversion), so the next run compares like with like.
        stored = _current(type(obj).objects.get(pk=obj.pk))
        values = {
            name: (item.values[name] if name in curated else _current_value(stored, name))
            for name in names
        }
        if item is None:
            HarvestedItem.objects.create(
                source=source,
                external_id=normalised.external_id,
                content_type=ContentType.objects.get_for_model(type(obj)),
                object_id=obj.pk,
                content_hash=content_hash,
                values=values,
                curated_fields=sorted(curated),
                first_seen=now,
                last_seen=now,
            )
            return CREATED
        item.content_hash = content_hash
        item.values = values
        item.curated_fields = sorted(curated)
        item.last_seen = now
        item.vanished_at = None
        item.save(
            update_fields=["content_hash", "values", "curated_fields", "last_seen", "vanished_at"]
        )
        return UPDATED if changed else UNCHANGED


def _kept(normalised: Normalised, keep: set) -> dict:
    return {k: v for k, v in normalised.fields.items() if k not in keep}


def _write_event(*, source, obj, normalised, keep):
    data = _kept(normalised, keep)
    if source.facility_id:
        data["facilities"] = [source.facility]
    else:
        data["collaborations"] = [source.collaboration]
    if KEYWORDS not in keep:
        data["keywords"] = normalised.keywords
    publish_now = source.publishes_directly
    if obj is None:
        data.update(source_url=source.url, external_id=normalised.external_id[:255])
        event = event_create(data=data, origin=Event.Origin.HARVEST, publish=publish_now)
        return event, True
    return obj, event_update(event=obj, data=data, publish=publish_now)


def _write_training(*, source, obj, normalised, keep):
    index = TrainingIndexPage.objects.get()
    fields = _kept(normalised, keep)
    fields["external_id"] = normalised.fields["external_id"]
    fields["source_name"] = normalised.fields["source_name"]
    fields["harvested_at"] = None  # bookkeeping lives in HarvestedItem
    if source.facility_id:
        fields["providing_facility"] = source.facility
    else:
        fields["providing_collaboration"] = source.collaboration
    record = MaterialRecord(slug="", fields=fields, keywords=normalised.keywords)
    if obj is not None:
        # Relations the harvest does not fill stay as curators set them.
        record.audiences = list(obj.audiences.all())
        record.related_software = list(obj.related_software.all())
        record.techniques = list(obj.techniques.all())
        record.authors = [
            {"name": a.name, "is_organisation": a.is_organisation, "orcid": a.orcid}
            for a in obj.authors.all()
        ]
        if KEYWORDS in keep:
            record.keywords = [t.name for t in obj.keywords.all()]
    material, changed = training_material_upsert(
        index=index, record=record, trusted=source.publishes_directly
    )
    return material, changed


def _write_announcement(model):
    def write(*, source, obj, normalised, keep):
        fields = _kept(normalised, keep)
        if obj is None:
            obj = model(
                origin=model.Origin.HARVEST,
                external_id=normalised.external_id[:500],
                facility=source.facility,
                collaboration=source.collaboration,
            )
        elif all(plain(getattr(obj, k)) == plain(v) for k, v in fields.items()):
            return obj, False
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.full_clean()
        if obj.pk is None:
            obj.live = False  # becomes live when its first revision is published
            obj.save()
        if source.publishes_directly:
            publish(obj)
        else:
            submit_for_review(obj)
        return obj, True

    return write


WRITERS = {
    "events": _write_event,
    "training": _write_training,
    "jobs": _write_announcement(JobPosting),
    "news": _write_announcement(NewsItem),
}
