"""Curators edit facilities and collaborations in the Wagtail admin, with revisions; snippets and groups."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from registry.collaborations.models import Collaboration, NewsItem
from registry.core.site_setup import CURATORS, PARTNER_EDITORS
from registry.facilities.models import Facility


@pytest.fixture
def curator_client(client, demo_data):
    user = get_user_model().objects.create_user("cura", password="curator-password-1")
    user.groups.add(Group.objects.get(name=CURATORS))
    client.force_login(user)
    return client


def test_curator_publishes_a_facility_edit_as_a_new_revision(curator_client):
    esrf = Facility.objects.get(acronym="ESRF")
    revisions = esrf.revisions.count()
    data = nested_form_data(
        {
            "title": esrf.title,
            "slug": esrf.slug,
            "acronym": "ESRF",
            "summary": "The European synchrotron in Grenoble.",
            "city": "Grenoble",
            "country": "France",
            "country_code": "FR",
            "is_synchrotron": "on",
            "leaps_member": "on",
            "website": "https://www.esrf.fr/",
            "gitlab_url": "https://gitlab.esrf.fr/",
            "github_organisation": "",
            "description": rich_text(""),
            "to_verify": "",
            "seo_title": "",
            "search_description": "",
            "action-publish": "action-publish",
        }
    )
    response = curator_client.post(f"/admin/pages/{esrf.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    esrf.refresh_from_db()
    assert esrf.summary == "The European synchrotron in Grenoble."
    assert esrf.revisions.count() == revisions + 1
    assert esrf.live and not esrf.has_unpublished_changes


def test_curator_edits_a_collaboration_with_its_repositories(curator_client):
    icepap = Collaboration.objects.get(slug="icepap")
    facilities = [f.pk for f in icepap.facilities.all()]
    data = nested_form_data(
        {
            "title": "IcePAP",
            "slug": "icepap",
            "full_name": "",
            "brief": icepap.brief,
            "category": "hardware",
            "start_year": "2007",
            "start_period": "",
            "end_year": "",
            "facilities": facilities,
            "website": "",
            "description": rich_text(""),
            "repositories": inline_formset(
                [
                    {
                        "kind": "source",
                        "label": "pyIcePAP",
                        "url": "https://github.com/ALBA-Synchrotron/pyIcePAP",
                    },
                    {
                        "kind": "documentation",
                        "label": "Manual",
                        "url": "https://example.org/icepap-manual",
                    },
                ]
            ),
            "links": inline_formset([]),
            "to_verify": "",
            "seo_title": "",
            "search_description": "",
            "action-publish": "action-publish",
        }
    )
    response = curator_client.post(f"/admin/pages/{icepap.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    icepap.refresh_from_db()
    assert "https://example.org/icepap-manual" in {r.url for r in icepap.repositories.all()}
    assert icepap.to_verify == ""


def test_admin_refuses_an_end_year_before_the_start_and_keeps_the_page(curator_client):
    icepap = Collaboration.objects.get(slug="icepap")
    revisions = icepap.revisions.count()
    data = nested_form_data(
        {
            "title": "IcePAP",
            "slug": "icepap",
            "brief": icepap.brief,
            "category": "hardware",
            "start_year": "2007",
            "end_year": "2001",
            "description": rich_text(""),
            "repositories": inline_formset([]),
            "links": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = curator_client.post(f"/admin/pages/{icepap.pk}/edit/", data)
    assert response.status_code == 200
    assert "The end year cannot be before the start year." in response.content.decode()
    icepap.refresh_from_db()
    assert icepap.end_year is None and icepap.revisions.count() == revisions


def test_curator_sees_listings_of_facilities_collaborations_and_news(curator_client):
    for url in [
        "/admin/facility_pages/",
        "/admin/collaboration_pages/",
        "/admin/snippets/collaborations/newsitem/",
        "/admin/snippets/collaborations/jobposting/",
    ]:
        assert curator_client.get(url).status_code == 200, url


def test_curators_publish_news_and_partner_editors_only_draft(demo_data):
    curators = Group.objects.get(name=CURATORS)
    partners = Group.objects.get(name=PARTNER_EDITORS)
    curator = get_user_model().objects.create_user("c1")
    partner = get_user_model().objects.create_user("p1")
    curator.groups.add(curators)
    partner.groups.add(partners)
    assert curator.has_perm("collaborations.publish_newsitem")
    assert partner.has_perm("collaborations.add_newsitem")
    assert not partner.has_perm("collaborations.publish_newsitem")
    assert not partner.has_perm("collaborations.delete_jobposting")


def test_news_item_keeps_revisions_and_drafts(demo_data):
    item = NewsItem(title="Draft", url="https://example.org/n", live=False)
    item.save()
    revision = item.save_revision()
    assert not item.live
    revision.publish()
    item.refresh_from_db()
    assert item.live and item.revisions.count() == 1
