"""The software catalogue's pages in a real browser, on the real demo catalogue.

tests/browser/test_pages.py checks the same paths on the full demo site, which
needs the facilities and collaborations fixtures; this module serves its own
site (a fresh database, the brief's facilities and collaborations made by
factories, then the software demo loader) so it does not depend on them.
"""

import pytest
from django.db import connection

from .support import DemoSite, axe_violations, horizontal_overflow, open_page

PATHS = [
    "/software/",
    "/software/?language=python&interface=gui&sort=stars",
    "/software/?page=2",
    "/software/pyfai/",
    "/software/silx/",
    "/software/mantid/",
    "/facilities/esrf/",
]

ARRANGE = """
import sys
from django.utils import timezone
from registry.core.site_setup import ensure_site
from registry.software import demo
from registry.software.models import RepositoryMetrics, SoftwareEntry
from tests.software.factories import brief_collaborations, brief_facilities
ensure_site()
brief_facilities()
brief_collaborations()
demo.load(stdout=sys.stdout)
RepositoryMetrics.objects.create(
    entry=SoftwareEntry.objects.get(slug="silx"), host="github.com", full_name="silx-kit/silx",
    stars=140, forks=70, open_issues=90, latest_release="v2.2.0", contributors=60,
    last_commit_at=timezone.now(), harvested_at=timezone.now(), languages=["Python", "Cython"],
    ci_status="passing", ci_status_source="GitHub Actions (main)",
)
"""


@pytest.fixture(scope="module")
def software_site(chromium, django_db_blocker):
    with django_db_blocker.unblock():
        site = DemoSite.start(arrange=[["shell", "-c", ARRANGE]], label="software")
    yield site.url
    with django_db_blocker.unblock():
        site.stop()
        # Under Playwright's event loop this may be a connection of its own; leaving it
        # open would keep the test database busy at teardown.
        connection.close()


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
