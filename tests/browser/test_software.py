"""The software catalogue's pages in a real browser, on data the test arranges (live_server).

tests/browser/test_pages.py checks the same paths on the demo site once the
facilities and collaborations fixtures are there; this file does not depend on them.
"""

import pytest
from django.utils import timezone

from registry.core.site_setup import ensure_site
from registry.software.models import ProgrammingLanguage, RepositoryMetrics, SoftwareRelation
from tests.software.factories import FacilityFactory, SoftwareEntryFactory, publish

from .support import axe_violations, horizontal_overflow, open_page

# live_server needs committed data; serialized_rollback restores what the migrations
# created (the root page, PaNET techniques, groups) after each test's flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PATHS = [
    "/software/",
    "/software/?language=python&sort=stars",
    "/software/pyfai/",
    "/software/silx/",
]


@pytest.fixture
def software_site(live_server):
    ensure_site()
    esrf = FacilityFactory(acronym="ESRF", title="European Synchrotron Radiation Facility")
    python = ProgrammingLanguage.objects.create(name="Python", slug="python")
    silx = SoftwareEntryFactory(
        title="silx",
        slug="silx",
        summary="Python library and applications for data assessment at synchrotrons.",
        licence="MIT",
        repository_url="https://github.com/silx-kit/silx",
    )
    silx.programming_languages.add(python)
    silx.developing_facilities.add(esrf)
    silx = publish(silx)
    RepositoryMetrics.objects.create(
        entry=silx, host="github.com", full_name="silx-kit/silx", stars=140, forks=70,
        latest_release="v2.2.0", last_commit_at=timezone.now(), harvested_at=timezone.now(),
        languages=["Python", "Cython", "C"], ci_status="passing", ci_status_source="GitHub Actions",
    )  # fmt: skip
    pyfai = SoftwareEntryFactory(
        title="pyFAI",
        slug="pyfai",
        summary="Fast azimuthal integration of 2D diffraction and scattering images.",
        licence="MIT",
        reference_publication_doi="10.1107/S1600576715004306",
        description="<p>Azimuthal integration with detector geometry calibration.</p>",
    )
    pyfai.programming_languages.add(python)
    pyfai.relations = [SoftwareRelation(kind="builds-on", target=silx)]
    publish(pyfai)
    return live_server.url


@pytest.mark.parametrize("path", PATHS)
def test_software_page_fits_the_screen_and_passes_axe(software_site, page, path):
    open_page(page, software_site + path)
    assert horizontal_overflow(page) <= 0, f"{path} scrolls sideways"
    assert axe_violations(page) == []


def test_feedback_forms_open_without_javascript_and_pass_axe(software_site, page):
    open_page(page, software_site + "/software/pyfai/")
    page.click("text=Report a problem with this entry")
    page.click("text=My facility uses pyFAI")
    assert page.is_visible("#id_problem-message")
    assert axe_violations(page) == []


def test_an_invalid_report_page_keeps_the_text_and_passes_axe(software_site, page):
    open_page(page, software_site + "/software/pyfai/")
    page.click("text=Report a problem with this entry")
    page.select_option("#id_problem-kind", "broken-link")
    page.fill("#id_problem-message", "The documentation link answers 404.")
    # Passes the browser's own e-mail check, not the server's (no dot in the domain).
    page.fill("#id_problem-reporter_email", "ada@facility")
    page.click("text=Send the report")
    assert "Enter a valid email address." in page.content()
    assert page.input_value("#id_problem-message") == "The documentation link answers 404."
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page) == []
