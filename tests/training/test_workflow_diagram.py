"""The workflow diagram: SVG computed on the server, every box a named link, in flow order."""

import re

import pytest
from bs4 import BeautifulSoup

from registry.training.diagram import DiagramStep, layout
from registry.training.drawing import workflow_drawing

from .factories import WorkflowFactory, connection, step

pytestmark = pytest.mark.django_db

# A phone's 375 CSS pixels less the page's 1 rem padding on each side.
PHONE_CONTENT_WIDTH = 375 - 2 * 16


@pytest.fixture
def tomography(home, esrf, software):
    return WorkflowFactory(
        title="Tomographic reconstruction",
        graph=[
            step(
                "projections",
                "Raw projections, flats and darks",
                data_format="NeXus/HDF5 (NXtomo)",
                facility=esrf.pk,
                url="https://manual.nexusformat.org/classes/applications/NXtomo.html",
            ),
            step("nabu", "Reconstruction with nabu", "analysis", software=software["nabu"].pk),
            step(
                "tomopy", "Reconstruction with TomoPy", "analysis", software=software["tomopy"].pk
            ),
            step("volume", "Reconstructed volume", "result", data_format="HDF5 or TIFF stack"),
            step("view", "Inspect slices", "visualisation", software=software["silx"].pk),
            connection("projections", "nabu", "reconstruct"),
            connection("projections", "tomopy", "reconstruct"),
            connection("nabu", "volume"),
            connection("tomopy", "volume"),
            connection("volume", "view"),
        ],
    )


def svgs(client, workflow):
    soup = BeautifulSoup(client.get(workflow.url).content, "html.parser")
    return soup, {svg["data-orientation"]: svg for svg in soup.find_all("svg")}


def boxes(svg):
    """{step id: (x, y, width, height)} from the drawn rectangles."""
    out = {}
    for link in svg.find_all("a"):
        rect = link.find("rect")
        out[link["data-step"]] = tuple(float(rect[k]) for k in ("x", "y", "width", "height"))
    return out


def path_ends(path):
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path["d"])]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


def overlaps(a, b):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def test_every_step_is_a_link_with_an_accessible_name(client, tomography, software):
    _, drawn = svgs(client, tomography)
    for svg in drawn.values():
        links = svg.find_all("a")
        assert [a["data-step"] for a in links] == [
            "projections",
            "nabu",
            "tomopy",
            "volume",
            "view",
        ]
        for n, link in enumerate(links, start=1):
            assert link["href"]
            assert f"Step {n} of 5" in link["aria-label"]
        hrefs = {a["data-step"]: a["href"] for a in links}
        assert hrefs["nabu"] == software["nabu"].url
        assert hrefs["projections"].endswith("/NXtomo.html")
        # A result without its own link leads to its description below the diagram.
        assert hrefs["volume"] == "#step-volume"


def test_accessible_names_say_what_each_step_is(client, tomography):
    _, drawn = svgs(client, tomography)
    names = {a["data-step"]: a["aria-label"] for a in drawn["horizontal"].find_all("a")}
    assert names["projections"] == (
        "Raw projections, flats and darks, Dataset, NeXus/HDF5 (NXtomo) · ESRF. "
        "Step 1 of 5, from European Synchrotron Radiation Facility"
    )
    assert names["view"] == "Inspect slices, Visualisation, silx. Step 5 of 5, done with silx"


def test_each_box_shows_all_its_text_and_the_name_repeats_it(client, tomography):
    _, drawn = svgs(client, tomography)
    for svg in drawn.values():
        for link in svg.find_all("a"):
            shown = " ".join(t.get_text() for t in link.find_all("tspan"))
            assert "…" not in shown
            spoken = link["aria-label"].replace(",", "").replace(".", "")
            assert shown.replace(",", "").replace(".", "") in spoken


def test_the_svg_is_not_an_image_so_its_links_stay_reachable(client, tomography):
    _, drawn = svgs(client, tomography)
    for svg in drawn.values():
        assert svg["role"] == "group"
        assert svg.find("g", class_="workflow-svg__connections")["aria-hidden"] == "true"


