"""The facilities fixture holds the shared acronyms with the facts a page needs."""

import io

import pytest

from registry.facilities import demo
from registry.facilities.models import Facility

SHARED_ACRONYMS = {
    "ESRF", "ILL", "HZDR", "Elettra", "SESAME", "ALBA", "MAX IV", "SOLEIL", "ESS", "DESY",
    "Diamond", "European XFEL", "HZB", "PSI", "KIT", "SOLARIS", "ISIS", "MLZ", "LLB",
}  # fmt: skip


@pytest.fixture(scope="module")
def records():
    return {record["acronym"]: record for record in demo.read_fixture()}


def test_every_shared_acronym_is_in_the_fixture(records):
    assert SHARED_ACRONYMS <= set(records)


def test_every_facility_has_location_kind_and_a_unique_slug(records):
    slugs = [record["slug"] for record in records.values()]
    assert len(slugs) == len(set(slugs))
    for acronym, record in records.items():
        assert record["city"] and record["country"], acronym
        assert len(record["country_code"]) == 2 and record["country_code"].isupper(), acronym
        kinds = ("is_synchrotron", "is_fel", "is_neutron_source", "is_laser")
        assert any(record.get(kind) for kind in kinds), acronym


def test_missing_website_or_uncertain_membership_is_named_for_curators(records):
    for acronym, record in records.items():
        if not record.get("website"):
            assert "Website" in record.get("to_verify", ""), acronym
    assert "LEAPS" in records["SESAME"]["to_verify"] and not records["SESAME"].get("leaps_member")


def test_web_addresses_are_https(records):
    for acronym, record in records.items():
        for field in ("website", "gitlab_url", "github_organisation"):
            if record.get(field):
                assert record[field].startswith("https://"), (acronym, field)


def test_fixture_with_unknown_field_is_refused_with_the_acronym(tmp_path):
    path = tmp_path / "facilities.yaml"
    path.write_text(
        "- {acronym: XFAC, title: X, slug: x, city: A, country: B, country_code: FR, size: big}\n"
    )
    with pytest.raises(ValueError, match="XFAC.*size"):
        demo.read_fixture(path)


def test_second_load_changes_nothing_and_a_removed_fact_is_emptied(
    demo_data, tmp_path, monkeypatch
):
    out = io.StringIO()
    demo.load(stdout=out)
    assert "0 created, 0 updated, 21 unchanged" in out.getvalue()

    text = demo.FIXTURE.read_text(encoding="utf-8")
    fixture = tmp_path / "facilities.yaml"
    fixture.write_text(text.replace("  gitlab_url: https://code.ill.fr/\n", ""), encoding="utf-8")
    monkeypatch.setattr(demo, "FIXTURE", fixture)
    demo.load(stdout=io.StringIO())
    assert Facility.objects.get(acronym="ILL").gitlab_url == ""
