"""Writes to the training catalogue, shared by the demo loader, harvesters and curators.

`training_material_upsert` creates or updates a material from one plain
record (the shape harvesters/normalise.py produces for training) and
writes a new revision only when something changed, so re-running a loader
or a harvest writes nothing. Trusted callers publish through
`registry.curation.workflow.publish`; others go to the curators' review
through `submit_for_review`. `workflow_upsert` does the same for a
workflow graph, and `training_material_mark_reviewed` records a curator's
review with its next due date.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from registry.curation.workflow import publish, submit_for_review

from .models import (
    Audience,
    TrainingIndexPage,
    TrainingMaterial,
    TrainingMaterialAuthor,
    Workflow,
    WorkflowIndexPage,
)
from .review import ReviewStatus, next_review_after

# The plain fields a record may set on a material, in the form's order.
MATERIAL_FIELDS = [
    "title",
    "summary",
    "description",
    "material_type",
    "resource_url",
    "difficulty",
    "prerequisites",
    "learning_objectives",
    "duration",
    "language",
    "licence",
    "providing_facility",
    "providing_collaboration",
    "review_status",
    "last_reviewed",
    "next_review_due",
    "source",
    "source_name",
    "external_id",
    "harvested_at",
    "to_verify",
]


@dataclass
class MaterialRecord:
    """One material as loaders and harvesters hand it over: pages and rows already resolved."""

    slug: str
    fields: dict
    audiences: list[Audience] = field(default_factory=list)
    related_software: list = field(default_factory=list)
    techniques: list = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    authors: list[dict] = field(default_factory=list)  # {"name", "is_organisation", "orcid"}


@transaction.atomic
def training_material_upsert(
    *, index: TrainingIndexPage, record: MaterialRecord, by=None, trusted: bool = True
) -> tuple[TrainingMaterial, bool]:
    """Create or update the material; returns (material, changed).

    A harvested record is matched on (source_name, external_id), a hand-made
    one on its slug under the index. Invalid data raises ValidationError
    before anything is written. A trusted caller (the demo loader, a
    curator, an approved source) publishes at once; anything else becomes a
    draft revision in the curators' review.
    """
    unknown = set(record.fields) - set(MATERIAL_FIELDS)
    if unknown:
        raise ValueError(
            f"MaterialRecord.fields has unknown fields {sorted(unknown)}; "
            f"a material has {', '.join(MATERIAL_FIELDS)}"
        )
    material = _find_material(index, record)
    created = material is None
    if created:
        material = TrainingMaterial(slug=record.slug or slugify(record.fields["title"])[:255])
    changed = created or _material_differs(material, record)
    if not changed:
        return material, False

    for name, value in record.fields.items():
        setattr(material, name, value)
    material.audiences = record.audiences
    material.related_software = record.related_software
    material.techniques = record.techniques
    material.authors = [
        TrainingMaterialAuthor(sort_order=n, **author) for n, author in enumerate(record.authors)
    ]
    material.keywords.set(record.keywords)
    _save(index, material, created=created, by=by, trusted=trusted)
    return material, True


def _save(parent, page, *, created: bool, by, trusted: bool) -> None:
    """Validate, then publish (trusted) or submit for curator review (everything else)."""
    if created:
        # add_child saves the page, so it must be valid first; an untrusted
        # newcomer is stored unpublished until a curator approves it.
        page.full_clean(exclude=["path", "depth", "url_path"])
        page.live = trusted
        parent.add_child(instance=page)
    else:
        page.full_clean()
    if trusted:
        publish(page, by=by)
    else:
        submit_for_review(page, by=by)


def _find_material(index, record: MaterialRecord) -> TrainingMaterial | None:
    external_id = record.fields.get("external_id")
    if external_id:
        return TrainingMaterial.objects.filter(
            source_name=record.fields.get("source_name", ""), external_id=external_id
        ).first()
    return TrainingMaterial.objects.child_of(index).filter(slug=record.slug).first()


# Bookkeeping that changes on every harvest without the material changing.
NOT_A_CHANGE = {"harvested_at"}


def _material_differs(material: TrainingMaterial, record: MaterialRecord) -> bool:
    for name, value in record.fields.items():
        if name not in NOT_A_CHANGE and getattr(material, name) != value:
            return True
    current_authors = [
        {"name": a.name, "is_organisation": a.is_organisation, "orcid": a.orcid}
        for a in material.authors.all()
    ]
    wanted_authors = [
        {
            "name": a["name"],
            "is_organisation": a.get("is_organisation", False),
            "orcid": a.get("orcid", ""),
        }
        for a in record.authors
    ]
    return (
        current_authors != wanted_authors
        or {a.pk for a in material.audiences.all()} != {a.pk for a in record.audiences}
        or {s.pk for s in material.related_software.all()}
        != {s.pk for s in record.related_software}
        or {t.pk for t in material.techniques.all()} != {t.pk for t in record.techniques}
        or sorted(t.name.lower() for t in material.keywords.all())
        != sorted(k.lower() for k in record.keywords)
    )


@transaction.atomic
def training_material_mark_reviewed(
    *,
    material: TrainingMaterial,
    reviewed_on: date,
    needs_update: bool = False,
    next_review_due: date | None = None,
    by=None,
) -> TrainingMaterial:
    """Record a curator's review: the date, the verdict and when to look again."""
    if reviewed_on > timezone.localdate():
        raise ValidationError("A review cannot be dated in the future.")
    material.last_reviewed = reviewed_on
    material.review_status = ReviewStatus.NEEDS_UPDATE if needs_update else ReviewStatus.REVIEWED
    material.next_review_due = next_review_due or next_review_after(reviewed_on)
    material.full_clean()
    publish(material, by=by)
    return material


@dataclass
class WorkflowRecord:
    slug: str
    title: str
    summary: str
    description: str
    graph: list[dict]  # StreamField raw data: {"type": "step"|"connection", "value": {...}}
    techniques: list = field(default_factory=list)
    to_verify: str = ""


@transaction.atomic
def workflow_upsert(
    *, index: WorkflowIndexPage, record: WorkflowRecord, by=None, trusted: bool = True
) -> tuple[Workflow, bool]:
    """Create or update a workflow by slug; the graph is validated before anything is written.

    Publishes for a trusted caller, otherwise submits for curator review.
    """
    workflow = Workflow.objects.child_of(index).filter(slug=record.slug).first()
    created = workflow is None
    if created:
        workflow = Workflow(slug=record.slug)
    scalars = {
        "title": record.title,
        "summary": record.summary,
        "description": record.description,
        "to_verify": record.to_verify,
    }
    if not created and not _workflow_differs(workflow, scalars, record):
        return workflow, False
    for name, value in scalars.items():
        setattr(workflow, name, value)
    workflow.graph = record.graph
    workflow.techniques = record.techniques
    # The same checks as the admin editor: each block, then the whole graph.
    workflow.graph.stream_block.clean(workflow.graph)
    _save(index, workflow, created=created, by=by, trusted=trusted)
    return workflow, True


def _workflow_differs(workflow: Workflow, scalars: dict, record: WorkflowRecord) -> bool:
    if any(getattr(workflow, name) != value for name, value in scalars.items()):
        return True
    stored = [{"type": c["type"], "value": c["value"]} for c in workflow.graph.raw_data]
    wanted = [{"type": c["type"], "value": c["value"]} for c in record.graph]
    return stored != wanted or {t.pk for t in workflow.techniques.all()} != {
        t.pk for t in record.techniques
    }
