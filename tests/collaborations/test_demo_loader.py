"""The collaborations demo loader: real data in, idempotent, and all-or-nothing on bad input."""

import io

import pytest
from wagtail.models import Revision

from registry.collaborations import demo
from registry.collaborations.models import Collaboration


def test_load_creates_every_collaboration_with_its_facilities_and_code(demo_data):
    assert Collaboration.objects.live().count() == 24
    tango = Collaboration.objects.get(slug="tango")
    assert tango.full_name == "Tango Controls"
    assert tango.start_year is None and tango.start_period == "late 1990s"
    assert tango.start_decade == 1990
    assert {"ESRF", "SOLEIL", "ALBA"} <= {f.acronym for f in tango.facilities.all()}
    assert tango.repositories.get().url == "https://gitlab.com/tango-controls"
    panosc = Collaboration.objects.get(slug="panosc")
    assert (panosc.start_year, panosc.end_year) == (2018, 2022)
    assert panosc.links.filter(url="https://data.panosc.eu").exists()


def test_second_run_of_unchanged_fixture_writes_nothing(demo_data):
    revisions = Revision.objects.count()
    out = io.StringIO()
    demo.load(stdout=out)
    assert Revision.objects.count() == revisions
    assert "0 created, 0 updated, 24 unchanged" in out.getvalue()


def test_changed_record_updates_its_page_as_a_new_revision(demo_data, tmp_path, monkeypatch):
    text = demo.FIXTURE.read_text(encoding="utf-8")
    changed = text.replace("start_year: 2007", "start_year: 2007\n  end_year: 2024", 1)
    fixture = tmp_path / "collaborations.yaml"
    fixture.write_text(changed, encoding="utf-8")
    monkeypatch.setattr(demo, "FIXTURE", fixture)
    icepap = Collaboration.objects.get(slug="icepap")
    revisions = icepap.revisions.count()

    out = io.StringIO()
    demo.load(stdout=out)

    icepap.refresh_from_db()
    assert icepap.end_year == 2024
    assert icepap.revisions.count() == revisions + 1
    assert "0 created, 1 updated, 23 unchanged" in out.getvalue()


def test_unknown_facility_acronym_stops_the_load_before_any_write(demo_data, tmp_path, monkeypatch):
    fixture = tmp_path / "collaborations.yaml"
    fixture.write_text(
        "- {slug: tango, title: Tango, category: control-system, brief: changed, facilities: [ESRF]}\n"
        "- {slug: other, title: Other, category: hardware, brief: b, facilities: [NOWHERE]}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(demo, "FIXTURE", fixture)
    revisions = Revision.objects.count()
    with pytest.raises(ValueError, match="NOWHERE"):
        demo.load(stdout=io.StringIO())
    assert Revision.objects.count() == revisions
    assert not Collaboration.objects.filter(slug="other").exists()
