"""The workflow diagram in a real browser: drawn, every box a link, no sideways scroll on a phone.

The pages are served by a server process of their own, on a fresh database
holding one real workflow (made with the training test factories), so this
module needs neither the demo data of other capabilities nor a transactional
test database shared with Playwright's event loop.
"""

import pytest
from django.db import connections

from .conftest import CHROMIUM_PATH
from .support import DemoSite, axe_violations, horizontal_overflow, open_page

BUILD_WORKFLOW = """
from registry.core.site_setup import ensure_site
from tests.training.factories import (
    FacilityFactory, SoftwareEntryFactory, WorkflowFactory, connection, software_index, step,
)
home = ensure_site()
esrf = FacilityFactory(acronym="ESRF", title="European Synchrotron Radiation Facility")
index = software_index(home)
nabu = SoftwareEntryFactory(parent=index, title="nabu", slug="nabu")
tomopy = SoftwareEntryFactory(parent=index, title="TomoPy", slug="tomopy")
silx = SoftwareEntryFactory(parent=index, title="silx", slug="silx")
WorkflowFactory(
    title="Tomographic reconstruction of a synchrotron scan",
    slug="tomography-reconstruction",
    summary="From raw projections to a reconstructed volume.",
    graph=[
        step("projections", "Raw projections, flats and darks",
             data_format="NeXus/HDF5 (NXtomo)", facility=esrf.pk),
        step("nabu", "Reconstruction with nabu", "analysis", software=nabu.pk),
        step("tomopy", "Reconstruction with TomoPy", "analysis", software=tomopy.pk),
        step("volume", "Reconstructed volume", "result", data_format="HDF5 or TIFF stack"),
        step("view", "Inspect slices in silx view", "visualisation", software=silx.pk),
        connection("projections", "nabu", "reconstruct"),
        connection("projections", "tomopy", "reconstruct"),
        connection("nabu", "volume"),
        connection("tomopy", "volume"),
        connection("volume", "view"),
    ],
)
"""
WORKFLOW_PATH = "/training/workflows/tomography-reconstruction/"
# The server's database is made next to the test database, so that one must exist.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def workflow_site(django_db_setup, django_db_blocker):
    """Base URL of a server on a fresh database holding the tomography workflow."""
    if not CHROMIUM_PATH:
        pytest.skip("needs Chromium: `apt-get install chromium` or set CHROMIUM_PATH")
    with django_db_blocker.unblock():
        site = DemoSite.start(arrange=[["shell", "-c", BUILD_WORKFLOW]], label="workflow")
    yield site.url
    with django_db_blocker.unblock():
        site.stop()
        # Playwright's event loop gives this thread a second database
        # connection; close it so the test database can be dropped.
        connections.close_all()


def visible_diagram(page):
    return page.locator(".workflow-diagram svg").locator("visible=true")


def test_workflow_diagram_is_drawn_with_a_named_link_per_step(workflow_site, page, viewport):
    open_page(page, workflow_site + WORKFLOW_PATH)
    diagram = visible_diagram(page)
    assert diagram.count() == 1
    box = diagram.bounding_box()
    assert box["width"] > 100 and box["height"] > 100
    links = diagram.locator("a")
    assert links.count() == 5
    for n in range(5):
        link = links.nth(n)
        assert link.is_visible()
        assert link.get_attribute("href")
        assert f"Step {n + 1} of 5" in link.get_attribute("aria-label")
    # Tall layout on the phone, wide layout on the laptop.
    expected = "vertical" if viewport["width"] < 768 else "horizontal"
    assert diagram.get_attribute("data-orientation") == expected
    assert horizontal_overflow(page) <= 0
    assert axe_violations(page) == []


def test_keyboard_reaches_the_steps_in_flow_order(workflow_site, page):
    open_page(page, workflow_site + WORKFLOW_PATH)
    visible_diagram(page).locator("a").first.focus()
    reached = []
    for _ in range(5):
        reached.append(page.evaluate("() => document.activeElement.getAttribute('data-step')"))
        page.keyboard.press("Tab")
    assert reached == ["projections", "nabu", "tomopy", "volume", "view"]


def test_a_step_link_leads_to_its_software_entry(workflow_site, page):
    open_page(page, workflow_site + WORKFLOW_PATH)
    visible_diagram(page).locator("a[data-step='nabu']").click()
    page.wait_for_url("**/software/nabu/")
    assert page.url.endswith("/software/nabu/")
