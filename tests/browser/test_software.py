"""The software catalogue's pages in a real browser, on the real demo catalogue.

Served by the session's demo site (`manage.py load_demo`), whose sample badges
for silx and pyFAI show the repository figures with CI passing and failing.
"""

import pytest

from .support import axe_violations, horizontal_overflow, open_page

PATHS = [
    "/software/",
    "/software/?language=python&interface=gui&sort=stars",
    "/software/?page=2",
    "/software/pyfai/",
    "/software/silx/",
    "/software/mantid/",
    "/facilities/esrf/",
]


@pytest.fixture(name="software_site")
def software_site_fixture(demo_site):
    """The demo site: its catalogue, with sample badges for silx and pyFAI (CI passing, failing)."""
    return demo_site


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
