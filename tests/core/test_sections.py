"""Sections not built yet say so, and stop saying so when their index page is published."""

from registry.core.models import HomePage
from registry.software.models import SoftwareIndexPage


def _without_software_section():
    """The site as it was before the software catalogue landed."""
    SoftwareIndexPage.objects.all().delete()


def test_navigation_links_every_section_and_marks_missing_ones(client, home):
    _without_software_section()
    html = client.get("/").content.decode()
    for label, url in [("Software", "/software/"), ("Training", "/training/"), ("Events", "/events/"),
                       ("Collaborations", "/collaborations/"), ("Facilities", "/facilities/"), ("Search", "/search/")]:  # fmt: skip
        assert f'href="{url}"' in html and label in html
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    assert 'Software<span class="site-nav__soon">soon' in nav
    assert 'Collaborations<span class="site-nav__soon">' not in nav


def test_missing_section_says_plainly_it_is_not_available_yet(client, home):
    _without_software_section()
    response = client.get("/software/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Software: not available yet</h1>" in html
    assert 'href="/collaborations/"' in html


def test_publishing_the_section_index_page_makes_the_section_available(client, home):
    _without_software_section()
    assert client.get("/software/").status_code == 404
    index = SoftwareIndexPage(title="Software", slug="software")
    HomePage.objects.get().add_child(instance=index)
    index.save_revision().publish()

    response = client.get("/software/")
    assert response.status_code == 200
    assert "<h1>Software: not available yet</h1>" not in response.content.decode()
    nav = client.get("/").content.decode()
    assert 'Software<span class="site-nav__soon">' not in nav


def test_an_unpublished_section_index_counts_as_missing(client, home):
    _without_software_section()
    index = SoftwareIndexPage(title="Software", slug="software", live=False)
    HomePage.objects.get().add_child(instance=index)
    assert client.get("/software/").status_code == 404


def test_pages_below_a_section_are_still_served_by_wagtail(client, demo_data):
    assert client.get("/collaborations/tango/").status_code == 200
    assert client.get("/collaborations/no-such-thing/").status_code == 404
