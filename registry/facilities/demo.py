"""Demo loader: the facilities of fixtures/facilities.yaml, updated in place by acronym."""

from pathlib import Path

import yaml
from django.conf import settings

from registry.facilities.models import Facility, FacilityIndexPage

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "facilities.yaml"


def load(*, stdout) -> None:
    index = FacilityIndexPage.objects.get()
    records = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    created = updated = 0
    for record in records:
        record = dict(record)
        acronym = record["acronym"]
        facility = Facility.objects.filter(acronym=acronym).first()
        if facility is None:
            facility = Facility(**record)
            index.add_child(instance=facility)
            created += 1
        else:
            changed = [k for k, v in record.items() if getattr(facility, k) != v]
            if not changed:
                continue
            for key in changed:
                setattr(facility, key, record[key])
            updated += 1
        facility.save_revision().publish()
    stdout.write(f"  facilities: {created} created, {updated} updated, {len(records)} in fixture")
