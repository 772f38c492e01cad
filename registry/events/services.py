"""Writes to the events calendar: create, update and upsert an event.

The demo loader, the harvesters' upsert, the submission forms and the API
call these, so validation, sanitising, revisions and publication happen in
one place. `data` holds model field values plus three lists: `facilities`
(Facility pages), `collaborations` (Collaboration pages) and `keywords`
(strings). Timed events give aware `start`/`end`; all-day events give
`all_day=True` and `start_date`/`end_date`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from registry.curation.workflow import publish as publish_revision
from registry.curation.workflow import submit_for_review

from .models import Event, EventIndexPage
from .sanitise import sanitise_description

RELATIONS = ("facilities", "collaborations", "keywords")


@dataclass(frozen=True)
class UpsertResult:
    event: Event
    outcome: str  # "created", "updated" or "unchanged"


def _split(data: dict) -> tuple[dict, dict]:
    fields = dict(data)
    relations = {name: fields.pop(name) for name in RELATIONS if name in fields}
    unknown = set(fields) - {
        f.name for f in Event._meta.get_fields() if getattr(f, "concrete", False)
    }
    if unknown:
        raise ValidationError(f"Unknown event field(s): {', '.join(sorted(unknown))}.")
    if "description" in fields:
        fields["description"] = sanitise_description(fields["description"] or "")
    return fields, relations


def _set_relations(event: Event, relations: dict) -> None:
    if "facilities" in relations:
        event.facilities = list(relations["facilities"])
    if "collaborations" in relations:
        event.collaborations = list(relations["collaborations"])
    if "keywords" in relations:
        event.keywords.set(
            list(dict.fromkeys(k.strip() for k in relations["keywords"] if k.strip())), clear=True
        )


@transaction.atomic
def event_create(
    *, data: dict, origin: str = Event.Origin.EDITOR, by=None, publish: bool = True, index=None
) -> Event:
    """Add an event below the calendar: published at once, or a draft in the "Curator review" workflow."""
    fields, relations = _split(data)
    index = index or EventIndexPage.objects.get()
    event = Event(origin=origin, **fields)
    _set_relations(event, relations)
    event.live = publish
    index.add_child(instance=event)
    # Page.save validates drafts only minimally; a service stores nothing invalid.
    # Raising here rolls the whole creation back.
    event.full_clean()
    _store(event, by=by, publish=publish)
    return event


def _store(event: Event, *, by, publish: bool) -> None:
    """Publish at once (trusted paths) or enter the curators' review as a draft revision."""
    if publish:
        publish_revision(event, by=by)
    else:
        submit_for_review(event, by=by)


def _differs(event: Event, fields: dict, relations: dict) -> bool:
    for name, value in fields.items():
        field = Event._meta.get_field(name)
        if field.to_python(value) != field.to_python(field.value_from_object(event)):
            return True
    if "facilities" in relations and {f.pk for f in relations["facilities"]} != {
        f.pk for f in event.facilities.all()
    }:
        return True
    if "collaborations" in relations and {c.pk for c in relations["collaborations"]} != {
        c.pk for c in event.collaborations.all()
    }:
        return True
    if "keywords" in relations:
        wanted = {k.strip().lower() for k in relations["keywords"] if k.strip()}
        if wanted != {t.name.lower() for t in event.keywords.all()}:
            return True
    return False


@transaction.atomic
def event_update(*, event: Event, data: dict, by=None, publish: bool = True) -> bool:
    """Apply `data` to the event as a new revision; return False (and write nothing) if nothing changes."""
    fields, relations = _split(data)
    if not _differs(event, fields, relations):
        return False
    for name, value in fields.items():
        setattr(event, name, value)
    _set_relations(event, relations)
    event.full_clean()
    _store(event, by=by, publish=publish)
    return True


def event_upsert(
    *,
    source_url: str,
    external_id: str,
    data: dict,
    origin: str = Event.Origin.HARVEST,
    by=None,
    publish: bool = True,
) -> UpsertResult:
    """Create or update the event a source knows as `external_id` (the harvesters' key)."""
    if not external_id:
        raise ValidationError("An upsert needs the item's external identifier.")
    data = {**data, "source_url": source_url, "external_id": external_id}
    event = Event.objects.filter(source_url=source_url, external_id=external_id).first()
    if event is None:
        return UpsertResult(
            event_create(data=data, origin=origin, by=by, publish=publish), "created"
        )
    changed = event_update(event=event, data=data, by=by, publish=publish)
    return UpsertResult(event, "updated" if changed else "unchanged")
