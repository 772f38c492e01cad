"""Demo loader: the facilities of fixtures/facilities.yaml, updated in place by acronym.

Runs first among the demo steps; the collaborations, software, training and
events loaders refer to these facilities by acronym.
"""

from pathlib import Path

import yaml
from django.conf import settings

from registry.core.page_upsert import Outcome, upsert_child_page
from registry.facilities.models import Facility, FacilityIndexPage

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "facilities.yaml"

# Every field the fixture manages; a key missing from a record means "empty",
# so removing a fact from the fixture removes it from the page too.
FIELDS = {
    "acronym": None,
    "title": None,
    "slug": None,
    "city": "",
    "country": "",
    "country_code": "",
    "is_synchrotron": False,
    "is_fel": False,
    "is_neutron_source": False,
    "is_laser": False,
    "leaps_member": False,
    "lens_member": False,
    "website": "",
    "gitlab_url": "",
    "github_organisation": "",
    "summary": "",
    "description": "",
    "to_verify": "",
}


def read_fixture(path: Path | None = None) -> list[dict]:
    path = path or FIXTURE
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    for record in records:
        unknown = set(record) - set(FIELDS)
        missing = {name for name, default in FIELDS.items() if default is None} - set(record)
        if unknown or missing:
            raise ValueError(
                f"{path.name}: facility {record.get('acronym', '?')!r} has unknown fields "
                f"{sorted(unknown)} or lacks {sorted(missing)}"
            )
    return records


def load(*, stdout) -> None:
    index = FacilityIndexPage.objects.get()
    records = read_fixture()
    counts = dict.fromkeys(Outcome, 0)
    for record in records:
        values = {name: record.get(name, default) for name, default in FIELDS.items()}
        _, outcome = upsert_child_page(index, Facility, key_field="acronym", values=values)
        counts[outcome] += 1
    stdout.write(
        f"  facilities: {counts[Outcome.CREATED]} created, {counts[Outcome.UPDATED]} updated, "
        f"{counts[Outcome.UNCHANGED]} unchanged"
    )
