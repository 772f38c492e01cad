"""The facility index (filters by kind, network, country) and the facility page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.collaborations.models import Collaboration
from registry.facilities.models import Facility, FacilityIndexPage
from tests.collaborations.factories import FacilityFactory, JobPostingFactory, NewsItemFactory


def acronyms(response) -> set[str]:
    html = response.content.decode()
    return set(re.findall(r'<article class="card">\s*<h3><a href="[^"]+">([^<]+)</a>', html))


def test_index_lists_every_facility(client, demo_data):
    response = client.get("/facilities/")
    assert response.status_code == 200
    assert {"ESRF", "ILL", "MAX IV", "European XFEL", "ISIS", "MLZ"} <= acronyms(response)
    assert "21 facilities" in response.content.decode()


def test_filter_by_kind(client, demo_data):
    neutron = acronyms(client.get("/facilities/", {"kind": "neutron"}))
    assert {"ILL", "ESS", "ISIS", "MLZ", "LLB", "PSI"} <= neutron
    assert "ESRF" not in neutron
    fel_or_laser = acronyms(client.get("/facilities/", {"kind": ["fel", "laser"]}))
    assert {"European XFEL", "HZDR", "DESY", "Elettra", "PSI"} <= fel_or_laser
    assert "ILL" not in fel_or_laser


def test_filter_by_network(client, demo_data):
    lens = acronyms(client.get("/facilities/", {"network": "lens"}))
    assert {"ILL", "ESS", "ISIS", "MLZ", "PSI"} <= lens
    assert "ESRF" not in lens and "SESAME" not in lens


def test_filter_by_country_combined_with_kind(client, demo_data):
    assert acronyms(client.get("/facilities/", {"country": "FR"})) == {
        "ESRF",
        "ILL",
        "SOLEIL",
        "LLB",
    }
    assert acronyms(client.get("/facilities/", {"country": "FR", "kind": "synchrotron"})) == {
        "ESRF",
        "SOLEIL",
    }


def test_active_filter_can_be_removed_and_unknown_values_are_named(client, demo_data):
    html = client.get("/facilities/", {"country": "FR", "network": "atlantis"}).content.decode()
    assert "Remove filter </span>Country: France" in html
    assert "Ignored unknown filter value: atlantis." in html
    assert "4 facilities match the filters" in html


def test_facility_page_shows_its_facts_and_collaborations(client, demo_data):
    response = client.get("/facilities/esrf/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "European Synchrotron Radiation Facility" in html
    assert "Grenoble, France" in html
    assert 'href="https://gitlab.esrf.fr/"' in html
    assert 'IT collaborations <span class="count">(10)</span>' in html
    for name in ["IcePAP", "ISPyB", "silx", "PaNOSC", "Tango"]:
        assert f">{name}</a>" in html


def test_facility_page_sections_show_empty_states_and_live_items(client, demo_data):
    html = client.get("/facilities/npi/").content.decode()
    assert "This facility takes part in no collaboration listed here yet." in html
    assert "No news from this facility yet." in html

    ill = Facility.objects.get(acronym="ILL")
    NewsItemFactory(title="VISA 3 deployed", facility=ill)
    JobPostingFactory(title="Scientific software developer", facility=ill, location="Grenoble")
    html = client.get("/facilities/ill/").content.decode()
    assert "VISA 3 deployed" in html and "Scientific software developer" in html
    assert 'Job announcements <span class="count">(1)</span>' in html


def test_facility_page_names_facts_left_for_curators(client, demo_data):
    html = client.get("/facilities/llb/").content.decode()
    assert "Some facts on this page are not verified yet" in html
    assert "Website: not recorded" in html


def test_facility_card_counts_only_live_collaborations(client, demo_data):
    Collaboration.objects.get(slug="silx").unpublish()
    html = client.get("/facilities/", {"country": "FR"}).content.decode()
    assert "9 IT collaborations" in html  # ESRF: 10 minus silx


@pytest.fixture
def index(home):
    return FacilityIndexPage.objects.get()


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/facilities/", params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"kind": "neutron", "network": "lens", "country": "FR"}])
def test_index_query_count_does_not_grow_with_facilities(client, index, params):
    for i in range(3):
        FacilityFactory(parent=index, acronym=f"A{i}", is_neutron_source=True, lens_member=True)
    client.get("/facilities/")
    few = _queries(client, params)
    for i in range(15):
        FacilityFactory(
            parent=index,
            acronym=f"B{i}",
            country=["France", "Germany"][i % 2],
            country_code=["FR", "DE"][i % 2],
        )
    assert _queries(client, params) == few


def test_facility_page_query_count_does_not_grow_with_its_collaborations(client, index):
    from registry.collaborations.models import CollaborationIndexPage
    from tests.collaborations.factories import CollaborationFactory

    facility = FacilityFactory(parent=index, acronym="QF")
    collaborations = CollaborationIndexPage.objects.get()
    url = facility.get_url()

    def add(count, offset):
        for i in range(count):
            c = CollaborationFactory(
                parent=collaborations, title=f"QC {offset + i}", facilities=[facility]
            )
            NewsItemFactory(collaboration=c, facility=facility)
            JobPostingFactory(collaboration=c, facility=facility)

    add(2, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(8, 100)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)
