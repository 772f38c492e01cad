"""The workflow diagram in a real browser: drawn, every box a link, no sideways scroll on a phone."""

import pytest

from tests.training.factories import (
    FacilityFactory,
    SoftwareEntryFactory,
    WorkflowFactory,
    connection,
    software_index,
    step,
)

from .support import axe_violations, horizontal_overflow, open_page

# The live server reads the test database from another thread, so the data
# must be committed; serialized rollback restores the migrations' rows after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def workflow(home):
    esrf = FacilityFactory(acronym="ESRF", title="European Synchrotron Radiation Facility")
    index = software_index(home)
    nabu = SoftwareEntryFactory(parent=index, title="nabu", slug="nabu")
    tomopy = SoftwareEntryFactory(parent=index, title="TomoPy", slug="tomopy")
    silx = SoftwareEntryFactory(parent=index, title="silx", slug="silx")
    return WorkflowFactory(
        title="Tomographic reconstruction of a synchrotron scan",
        summary="From raw projections to a reconstructed volume.",
        graph=[
            step(
                "projections",
                "Raw projections, flats and darks",
                data_format="NeXus/HDF5 (NXtomo)",
                facility=esrf.pk,
            ),
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


def test_workflow_diagram_is_drawn_with_a_named_link_per_step(
    live_server, page, viewport, workflow
):
    open_page(page, live_server.url + workflow.url)
    diagram = page.locator(".workflow-diagram svg").locator("visible=true")
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


def test_keyboard_reaches_the_steps_in_flow_order(live_server, page, workflow):
    open_page(page, live_server.url + workflow.url)
    visible = page.locator(".workflow-diagram svg").locator("visible=true")
    first = visible.locator("a").first
    first.focus()
    reached = []
    for _ in range(5):
        reached.append(page.evaluate("() => document.activeElement.getAttribute('data-step')"))
        page.keyboard.press("Tab")
    assert reached == ["projections", "nabu", "tomopy", "volume", "view"]


def test_a_step_link_leads_to_its_software_entry(live_server, page, workflow):
    open_page(page, live_server.url + workflow.url)
    visible = page.locator(".workflow-diagram svg").locator("visible=true")
    visible.locator("a[data-step='nabu']").click()
    page.wait_for_url("**/software/nabu/")
    assert page.url.endswith("/software/nabu/")
