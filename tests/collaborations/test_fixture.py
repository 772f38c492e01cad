"""The collaborations fixture holds the source document's collaborations, truthfully."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

from registry.collaborations.demo import read_fixture
from registry.collaborations.models import Collaboration

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# The slugs fixed in the brief's "Shared names".
SHARED_SLUGS = {
    "epics", "tango", "lima", "mxcube", "icepap", "sardana", "taurus", "ispyb",
    "pan-software-catalogue", "icat", "umbrellaid", "silx", "em", "pandabox",
    "calipsoplus-jra2", "panosc", "expands", "leaps-innov", "visa", "scicat", "nexus",
    "mcstas", "oasys", "simex",
}  # fmt: skip

# What the appendix of the LEAPS data strategy says about start dates.
APPENDIX_YEARS = {
    "icepap": 2007,
    "ispyb": 2009,
    "pan-software-catalogue": 2011,
    "icat": 2011,
    "umbrellaid": 2011,
    "silx": 2013,
    "em": 2013,
    "pandabox": 2015,
    "calipsoplus-jra2": 2017,
}
APPENDIX_PERIODS = {
    "epics": "late 1990s",
    "tango": "late 1990s",
    "sardana": "between 2008 and 2010",
    "taurus": "between 2008 and 2010",
}


@pytest.fixture(scope="module")
def records():
    return {record["slug"]: record for record in read_fixture()}


def test_every_shared_collaboration_slug_is_in_the_fixture(records):
    assert set(records) == SHARED_SLUGS


def test_every_facility_named_by_a_collaboration_is_in_the_facilities_fixture(records):
    facilities = yaml.safe_load((FIXTURES / "facilities.yaml").read_text(encoding="utf-8"))
    acronyms = {facility["acronym"] for facility in facilities}
    named = {acronym for record in records.values() for acronym in record.get("facilities", [])}
    assert named <= acronyms, named - acronyms


def test_start_dates_are_the_appendix_s(records):
    for slug, year in APPENDIX_YEARS.items():
        assert records[slug].get("start_year") == year, slug
        assert not records[slug].get("start_period"), slug
    for slug, period in APPENDIX_PERIODS.items():
        assert records[slug].get("start_year") is None, slug
        assert records[slug]["start_period"] == period, slug


def test_a_collaboration_without_start_year_says_so_for_curators(records):
    for slug, record in records.items():
        if record.get("start_year") is None:
            assert "Start year" in record.get("to_verify", ""), slug


def test_a_collaboration_without_facilities_or_website_says_so_for_curators(records):
    for slug, record in records.items():
        if not record.get("facilities"):
            assert "Facilities" in record.get("to_verify", ""), slug
        if not record.get("website"):
            assert "ebsite" in record.get("to_verify", ""), slug


def test_links_are_absolute_web_addresses(records):
    for slug, record in records.items():
        urls = [record.get("website")] + [r["url"] for r in record.get("repositories", [])]
        urls += [link["url"] for link in record.get("links", [])]
        for url in filter(None, urls):
            assert url.startswith(("https://", "http://")), (slug, url)


def test_categories_and_repository_kinds_are_known(records):
    kinds = {kind for kind, _ in Collaboration.repositories.rel.related_model.Kind.choices}
    for record in records.values():
        assert record["category"] in Collaboration.Category.values
        assert {r["kind"] for r in record.get("repositories", [])} <= kinds


def test_reading_a_fixture_with_an_unknown_field_names_the_entry(tmp_path):
    path = tmp_path / "collaborations.yaml"
    path.write_text("- {slug: x, title: X, category: hardware, brief: b, founded: 1999}\n")
    with pytest.raises(ValueError, match="'x'.*founded"):
        read_fixture(path)


def test_reading_a_fixture_with_an_unknown_category_names_it(tmp_path):
    path = tmp_path / "collaborations.yaml"
    path.write_text("- {slug: x, title: X, category: plumbing, brief: b}\n")
    with pytest.raises(ValueError, match="plumbing"):
        read_fixture(path)
