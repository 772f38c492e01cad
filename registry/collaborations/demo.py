"""Demo loader: the IT collaborations of fixtures/collaborations.yaml, keyed by slug.

Runs after the facilities loader: participating facilities are named by
acronym, and an acronym that is not in the database stops the load before
anything is written.
"""

from pathlib import Path

import yaml
from django.conf import settings

from registry.core.page_upsert import Outcome, upsert_child_page
from registry.facilities.models import Facility

from .models import Collaboration, CollaborationIndexPage

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "collaborations.yaml"

# Every field the fixture manages, with the value a missing key means.
FIELDS = {
    "slug": "",
    "title": "",
    "category": "",
    "brief": "",
    "full_name": "",
    "start_year": None,
    "start_period": "",
    "end_year": None,
    "website": "",
    "description": "",
    "to_verify": "",
}
RELATIONS = {"facilities", "repositories", "links"}
REQUIRED = {"slug", "title", "category", "brief"}


def read_fixture(path: Path | None = None) -> list[dict]:
    path = path or FIXTURE
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    categories = set(Collaboration.Category.values)
    for record in records:
        name = record.get("slug", "?")
        unknown = set(record) - set(FIELDS) - RELATIONS
        missing = REQUIRED - set(record)
        if unknown or missing:
            raise ValueError(
                f"{path.name}: collaboration {name!r} has unknown fields {sorted(unknown)} "
                f"or lacks {sorted(missing)}"
            )
        if record["category"] not in categories:
            raise ValueError(
                f"{path.name}: collaboration {name!r} has unknown category {record['category']!r}"
            )
    return records


def load(*, stdout) -> None:
    index = CollaborationIndexPage.objects.get()
    records = read_fixture()
    facilities = {f.acronym: f for f in Facility.objects.all()}
    unknown = sorted(
        {acronym for record in records for acronym in record.get("facilities", [])}
        - set(facilities)
    )
    if unknown:
        raise ValueError(f"collaborations.yaml names facilities that are not loaded: {unknown}")

    counts = dict.fromkeys(Outcome, 0)
    for record in records:
        values = {name: record.get(name, default) for name, default in FIELDS.items()}
        _, outcome = upsert_child_page(
            index,
            Collaboration,
            key_field="slug",
            values=values,
            many_to_many={"facilities": [facilities[a] for a in record.get("facilities", [])]},
            children={
                "repositories": [dict(row) for row in record.get("repositories", [])],
                "links": [dict(row) for row in record.get("links", [])],
            },
        )
        counts[outcome] += 1
    stdout.write(
        f"  collaborations: {counts[Outcome.CREATED]} created, {counts[Outcome.UPDATED]} updated, "
        f"{counts[Outcome.UNCHANGED]} unchanged"
    )
