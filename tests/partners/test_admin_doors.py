"""The Wagtail admin door: a partner edits its own entries only, never publishes, never sees
another facility's drafts; curators act on everything."""

import pytest
from wagtail.models import Page

from registry.software.models import SoftwareEntry, SoftwareIndexPage

pytestmark = pytest.mark.django_db


def _edit_post(entry, title, **extra):
    return {
        "title": title,
        "slug": entry.slug,
        "summary": entry.summary,
        "developing_facilities": [f.pk for f in entry.developing_facilities.all()],
        "people-TOTAL_FORMS": 0,
        "people-INITIAL_FORMS": 0,
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
        "relations-TOTAL_FORMS": 0,
        "relations-INITIAL_FORMS": 0,
        "attached_materials-TOTAL_FORMS": 0,
        "attached_materials-INITIAL_FORMS": 0,
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
        **extra,
    }


def _denied(response):
    # Wagtail answers a refused admin action by redirecting to the dashboard
    # with a "permission denied" message, or with 403.
    return response.status_code == 403 or (
        response.status_code == 302 and response.url.rstrip("/").endswith("/admin")
    )


def test_partner_opens_its_own_entry_in_the_editor(client, partner, esrf_entry):
    client.force_login(partner)
    response = client.get(f"/admin/pages/{esrf_entry.pk}/edit/")
    assert response.status_code == 200


def test_partner_cannot_open_or_change_another_facilitys_entry(client, partner, ill_entry):
    client.force_login(partner)
    assert _denied(client.get(f"/admin/pages/{ill_entry.pk}/edit/"))
    response = client.post(f"/admin/pages/{ill_entry.pk}/edit/", _edit_post(ill_entry, "Hacked"))
    assert _denied(response)
    ill_entry.refresh_from_db()
    assert ill_entry.title == "Mantid" and ill_entry.draft_title == "Mantid"
    assert ill_entry.revisions.count() == 1


def test_partner_cannot_delete_another_facilitys_entry(client, partner, ill_draft):
    client.force_login(partner)
    assert _denied(client.post(f"/admin/pages/{ill_draft.pk}/delete/"))
    assert Page.objects.filter(pk=ill_draft.pk).exists()


def test_partner_cannot_see_another_facilitys_draft_anywhere_in_the_admin(
    client, partner, ill_draft
):
    client.force_login(partner)
    index = SoftwareIndexPage.objects.get()
    listing = client.get(f"/admin/pages/{index.pk}/")
    assert listing.status_code == 200
    assert "LAMP draft" not in listing.content.decode()
    search = client.get("/admin/pages/search/", {"q": "LAMP"})
    assert search.status_code == 200 and "LAMP draft" not in search.content.decode()
    assert _denied(client.get(f"/admin/pages/{ill_draft.pk}/edit/preview/"))
    assert _denied(client.get(f"/admin/pages/{ill_draft.pk}/history/"))
    revision = ill_draft.latest_revision
    assert _denied(client.get(f"/admin/pages/{ill_draft.pk}/revisions/{revision.pk}/view/"))


def test_partner_sees_its_own_draft_in_the_explorer(client, partner, esrf):
    from tests.partners.conftest import make_entry

    make_entry("ESRF new tool", facilities=[esrf], live=False)
    client.force_login(partner)
    index = SoftwareIndexPage.objects.get()
    assert "ESRF new tool" in client.get(f"/admin/pages/{index.pk}/").content.decode()


def test_partner_cannot_publish_even_its_own_entry(client, partner, esrf_entry):
    client.force_login(partner)
    response = client.post(
        f"/admin/pages/{esrf_entry.pk}/edit/",
        _edit_post(esrf_entry, "PyMca 2", **{"action-publish": "action-publish"}),
    )
    assert response.status_code in (200, 302, 403)
    esrf_entry.refresh_from_db()
    assert esrf_entry.title == "PyMca"  # the live title is unchanged


def test_partner_cannot_edit_section_pages(client, partner):
    client.force_login(partner)
    index = SoftwareIndexPage.objects.get()
    assert _denied(client.get(f"/admin/pages/{index.pk}/edit/"))


def test_curator_edits_and_publishes_any_entry(client, curator, ill_entry):
    client.force_login(curator)
    response = client.post(
        f"/admin/pages/{ill_entry.pk}/edit/",
        _edit_post(ill_entry, "Mantid 6", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    assert SoftwareEntry.objects.get(pk=ill_entry.pk).title == "Mantid 6"


def _new_entry_post(title, facilities):
    return {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "summary": "Reduces data.",
        "developing_facilities": [f.pk for f in facilities],
        "people-TOTAL_FORMS": 0,
        "people-INITIAL_FORMS": 0,
        "versions-TOTAL_FORMS": 0,
        "versions-INITIAL_FORMS": 0,
        "relations-TOTAL_FORMS": 0,
        "relations-INITIAL_FORMS": 0,
        "attached_materials-TOTAL_FORMS": 0,
        "attached_materials-INITIAL_FORMS": 0,
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
    }


def test_partner_creating_in_the_admin_names_only_its_own_facilities(client, partner, esrf, ill):
    client.force_login(partner)
    index = SoftwareIndexPage.objects.get()
    url = f"/admin/pages/add/software/softwareentry/{index.pk}/"
    form = client.get(url).content.decode()
    assert f'name="developing_facilities" value="{esrf.pk}"' in form
    assert f'name="developing_facilities" value="{ill.pk}"' not in form
    refused = client.post(url, _new_entry_post("Stolen tool", [ill]))
    assert refused.status_code == 200
    assert not SoftwareEntry.objects.filter(title="Stolen tool").exists()
    accepted = client.post(url, _new_entry_post("ESRF tool", [esrf]))
    assert accepted.status_code == 302
    created = SoftwareEntry.objects.get(title="ESRF tool")
    assert not created.live
    from registry.partners.selectors import my_submissions

    (row,) = my_submissions(partner)
    assert row.page.pk == created.pk and row.submission.channel == "admin"


# -- News items and job postings (snippets): the same rule ----------------


def _news(title, **owner):
    from registry.collaborations.models import NewsItem

    item = NewsItem(title=title, url="https://www.esrf.fr/news", summary="s", **owner)
    item.save()
    item.save_revision().publish()
    return item


def test_a_partner_changes_only_its_own_facilitys_news(client, partner, esrf, ill):
    from registry.collaborations.models import NewsItem

    own, other = _news("ESRF news", facility=esrf), _news("ILL news", facility=ill)
    client.force_login(partner)
    edit = "/admin/snippets/collaborations/newsitem/edit/{}/"
    assert client.get(edit.format(own.pk)).status_code == 200
    form = {"title": "Changed", "url": "https://www.ill.eu/x", "summary": "s", "facility": ill.pk}
    assert _denied(client.get(edit.format(other.pk)))
    assert _denied(client.post(edit.format(other.pk), form))
    assert NewsItem.objects.get(pk=other.pk).title == "ILL news"
    add = "/admin/snippets/collaborations/newsitem/add/"
    assert _denied(client.post(add, {**form, "title": "Claimed for the ILL"}))
    assert not NewsItem.objects.filter(title="Claimed for the ILL").exists()


def test_a_curator_opens_any_facilitys_news(client, curator, ill):
    other = _news("ILL news", facility=ill)
    client.force_login(curator)
    assert (
        client.get(f"/admin/snippets/collaborations/newsitem/edit/{other.pk}/").status_code == 200
    )
