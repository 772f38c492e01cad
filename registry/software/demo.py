"""Demo loader: the real software entries of fixtures/software.yaml, updated in place by slug.

Runs after the facilities and collaborations loaders (DEMO_STEPS order) and
looks their rows up by acronym and slug; techniques by PaNET id. A reference
that is not in the database stops the load before anything is written, with
an error naming every missing one — never a silently thinner catalogue. A
second run changes nothing: an entry gets a new revision only when its
fixture data differs from what is published.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import CommandError

from registry.collaborations.models import Collaboration
from registry.facilities.models import Facility
from registry.vocabularies.models import Technique

from .models import (
    AttachedMaterial,
    DataFormat,
    Interface,
    OperatingSystem,
    ProgrammingLanguage,
    ScientificDomain,
    SoftwareEntry,
    SoftwareIndexPage,
    SoftwareRelation,
)
from .selectors import PANET_BASE

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "software.yaml"

SCALARS = [
    "title",
    "summary",
    "homepage_url",
    "repository_url",
    "documentation_url",
    "issue_tracker_url",
    "licence",
    "doi",
    "reference_publication_doi",
    "preferred_citation",
    "to_verify",
]
VOCABULARIES = {
    "programming_languages": ProgrammingLanguage,
    "data_formats": DataFormat,
    "scientific_domains": ScientificDomain,
}
# fixture key → (entry field, model, lookup field)
REFERENCES = {
    "languages": ("programming_languages", ProgrammingLanguage, "slug"),
    "interfaces": ("interfaces", Interface, "slug"),
    "operating_systems": ("operating_systems", OperatingSystem, "slug"),
    "domains": ("scientific_domains", ScientificDomain, "slug"),
    "formats_read": ("formats_read", DataFormat, "slug"),
    "formats_written": ("formats_written", DataFormat, "slug"),
    "techniques": ("techniques", Technique, "iri"),
    "developing_facilities": ("developing_facilities", Facility, "acronym"),
    "using_facilities": ("using_facilities", Facility, "acronym"),
    "collaborations": ("collaborations", Collaboration, "slug"),
}


class MissingDemoReference(CommandError):
    """The fixture names a facility, collaboration, technique or term the database lacks."""


def read_fixture(path: Path | None = None) -> dict:
    return yaml.safe_load((path or FIXTURE).read_text(encoding="utf-8"))


def _key(fixture_key: str, value: str) -> str:
    return PANET_BASE + value if fixture_key == "techniques" else value


def resolve_references(entries: list[dict]) -> dict[str, dict[str, object]]:
    """Every referenced row by fixture key and value; raises naming all missing ones."""
    resolved, missing = {}, []
    for fixture_key, (_, model, lookup) in REFERENCES.items():
        wanted = {_key(fixture_key, v) for e in entries for v in e.get(fixture_key, [])}
        found = {
            getattr(row, lookup): row for row in model.objects.filter(**{f"{lookup}__in": wanted})
        }
        resolved[fixture_key] = found
        for value in sorted(wanted - found.keys()):
            missing.append(f"{model._meta.verbose_name} {value!r} ({fixture_key})")
    if missing:
        raise MissingDemoReference(
            "fixtures/software.yaml references rows missing from the database: "
            + "; ".join(missing)
            + ". Facilities and collaborations come from their own demo loaders, which run "
            "before this one (DEMO_STEPS); techniques from the PaNET migration."
        )
    return resolved


def _load_vocabularies(vocabularies: dict) -> int:
    changed = 0
    for key, model in VOCABULARIES.items():
        for record in vocabularies.get(key, []):
            record = dict(record)
            slug = record.pop("slug")
            term = model.objects.filter(slug=slug).first()
            if term is None:
                model.objects.create(slug=slug, **record)
                changed += 1
            elif any(getattr(term, k) != v for k, v in record.items()):
                for k, v in record.items():
                    setattr(term, k, v)
                term.save()
                changed += 1
    return changed


def _desired(record: dict, resolved: dict, pages: dict) -> dict:
    scalars = {field: (record.get(field) or "").strip() for field in SCALARS}
    m2m = {
        field: {resolved[key][_key(key, v)].pk for v in record.get(key, [])}
        for key, (field, _, _) in REFERENCES.items()
    }
    relations = [(r["kind"], pages[r["target"]].pk) for r in record.get("relations", [])]
    materials = [(m["kind"], m["title"], m["url"]) for m in record.get("materials", [])]
    return {
        "scalars": scalars,
        "m2m": m2m,
        "tags": sorted(record.get("tags", [])),
        "relations": relations,
        "materials": materials,
    }


def _current(page: SoftwareEntry) -> dict:
    return {
        "scalars": {field: getattr(page, field) for field in SCALARS},
        "m2m": {
            field: set(getattr(page, field).values_list("pk", flat=True))
            for field, _, _ in REFERENCES.values()
        },
        "tags": sorted(page.tags.names()),
        "relations": [(r.kind, r.target_id) for r in page.relations.all()],
        "materials": [(m.kind, m.title, m.url) for m in page.attached_materials.all()],
    }


def _apply(page: SoftwareEntry, desired: dict) -> None:
    for field, value in desired["scalars"].items():
        setattr(page, field, value)
    for field, pks in desired["m2m"].items():
        getattr(page, field).set(list(pks))
    page.tags.set(desired["tags"])
    page.relations = [SoftwareRelation(kind=k, target_id=t) for k, t in desired["relations"]]
    page.attached_materials = [
        AttachedMaterial(kind=k, title=title, url=url) for k, title, url in desired["materials"]
    ]


def load(*, stdout) -> None:
    data = read_fixture()
    entries = data["entries"]
    vocabulary_changes = _load_vocabularies(data.get("vocabularies", {}))
    resolved = resolve_references(entries)
    index = SoftwareIndexPage.objects.get()

    # First make sure every page exists, so relations can point at any of them.
    pages = {page.slug: page for page in SoftwareEntry.objects.child_of(index)}
    created = updated = 0
    for record in entries:
        if record["slug"] not in pages:
            page = SoftwareEntry(
                slug=record["slug"], title=record["title"], summary=record["summary"]
            )
            index.add_child(instance=page)
            pages[page.slug] = page
            created += 1
    for record in entries:
        page = SoftwareEntry.objects.get(pk=pages[record["slug"]].pk)
        desired = _desired(record, resolved, pages)
        fresh = page.latest_revision_id is None
        if not fresh and _current(page) == desired:
            continue
        _apply(page, desired)
        page.save_revision().publish()
        updated += 0 if fresh else 1
    stdout.write(
        f"  software: {created} created, {updated} updated, {len(entries)} in fixture, "
        f"{vocabulary_changes} vocabulary terms written"
    )
