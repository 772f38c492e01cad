"""schema.org Event JSON-LD on each event page, expanded with pyld against a local context."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from pyld import jsonld

from registry.events.models import Event

from .conftest import PARIS
from .factories import EventFactory

pytestmark = pytest.mark.django_db

# The schema.org context, read from the copy in fixtures/contexts: tests never go
# online. Its vocabulary is http://schema.org/; enumeration values (event status,
# attendance mode) are written as the https:// URLs schema.org publishes.
CONTEXT_FILE = Path(settings.BASE_DIR) / "fixtures" / "contexts" / "schemaorg-context.jsonld"
SCHEMA = "http://schema.org/"
ENUM = "https://schema.org/"


def local_loader(url, options=None):
    if url.rstrip("/") != "https://schema.org":
        raise jsonld.JsonLdError(f"No local copy of {url}", "loading document failed", {"url": url})
    document = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def page_jsonld(client, event):
    html = client.get(event.url).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def expanded(data):
    return jsonld.expand(data, {"documentLoader": local_loader})[0]


def iri(node, name):
    return [v.get("@id", v.get("@value")) for v in node[SCHEMA + name]]


def test_event_page_describes_a_hybrid_cancelled_event(client, calendar, esrf, panosc):
    event = EventFactory(
        title="FAIR data workshop",
        start=dt.datetime(2026, 12, 1, 9, tzinfo=PARIS),
        end=dt.datetime(2026, 12, 1, 17, tzinfo=PARIS),
        status=Event.Status.CANCELLED,
        attendance=Event.Attendance.HYBRID,
        online_url="https://meet.example.org/fair",
        venue="ESRF auditorium",
        facilities=[esrf],
        collaborations=[panosc],
        registration_url="https://indico.example.org/event/1/registrations/",
        registration_deadline=dt.date(2026, 11, 20),
        description="<p>Making <b>beamline data</b> FAIR.</p>",
    )
    data = page_jsonld(client, event)
    assert data["startDate"] == "2026-12-01T09:00:00+01:00"
    node = expanded(data)
    assert node["@type"] == [SCHEMA + "Event"]
    assert iri(node, "eventStatus") == [ENUM + "EventCancelled"]
    assert iri(node, "eventAttendanceMode") == [ENUM + "MixedEventAttendanceMode"]
    location_types = sorted(loc["@type"][0] for loc in node[SCHEMA + "location"])
    assert location_types == [SCHEMA + "Place", SCHEMA + "VirtualLocation"]
    organisers = {o[SCHEMA + "name"][0]["@value"] for o in node[SCHEMA + "organizer"]}
    assert organisers == {"European Synchrotron Radiation Facility", "PaNOSC"}
    assert node[SCHEMA + "description"][0]["@value"] == "Making beamline data FAIR."
    assert node[SCHEMA + "offers"][0][SCHEMA + "availabilityEnds"][0]["@value"] == "2026-11-20"


def test_all_day_school_is_an_education_event_with_plain_dates(client, calendar):
    event = EventFactory(
        title="Neutron school",
        event_type="school",
        all_day=True,
        start_date=dt.date(2027, 2, 1),
        end_date=dt.date(2027, 2, 5),
    )
    data = page_jsonld(client, event)
    assert (data["startDate"], data["endDate"]) == ("2027-02-01", "2027-02-05")
    node = expanded(data)
    assert node["@type"] == [SCHEMA + "EducationEvent"]
    assert iri(node, "eventAttendanceMode") == [ENUM + "OfflineEventAttendanceMode"]
    assert iri(node, "eventStatus") == [ENUM + "EventScheduled"]


def test_markup_in_the_title_cannot_break_out_of_the_script_block(client, calendar):
    event = EventFactory(title="</script><script>alert(1)</script>", slug="escaped")
    html = client.get(event.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"
