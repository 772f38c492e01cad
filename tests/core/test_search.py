"""Site search over published pages."""


def test_search_finds_collaborations_and_facilities_by_name(client, demo_data):
    html = client.get("/search/", {"q": "Tango"}).content.decode()
    assert 'href="/collaborations/tango/"' in html
    html = client.get("/search/", {"q": "Grenoble"}).content.decode()
    assert 'href="/facilities/esrf/"' in html and 'href="/facilities/ill/"' in html


def test_search_without_results_helps_the_visitor(client, demo_data):
    response = client.get("/search/", {"q": "zzzyzzx"})
    assert response.status_code == 200
    assert "0 results" in response.content.decode()
    assert "Nothing matches" in response.content.decode()


def test_search_does_not_show_unpublished_pages(client, demo_data):
    from registry.collaborations.models import Collaboration

    Collaboration.objects.get(slug="simex").unpublish()
    assert "/collaborations/simex/" not in client.get("/search/", {"q": "SimEx"}).content.decode()
