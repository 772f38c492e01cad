"""The home page: what is in the registry, the latest collaborations, the facilities."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.core.site_setup import SECTIONS


def test_home_page_counts_sections_and_shows_real_entries(client, demo_data):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="stat">24</span> <span class="muted">collaborations</span>' in html
    assert '<span class="stat">21</span> <span class="muted">facilities</span>' in html
    # A section shows its count once its index page is live, "Not available yet" before.
    built = {section.slug for section in SECTIONS}
    unbuilt = [slug for slug in ("software", "training", "events") if slug not in built]
    assert html.count("Not available yet") == len(unbuilt)
    latest = html[html.index("Most recent IT collaborations") :]
    assert latest.index("LEAPS-INNOV") < latest.index("ExPaNDS") < latest.index("PaNOSC")
    assert ">MAX IV</a>" in html and ">ILL</a>" in html


def test_home_page_has_landmarks_search_and_footer_links(client, demo_data):
    html = client.get("/").content.decode()
    assert '<main id="main"' in html and 'aria-label="Main"' in html
    assert 'role="search"' in html and '<label for="home-search">' in html
    assert 'rel="license"' in html and "BSD-3-Clause" in html
    assert "<script src=" in html and "<script>" not in html


def test_home_page_queries_are_fixed(client, demo_data):
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert len(captured) <= 25, [q["sql"][:120] for q in captured.captured_queries]
