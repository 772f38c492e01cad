"""Demo loader: the real PaN events of fixtures/events.yaml, updated in place by slug.

Runs after the facilities and collaborations loaders (it links events to
them by acronym and slug) and goes through the same services as every other
write, so a second run finds nothing changed and writes nothing.
"""

from pathlib import Path

import yaml
from django.conf import settings

from registry.collaborations.models import Collaboration
from registry.facilities.models import Facility

from .models import Event, EventIndexPage
from .services import event_create, event_update

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "events.yaml"


def load(*, stdout) -> None:
    index = EventIndexPage.objects.get()
    records = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    facilities = {f.acronym: f for f in Facility.objects.all()}
    collaborations = {c.slug: c for c in Collaboration.objects.all()}
    created = updated = 0
    missing = set()
    for record in records:
        data = dict(record)
        wanted_facilities = data.pop("facilities", [])
        wanted_collaborations = data.pop("collaborations", [])
        missing |= {f"facility {a}" for a in wanted_facilities if a not in facilities}
        missing |= {f"collaboration {s}" for s in wanted_collaborations if s not in collaborations}
        data["facilities"] = [facilities[a] for a in wanted_facilities if a in facilities]
        data["collaborations"] = [
            collaborations[s] for s in wanted_collaborations if s in collaborations
        ]
        data.setdefault("keywords", [])
        event = Event.objects.child_of(index).filter(slug=data["slug"]).first()
        if event is None:
            event_create(data=data, origin=Event.Origin.EDITOR, index=index)
            created += 1
        elif event_update(event=event, data=data):
            updated += 1
    unchanged = len(records) - created - updated
    stdout.write(f"  events: {created} created, {updated} updated, {unchanged} unchanged")
    if missing:
        # The link is left out, never guessed; rerunning after the missing
        # entry is loaded adds it.
        stdout.write(f"  events: not linked, not in the database: {', '.join(sorted(missing))}")
