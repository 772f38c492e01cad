"""Curators' screens: submissions with their states, suggestions, memberships, API tokens;
and the demo partner account."""

import io

import pytest
from django.urls import reverse
from wagtail.models import APIToken

from registry.partners import demo
from registry.partners.models import PartnerMembership
from registry.partners.services import submission_save

pytestmark = pytest.mark.django_db


def test_curators_list_submissions_with_their_state(client, curator, partner, esrf):
    submission_save(
        kind="software",
        data={"title": "XRStools", "summary": "x", "developing_facilities": [esrf]},
        by=partner,
        channel="api",
    )
    client.force_login(curator)
    html = client.get("/admin/partners/submissions/").content.decode()
    assert "XRStools" in html and "In review" in html and "Reject" in html


def test_partners_do_not_reach_the_curators_screens(client, partner):
    client.force_login(partner)
    for url in (
        "/admin/partners/submissions/",
        "/admin/partners/memberships/",
        "/admin/partners/suggestions/",
        "/admin/api-tokens/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url


def test_curators_issue_a_token_for_a_partner_in_the_admin(client, curator, partner):
    client.force_login(curator)
    assert client.get("/admin/api-tokens/").status_code == 200
    response = client.post("/admin/api-tokens/new/", {"name": "ESRF events", "user": partner.pk})
    assert response.status_code == 200
    token = APIToken.objects.get(user=partner)
    html = response.content.decode()
    assert token.prefix in html  # the key is shown once, here
    assert token.key_hash not in html


def test_curators_add_a_membership_in_the_admin(client, curator, partner, ill):
    client.force_login(curator)
    response = client.post(
        "/admin/partners/memberships/new/", {"user": partner.pk, "facility": ill.pk}
    )
    assert response.status_code == 302
    assert PartnerMembership.objects.filter(user=partner, facility=ill).exists()


def test_demo_partner_is_created_once_and_can_sign_in(client, esrf):
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    membership = PartnerMembership.objects.get(user__username=demo.DEMO_PARTNER)
    assert membership.facility == esrf
    assert client.login(username=demo.DEMO_PARTNER, password=demo.DEMO_PARTNER_PASSWORD)
    assert client.get("/submit/").status_code == 200


def _user_form(user, **changes):
    data = {
        "username": user.username,
        "email": user.email or f"{user.username}@example.org",
        "first_name": user.first_name or "A",
        "last_name": user.last_name or "B",
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
    }
    data.update(changes)
    return data


def refused(response) -> bool:
    """Wagtail's admin answers a PermissionDenied with a redirect to its home and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def test_a_curator_cannot_make_anyone_a_superuser_or_a_curator(client, curator, partner):
    """Curators may change users (Wagtail's token screens ask it) but never escalate."""
    from django.contrib.auth.models import Group

    client.force_login(curator)
    curators = Group.objects.get(name="Curators")
    url = reverse("wagtailusers_users:edit", args=[partner.pk])
    assert refused(client.post(url, _user_form(partner, is_superuser="on")))
    made_curator = _user_form(partner, groups=[str(curators.pk)])
    assert refused(client.post(url, made_curator))
    new = {
        **_user_form(partner, username="mallory", is_superuser="on"),
        "password1": "",
        "password2": "",
    }
    assert refused(client.post(reverse("wagtailusers_users:add"), new))
    partner.refresh_from_db()
    assert not partner.is_superuser and not partner.groups.filter(name="Curators").exists()
    assert not type(partner).objects.filter(username="mallory").exists()


def test_a_curator_cannot_edit_another_curators_account_but_edits_a_partners(
    client, curator, partner
):
    from django.contrib.auth.models import Group

    other = type(curator).objects.create_user("other-curator", password="x")
    other.groups.add(Group.objects.get(name="Curators"))
    client.force_login(curator)
    assert refused(client.get(reverse("wagtailusers_users:edit", args=[other.pk])))
    response = client.post(
        reverse("wagtailusers_users:edit", args=[partner.pk]), _user_form(partner, first_name="Ada")
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.first_name == "Ada"


def test_admin_reports_never_show_a_partner_another_facilitys_draft(
    client, partner, other_partner, curator, ill
):
    submission_save(
        kind="software",
        data={"title": "Confidential ILL reducer", "summary": "x", "developing_facilities": [ill]},
        by=other_partner,
        channel="api",
    )
    client.force_login(partner)
    for name in ("workflow", "workflow_tasks", "aging_pages", "locked_pages", "site_history"):
        response = client.get(reverse(f"wagtailadmin_reports:{name}"))
        assert "Confidential ILL reducer" not in response.content.decode(), name
    # The reports do list it, to those who may see it.
    client.force_login(curator)
    workflow = client.get(reverse("wagtailadmin_reports:workflow")).content.decode()
    assert "Confidential ILL reducer" in workflow
