"""The catalogue page costs the same number of SQL queries for 40 entries as for 4,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import FacilityFactory, bulk_entries

QUERIES = [
    "/software/",
    "/software/?sort=stars&page=2",
    "/software/?language=python&interface=library&maintenance=maintained&sort=updated",
    "/software/?facility=fac-a&licence=MIT&licence=none",
]


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.django_db(transaction=False)
def test_list_query_count_does_not_grow_from_40_to_4000_entries(client, catalogue):
    facilities = [FacilityFactory(acronym="FAC-A"), FacilityFactory(acronym="FAC-B")]
    bulk_entries(40, facilities=facilities)
    # Warm per-process caches (site root paths) so both rounds compare like with like.
    client.get("/software/")
    small = {url: _count_queries(client, url) for url in QUERIES}

    bulk_entries(3960, facilities=facilities)
    large = {url: _count_queries(client, url) for url in QUERIES}

    for url in QUERIES:
        small_count, small_response = small[url]
        large_count, large_response = large[url]
        assert large_count == small_count, (
            f"{url}: {small_count} queries for 40, {large_count} for 4000"
        )
        assert large_response.context["entries"].paginator.count > small_response.context[
            "entries"
        ].paginator.count or url.endswith("page=2")
    # The unfiltered list really holds all of them, 24 to a page.
    response = large["/software/"][1]
    assert response.context["entries"].paginator.count == 4000
    assert len(response.context["entries"].object_list) == 24
