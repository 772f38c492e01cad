"""The demo loader: real fixtures, every reference resolved, idempotent, loud when something is missing."""

import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings

from registry.collaborations.models import Collaboration, CollaborationIndexPage
from registry.training import demo
from registry.training.demo import DemoDataError
from registry.training.models import TrainingMaterial, Workflow
from registry.training.review import ReviewStatus

from .factories import FacilityFactory, SoftwareEntryFactory, software_index

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MATERIALS = yaml.safe_load((FIXTURES / "training.yaml").read_text(encoding="utf-8"))
WORKFLOWS = yaml.safe_load((FIXTURES / "workflows.yaml").read_text(encoding="utf-8"))

# The facility acronyms every capability shares (the brief's list).
SHARED_ACRONYMS = {
    "ESRF", "ILL", "HZDR", "Elettra", "SESAME", "ALBA", "MAX IV", "SOLEIL", "ESS", "DESY",
    "Diamond", "European XFEL", "HZB", "PSI", "KIT", "SOLARIS", "ISIS", "MLZ", "LLB",
}  # fmt: skip
SHARED_COLLABORATIONS = {
    "epics", "tango", "lima", "mxcube", "icepap", "sardana", "taurus", "ispyb",
    "pan-software-catalogue", "icat", "umbrellaid", "silx", "em", "pandabox",
    "calipsoplus-jra2", "panosc", "expands", "leaps-innov", "visa", "scicat", "nexus",
    "mcstas", "oasys", "simex",
}  # fmt: skip


def referenced(key: str) -> set[str]:
    names = {m.get(key) for m in MATERIALS} - {None}
    return names | {s.get(key) for w in WORKFLOWS for s in w["steps"]} - {None}


def referenced_software() -> set[str]:
    names = {slug for m in MATERIALS for slug in m.get("software") or []}
    return names | {s["software"] for w in WORKFLOWS for s in w["steps"] if s.get("software")}


def test_fixture_holds_at_least_thirty_real_materials_and_three_workflows():
    assert len(MATERIALS) >= 30
    assert len({m["slug"] for m in MATERIALS}) == len(MATERIALS)
    assert len(WORKFLOWS) >= 3
    for material in MATERIALS:
        url = urlsplit(material["url"])
        assert url.scheme in {"http", "https"} and url.netloc, material["slug"]
        assert "example" not in url.netloc, material["slug"]
        # No invented reviews: a curator has not checked the demo entries.
        assert "last_reviewed" not in material and "review_status" not in material


def test_fixtures_reference_only_shared_facilities_and_collaborations():
    assert referenced("facility") <= SHARED_ACRONYMS
    assert referenced("collaboration") <= SHARED_COLLABORATIONS


FACILITIES = yaml.safe_load((FIXTURES / "facilities.yaml").read_text(encoding="utf-8"))


@pytest.mark.xfail(
    condition=not SHARED_ACRONYMS <= {f["acronym"] for f in FACILITIES},
    reason="the full facilities fixture (foundation branch) is not merged into this tree yet",
    strict=True,
)
def test_every_referenced_facility_is_in_the_facilities_fixture():
    known = {f["acronym"] for f in FACILITIES}
    missing = referenced("facility") - known
    assert not missing, f"fixtures/facilities.yaml lacks {sorted(missing)}"


@pytest.fixture
def prerequisites(home):
    """What the earlier loaders provide: the referenced facilities, collaborations and software."""
    for acronym in referenced("facility"):
        FacilityFactory(acronym=acronym, title=f"{acronym} facility", slug=acronym.lower())
    collaborations = CollaborationIndexPage.objects.get()
    for slug in referenced("collaboration"):
        collaborations.add_child(
            instance=Collaboration(title=slug, slug=slug, category="project", brief=slug)
        )
    index = software_index(home)
    for slug in referenced_software():
        SoftwareEntryFactory(parent=index, title=slug, slug=slug)


def test_loader_creates_everything_then_a_second_run_changes_nothing(prerequisites):
    out = io.StringIO()
    demo.load(stdout=out)
    assert TrainingMaterial.objects.live().count() == len(MATERIALS)
    assert Workflow.objects.live().count() == len(WORKFLOWS)
    assert set(TrainingMaterial.objects.values_list("review_status", flat=True)) == {
        ReviewStatus.NEVER_REVIEWED
    }
    silx_view = TrainingMaterial.objects.get(slug="silx-view")
    assert silx_view.providing_facility.acronym == "ESRF"
    assert [s.slug for s in silx_view.related_software.all()] == ["silx"]
    tomography = Workflow.objects.get(slug="tomography-reconstruction")
    assert {s.slug for s in tomography.software.all()} == {"nabu", "tomopy", "silx"}
    revisions = sum(m.revisions.count() for m in TrainingMaterial.objects.all())

    again = io.StringIO()
    demo.load(stdout=again)
    assert "training materials: 0 written" in again.getvalue()
    assert "workflows: 0 written" in again.getvalue()
    assert sum(m.revisions.count() for m in TrainingMaterial.objects.all()) == revisions


def test_loader_updates_a_changed_entry_in_place(prerequisites):
    demo.load(stdout=io.StringIO())
    material = TrainingMaterial.objects.get(slug="sasview-tutorials")
    material.summary = "Edited by mistake"
    material.save()
    out = io.StringIO()
    demo.load(stdout=out)
    assert "training materials: 1 written" in out.getvalue()
    material.refresh_from_db()
    assert material.summary.startswith("Getting started with SasView")


def test_a_missing_software_entry_stops_the_load_and_names_it(prerequisites):
    from registry.software.models import SoftwareEntry

    SoftwareEntry.objects.get(slug="nabu").delete()
    with pytest.raises(DemoDataError) as caught:
        demo.load(stdout=io.StringIO())
    message = str(caught.value)
    assert "no software entry “nabu”" in message
    assert "material “nabu-documentation”" in message
    assert not TrainingMaterial.objects.exists()


def test_a_missing_facility_stops_the_load_and_names_it(prerequisites):
    from registry.facilities.models import Facility

    Facility.objects.get(acronym="Diamond").delete()
    with pytest.raises(DemoDataError, match="no facility “Diamond”"):
        demo.load(stdout=io.StringIO())
    assert not Workflow.objects.exists()
