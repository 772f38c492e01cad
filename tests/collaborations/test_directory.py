"""The directory's filters: GET parameters, visible and removable state, counts, fixed queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.collaborations.models import CollaborationIndexPage

from .factories import CollaborationFactory, FacilityFactory


def titles(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<article class="card">\s*<h3><a href="[^"]+">([^<]+)</a>', html)


def test_category_filter_keeps_that_category_only(client, demo_data):
    response = client.get("/collaborations/", {"category": "hardware"})
    assert sorted(titles(response)) == ["Em#", "IcePAP", "PandABox"]
    assert "3 collaborations match the filters" in response.content.decode()


def test_values_of_one_facet_are_alternatives(client, demo_data):
    response = client.get("/collaborations/", {"category": ["hardware", "identity"]})
    assert sorted(titles(response)) == ["Em#", "IcePAP", "PandABox", "umbrellaID"]


def test_facets_combine_with_and(client, demo_data):
    response = client.get(
        "/collaborations/", {"category": "hardware", "facility": "alba", "decade": "2010"}
    )
    assert titles(response) == ["Em#"]


def test_facility_filter_uses_the_facility_slug(client, demo_data):
    names = set(titles(client.get("/collaborations/", {"facility": "diamond"})))
    assert {"EPICS", "ICAT", "ISPyB", "PandABox", "ExPaNDS"} <= names
    assert "Tango" not in names


def test_decade_filter_includes_period_only_starts(client, demo_data):
    names = set(titles(client.get("/collaborations/", {"decade": "1990"})))
    assert names == {"EPICS", "Tango"}


def test_active_filters_are_shown_each_with_a_link_that_removes_it(client, demo_data):
    html = client.get(
        "/collaborations/", {"category": ["hardware", "identity"], "facility": "alba"}
    ).content.decode()
    assert 'aria-label="Active filters"' in html
    chip = re.search(
        r'<a href="([^"]+)"><span class="visually-hidden">Remove filter </span>Facility: ALBA', html
    )
    assert chip, html
    remove_url = chip.group(1).replace("&amp;", "&")
    assert "facility=alba" not in remove_url
    assert "category=hardware" in remove_url and "category=identity" in remove_url
    assert 'type="checkbox" name="facility" value="alba" checked' in html


def test_facet_counts_apply_the_other_facets(client, demo_data):
    html = client.get("/collaborations/", {"category": "hardware"}).content.decode()
    # With "hardware" chosen, the facility facet counts hardware collaborations only.
    alba = re.search(r'value="alba"[^>]*> ALBA <span class="facet__count">(\d+)', html)
    assert alba and alba.group(1) == "2"  # IcePAP and Em#
    # The category facet itself still counts every category.
    control = re.search(
        r'value="control-system"[^>]*> Control system <span class="facet__count">(\d+)', html
    )
    assert control and control.group(1) == "2"


def test_unknown_filter_values_are_ignored_and_named(client, demo_data):
    response = client.get("/collaborations/", {"category": "plumbing", "decade": "19x0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ignored unknown filter values: plumbing, 19x0." in html
    assert "24 collaborations" in html


def test_no_match_shows_a_way_back(client, demo_data):
    html = client.get(
        "/collaborations/", {"category": "identity", "decade": "1990"}
    ).content.decode()
    assert "No collaboration matches these filters." in html
    assert "Clear the filters" in html


def test_sort_newest_first_puts_the_latest_start_first(client, demo_data):
    names = titles(client.get("/collaborations/", {"sort": "-start"}))
    assert names[:3] == ["LEAPS-INNOV", "ExPaNDS", "PaNOSC"]


@pytest.fixture
def index(home):
    return CollaborationIndexPage.objects.get()


def _make(index, facilities, count, offset):
    for i in range(count):
        collaboration = CollaborationFactory(
            parent=index,
            title=f"Collab {offset + i}",
            start_year=2000 + (offset + i) % 25,
            category=["hardware", "identity", "simulation"][i % 3],
            facilities=facilities[i % 3 : i % 3 + 2],
        )
        collaboration.repositories.create(label="code", url="https://example.org/code")


def _queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/collaborations/", params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"category": "hardware", "facility": "fac1"}])
def test_directory_query_count_does_not_grow_with_collaborations(client, index, params):
    facilities = [
        FacilityFactory(
            parent=index.get_parent().get_children().get(slug="facilities"), acronym=f"FAC{i}"
        )
        for i in range(5)
    ]
    _make(index, facilities, 4, 0)
    client.get("/collaborations/")  # warm caches (site root paths)
    few = _queries(client, params)
    _make(index, facilities, 20, 100)
    many = _queries(client, params)
    assert few == many


def test_collaboration_page_query_count_does_not_grow_with_its_content(client, index):
    from .factories import JobPostingFactory, NewsItemFactory

    facilities_index = index.get_parent().get_children().get(slug="facilities")
    collaboration = CollaborationFactory(parent=index, title="Measured")
    url = collaboration.get_url()

    def add(count, offset):
        for i in range(count):
            facility = FacilityFactory(parent=facilities_index, acronym=f"M{offset + i}")
            collaboration.facilities.add(facility)
            collaboration.repositories.create(
                label=f"repo {offset + i}", url="https://example.org/r"
            )
            collaboration.links.create(title=f"link {offset + i}", url="https://example.org/l")
            NewsItemFactory(collaboration=collaboration, facility=facility)
            JobPostingFactory(collaboration=collaboration, facility=facility)
        collaboration.save()

    add(2, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(8, 100)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)
    assert "link 105" in client.get(url).content.decode()
