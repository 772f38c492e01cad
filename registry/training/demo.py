"""Demo loader: real training materials (fixtures/training.yaml) and workflows
(fixtures/workflows.yaml), updated in place by slug.

Runs after the facilities, collaborations and software loaders: fixtures
name facilities by acronym, collaborations and software entries by slug and
PaN techniques by PaNET id. Every reference is resolved before anything is
written; a missing one stops the load with a DemoDataError naming it, so a
renamed software slug is found at once instead of leaving a half-linked
catalogue. A second run changes nothing.
"""

from datetime import timedelta
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.dateparse import parse_duration

from registry.collaborations.models import Collaboration
from registry.core.site_setup import ensure_child
from registry.facilities.models import Facility
from registry.software.models import SoftwareEntry
from registry.vocabularies.models import Technique

from .models import Audience, TrainingIndexPage, WorkflowIndexPage
from .services import MaterialRecord, WorkflowRecord, training_material_upsert, workflow_upsert

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MATERIALS_FIXTURE = FIXTURES / "training.yaml"
WORKFLOWS_FIXTURE = FIXTURES / "workflows.yaml"

WORKFLOWS_INTRO = (
    "<p>How datasets flow through catalogued analysis software to results, drawn as "
    "small diagrams. Each box links to its software entry or its data.</p>"
)


class DemoDataError(Exception):
    """The fixtures refer to something that is not there, or describe it wrongly."""


class References:
    """Look-ups of what the fixtures name, loaded once; every miss is recorded."""

    def __init__(self):
        self.facilities = {f.acronym: f for f in Facility.objects.all()}
        self.collaborations = {c.slug: c for c in Collaboration.objects.all()}
        self.software = {s.slug: s for s in SoftwareEntry.objects.all()}
        self.techniques = {t.panet_id: t for t in Technique.objects.all()}
        self.audiences = {a.slug: a for a in Audience.objects.all()}
        self.missing: list[str] = []

    def one(self, kind: str, table: dict, key, where: str):
        if key in (None, ""):
            return None
        if key not in table:
            self.missing.append(f"{where}: no {kind} “{key}”")
            return None
        return table[key]

    def many(self, kind: str, table: dict, keys, where: str) -> list:
        found = [self.one(kind, table, key, where) for key in keys or []]
        return [item for item in found if item is not None]

    def raise_if_missing(self, fixture: Path) -> None:
        if self.missing:
            raise DemoDataError(
                f"{fixture.name} refers to entries that are not loaded "
                f"(load facilities, collaborations and software first):\n  "
                + "\n  ".join(self.missing)
            )


def load(*, stdout) -> None:
    with transaction.atomic():
        index = TrainingIndexPage.objects.get()
        workflows_index = ensure_workflow_index(index)
        refs = References()
        materials = [_material_record(raw, refs) for raw in _read(MATERIALS_FIXTURE)]
        refs.raise_if_missing(MATERIALS_FIXTURE)
        workflows = [_workflow_record(raw, refs) for raw in _read(WORKFLOWS_FIXTURE)]
        refs.raise_if_missing(WORKFLOWS_FIXTURE)

        written = sum(_upsert(training_material_upsert, index, record) for record in materials)
        stdout.write(f"  training materials: {written} written, {len(materials)} in fixture")
        written = sum(_upsert(workflow_upsert, workflows_index, record) for record in workflows)
        stdout.write(f"  workflows: {written} written, {len(workflows)} in fixture")


def ensure_workflow_index(index: TrainingIndexPage) -> WorkflowIndexPage:
    return ensure_child(
        index,
        WorkflowIndexPage,
        slug="workflows",
        title="Graphical workflows",
        intro=WORKFLOWS_INTRO,
    )


def _read(path: Path) -> list[dict]:
    records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    slugs = [record.get("slug") for record in records]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise DemoDataError(f"{path.name}: duplicate slugs {', '.join(duplicates)}")
    return records


def _upsert(service, index, record) -> bool:
    try:
        _, changed = service(index=index, record=record)
    except ValidationError as error:
        raise DemoDataError(f"“{record.slug}” is invalid: {_messages(error)}") from error
    return changed


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(map(str, errs))}" for field, errs in error.message_dict.items()
        )
    if hasattr(error, "block_errors") or hasattr(error, "non_block_errors"):
        return str(getattr(error, "as_json_data", lambda: error)())
    return " ".join(error.messages)


def _material_record(raw: dict, refs: References) -> MaterialRecord:
    where = f"material “{raw['slug']}”"
    fields = {
        "title": raw["title"],
        "summary": raw["summary"],
        "description": raw.get("description", "").strip(),
        "material_type": raw["type"],
        "resource_url": raw["url"],
        "difficulty": raw.get("difficulty") or "",
        "prerequisites": raw.get("prerequisites", "").strip(),
        "learning_objectives": raw.get("learning_objectives", "").strip(),
        "duration": _duration(raw.get("duration"), where),
        "language": raw.get("language", "en"),
        "licence": raw.get("licence") or "",
        "providing_facility": refs.one("facility", refs.facilities, raw.get("facility"), where),
        "providing_collaboration": refs.one(
            "collaboration", refs.collaborations, raw.get("collaboration"), where
        ),
        # Demo entries carry no invented review: a curator has not checked them here.
        "review_status": raw.get("review_status", "never-reviewed"),
        "last_reviewed": raw.get("last_reviewed"),
        "next_review_due": raw.get("next_review_due"),
        "source": "hand-made",
        "to_verify": raw.get("to_verify", "").strip(),
    }
    return MaterialRecord(
        slug=raw["slug"],
        fields=fields,
        audiences=refs.many("audience", refs.audiences, raw.get("audiences"), where),
        related_software=refs.many("software entry", refs.software, raw.get("software"), where),
        techniques=refs.many("PaNET technique", refs.techniques, raw.get("techniques"), where),
        keywords=list(raw.get("keywords") or []),
        authors=[
            {
                "name": author["name"],
                "is_organisation": bool(author.get("organisation", False)),
                "orcid": author.get("orcid", ""),
            }
            for author in raw.get("authors") or []
        ],
    )


def _duration(value, where: str) -> timedelta | None:
    if not value:
        return None
    parsed = parse_duration(str(value))
    if parsed is None:
        raise DemoDataError(f"{where}: duration “{value}” is not ISO 8601 (e.g. PT2H, P5D)")
    return parsed


def _workflow_record(raw: dict, refs: References) -> WorkflowRecord:
    where = f"workflow “{raw['slug']}”"
    graph = []
    for step in raw["steps"]:
        software = refs.one("software entry", refs.software, step.get("software"), where)
        facility = refs.one("facility", refs.facilities, step.get("facility"), where)
        graph.append(
            {
                "type": "step",
                "value": {
                    "step_id": step["id"],
                    "label": step["label"],
                    "kind": step["kind"],
                    "software": software.pk if software else None,
                    "data_format": step.get("format", ""),
                    "facility": facility.pk if facility else None,
                    "url": step.get("url", ""),
                    "note": step.get("note", ""),
                },
            }
        )
    for source, target, *label in raw["connections"]:
        graph.append(
            {
                "type": "connection",
                "value": {"source": source, "target": target, "label": label[0] if label else ""},
            }
        )
    return WorkflowRecord(
        slug=raw["slug"],
        title=raw["title"],
        summary=raw["summary"],
        description=raw.get("description", "").strip(),
        graph=graph,
        techniques=refs.many("PaNET technique", refs.techniques, raw.get("techniques"), where),
        to_verify=raw.get("to_verify", "").strip(),
    )