def test_horizontal_layout_puts_layers_in_columns_left_to_right(client, tomography):
    _, drawn = svgs(client, tomography)
    svg = drawn["horizontal"]
    box = boxes(svg)
    assert box["nabu"][0] == box["tomopy"][0]  # same layer, same column
    assert box["projections"][0] < box["nabu"][0] < box["volume"][0] < box["view"][0]
    _, _, width, height = (float(n) for n in svg["viewbox"].split())
    for x, y, w, h in box.values():
        assert 0 <= x and x + w <= width and 0 <= y and y + h <= height
    keys = list(box)
    assert not any(overlaps(box[a], box[b]) for i, a in enumerate(keys) for b in keys[i + 1 :])


def test_arrows_run_from_the_right_edge_of_a_step_to_the_left_edge_of_the_next(client, tomography):
    _, drawn = svgs(client, tomography)
    svg = drawn["horizontal"]
    box = boxes(svg)
    paths = svg.find("g", class_="workflow-svg__connections").find_all("path")
    assert len(paths) == 5
    for path in paths:
        (sx, sy), (ex, ey) = path_ends(path)
        x, y, w, h = box[path["data-from"]]
        assert (sx, sy) == (x + w, y + h / 2)
        x, y, w, h = box[path["data-to"]]
        assert (ex, ey) == (x, y + h / 2)
        assert path["marker-end"] == "url(#wide-arrow)"


def test_vertical_layout_flows_top_down_and_fits_a_phone(client, tomography):
    _, drawn = svgs(client, tomography)
    svg = drawn["vertical"]
    box = boxes(svg)
    assert box["nabu"][1] == box["tomopy"][1]  # same layer, same row
    assert box["projections"][1] < box["nabu"][1] < box["volume"][1] < box["view"][1]
    assert float(svg["width"]) <= PHONE_CONTENT_WIDTH
    for path in svg.find("g", class_="workflow-svg__connections").find_all("path"):
        (_, sy), (_, ey) = path_ends(path)
        assert ey > sy


def test_text_alternative_lists_the_steps_in_the_same_order(client, tomography):
    soup, drawn = svgs(client, tomography)
    items = soup.find("ol", class_="workflow-steps").find_all("li", recursive=False)
    assert [li["id"] for li in items] == [
        f"step-{a['data-step']}" for a in drawn["horizontal"].find_all("a")
    ]
    assert "Leads to: step 2, Reconstruction with nabu (reconstruct)" in items[0].get_text(
        " ", strip=True
    )
    routes = [li.get_text() for li in soup.find("ul", class_="workflow-routes").find_all("li")]
    assert routes == [
        "Raw projections, flats and darks (ESRF) → Reconstruction with nabu → "
        "Reconstructed volume → Inspect slices",
        "Raw projections, flats and darks (ESRF) → Reconstruction with TomoPy → "
        "Reconstructed volume → Inspect slices",
    ]


def test_crossings_are_reduced_by_ordering_steps_under_their_inputs():
    def s(key):
        return DiagramStep(key, 0, key, "dataset", "Dataset", "", "#", key)

    # Editor order puts b's child first; the barycentre sweep puts it under b.
    steps = [s("a"), s("b"), s("child-of-b"), s("child-of-a")]
    links = [("a", "child-of-a", ""), ("b", "child-of-b", "")]
    diagram = layout(steps, links, orientation="horizontal")
    y = {placed.step.key: placed.y for placed in diagram.steps}
    assert y["child-of-a"] == y["a"] and y["child-of-b"] == y["b"]


def test_a_broken_draft_previews_its_problems_instead_of_a_diagram(home):
    workflow = WorkflowFactory.build(graph=[step("raw", "Raw"), connection("raw", "nowhere")])
    drawing = workflow_drawing(workflow)
    assert not drawing.drawable
    assert drawing.problems == [
        "Connection 1: There is no step with the id “nowhere”. The step ids are: “raw”."
    ]
