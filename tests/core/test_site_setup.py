from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from registry.core.models import HomePage
from registry.core.site_setup import CURATORS, PARTNER_EDITORS, SECTIONS, ensure_site


def test_site_setup_creates_home_sections_and_groups(db):
    home = ensure_site()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert sorted(home.get_children().values_list("slug", flat=True)) == sorted(
        s.slug for s in SECTIONS
    )
    assert set(Group.objects.values_list("name", flat=True)) >= {CURATORS, PARTNER_EDITORS}
    assert (
        Group.objects.get(name=CURATORS)
        .page_permissions.filter(permission__codename="publish_page")
        .exists()
    )
    assert (
        not Group.objects.get(name=PARTNER_EDITORS)
        .page_permissions.filter(permission__codename="publish_page")
        .exists()
    )


def test_site_setup_run_twice_changes_nothing(db):
    ensure_site()
    pages = Page.objects.count()
    ensure_site()
    assert Page.objects.count() == pages
    assert HomePage.objects.count() == 1


def test_home_page_answers_with_navigation(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for label, url in [
        ("Software", "/software/"),
        ("Collaborations", "/collaborations/"),
        ("Search", "/search/"),
    ]:
        assert f'href="{url}"' in html and label in html
    assert '<main id="main"' in html and 'aria-label="Main"' in html


def test_site_setup_works_on_a_database_emptied_by_flush(db, client):
    """`manage.py flush` removes the page root and the locale the migrations made."""
    from wagtail.models import Collection, Locale

    Site.objects.all().delete()
    Page.objects.all().delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()

    home = ensure_site()

    assert Page.get_first_root_node().get_children().get().specific == home
    assert client.get("/").status_code == 200
