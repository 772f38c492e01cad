"""Curators' screens: submissions with their states, suggestions, memberships, API tokens;
and the demo partner account."""

import io

import pytest
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
