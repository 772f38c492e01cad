"""The timeline picture: geometry follows the data, the SVG is described, the page follows publishing."""

import re

from registry.collaborations.models import Collaboration, CollaborationIndexPage
from registry.collaborations.timeline import NOT_RECORDED, TimelineItem, build_timeline
from registry.facilities.models import Facility


def item(title, year, facilities=(), period=""):
    return TimelineItem(
        title=title,
        url=f"/collaborations/{title.lower()}/",
        start_year=year,
        started=str(year) if year else period,
        facilities=tuple(facilities),
    )


def test_panels_are_the_appendix_periods_plus_later_years_when_data_has_them():
    timeline = build_timeline([item("IcePAP", 2007, ["ESRF"]), item("silx", 2013, ["ESRF"])])
    assert [(p.first_year, p.last_year) for p in timeline.panels] == [(1999, 2009), (2010, 2019)]

    timeline = build_timeline([item("LEAPS-INNOV", 2021, ["DESY"]), item("Old", 1994, ["ILL"])])
    assert [(p.first_year, p.last_year) for p in timeline.panels] == [
        (1994, 1998),
        (1999, 2009),
        (2010, 2019),
        (2020, 2021),
    ]


def test_collaborations_are_placed_left_to_right_by_start_year():
    timeline = build_timeline(
        [
            item("PandABox", 2015, ["Diamond"]),
            item("ICAT", 2011, ["ISIS"]),
            item("silx", 2013, ["ESRF"]),
        ]
    )
    panel = timeline.panels[1]
    xs = {mark.item.title: mark.x for mark in panel.marks}
    assert xs["ICAT"] < xs["silx"] < xs["PandABox"]
    bands = {band.year: band for band in panel.years}
    for mark in panel.marks:
        band = bands[mark.item.start_year]
        assert band.x < mark.x < band.x + band.width


def test_collaborations_of_the_same_year_get_their_own_slots():
    timeline = build_timeline(
        [item(name, 2011, ["ESRF"]) for name in ("ICAT", "umbrellaID", "Catalogue")]
    )
    xs = [mark.x for mark in timeline.panels[1].marks]
    assert len(set(xs)) == 3


def test_each_participating_facility_gets_a_row_and_a_dot():
    timeline = build_timeline(
        [item("IcePAP", 2007, ["ESRF", "ALBA", "MAX IV"]), item("ISPyB", 2009, ["ESRF", "Diamond"])]
    )
    panel = timeline.panels[0]
    rows = {row.label: row.y for row in panel.rows}
    assert list(rows) == ["ALBA", "Diamond", "ESRF", "MAX IV"]
    icepap = next(m for m in panel.marks if m.item.title == "IcePAP")
    assert set(icepap.dots) == {rows["ESRF"], rows["ALBA"], rows["MAX IV"]}
    assert icepap.spans and icepap.y_top == rows["ALBA"] and icepap.y_bottom == rows["MAX IV"]


def test_unrecorded_facilities_get_a_hollow_dot_on_their_own_row():
    panel = build_timeline([item("umbrellaID", 2011), item("ICAT", 2011, ["ISIS"])]).panels[1]
    assert [row.label for row in panel.rows] == ["ISIS", NOT_RECORDED]
    umbrella = next(m for m in panel.marks if m.item.title == "umbrellaID")
    assert umbrella.hollow and umbrella.dots == (panel.rows[-1].y,)


def test_collaborations_without_a_year_are_listed_not_placed():
    timeline = build_timeline(
        [item("Tango", None, ["ESRF"], period="late 1990s"), item("IcePAP", 2007, ["ESRF"])]
    )
    assert [i.title for i in timeline.unplaced] == ["Tango"]
    assert timeline.placed_count == 1


def test_the_picture_is_wide_enough_for_its_longest_rotated_name():
    short = build_timeline([item("Em#", 2013, ["ALBA"])]).panels[1]
    long = build_timeline([item("PaN Software Catalogue and more", 2013, ["ALBA"])]).panels[1]
    assert long.plot_top > short.plot_top
    assert long.width >= short.width


def test_description_names_every_placed_collaboration_and_its_facilities():
    panel = build_timeline([item("IcePAP", 2007, ["ALBA", "ESRF"])]).panels[0]
    assert "IcePAP (2007): ALBA, ESRF" in panel.description
    assert panel.title == "LEAPS IT collaborations 1999–2009"


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg class=\"timeline__svg\".*?</svg>", html, flags=re.S)


def test_directory_page_draws_described_svgs_and_the_table(client, demo_data):
    html = client.get("/collaborations/").content.decode()
    pictures = svgs(html)
    assert len(pictures) == 3  # 1999-2009, 2010-2019, 2020-2021 (LEAPS-INNOV)
    for svg in pictures:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "IcePAP (2007): ALBA, ESRF, MAX IV" in pictures[0]
    assert ">ExPaNDS</text>" in pictures[1]
    table = html[html.index('<table class="timeline__table">') :]
    for name in ["EPICS", "Tango", "IcePAP", "ISPyB", "LEAPS-INNOV"]:
        assert f">{name}</a></th>" in table
    assert 'tabindex="0" role="region"' in html
    assert "Not on the timeline yet" in html and "late 1990s" in html


def test_publishing_a_collaboration_redraws_the_timeline(
    client, demo_data, django_capture_on_commit_callbacks
):
    before = client.get("/collaborations/").content.decode()
    assert "Daphne" not in "".join(svgs(before))

    index = CollaborationIndexPage.objects.get()
    page = Collaboration(
        title="Daphne", slug="daphne", category="project", brief="A project.", start_year=2021
    )
    page.facilities.set(Facility.objects.filter(acronym__in=["DESY", "HZB"]))
    index.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    pictures = svgs(client.get("/collaborations/").content.decode())
    assert ">Daphne</text>" in pictures[2]
    assert "Daphne (2021): DESY, HZB" in pictures[2]


def test_a_curator_giving_a_start_year_moves_it_onto_the_picture(client, demo_data):
    tango = Collaboration.objects.get(slug="tango")
    tango.start_year = 1999
    tango.save_revision().publish()
    pictures = svgs(client.get("/collaborations/").content.decode())
    assert ">Tango</text>" in pictures[0]
