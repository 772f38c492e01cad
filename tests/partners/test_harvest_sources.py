"""Partners register their facilities' harvest sources by form and API; curators approve them."""

import json

import pytest
from wagtail.models import APIToken

from harvesters.models import HarvestSource

pytestmark = pytest.mark.django_db

URL = "/api/v1/harvest-sources/"
ESRF_CALENDAR = {
    "name": "ESRF events",
    "kind": "ical",
    "url": "https://www.esrf.fr/events.ics",
    "target": "events",
    "facility": "ESRF",
    "schedule": "6h",
}


def _api(client, user, method, url, body=None):
    key = APIToken.create_token(user=user, name="t")[1]
    kwargs = {"HTTP_AUTHORIZATION": f"Token {key}"}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    return getattr(client, method)(url, **kwargs)


def test_a_partners_source_by_form_waits_for_approval(client, partner, esrf):
    client.force_login(partner)
    data = {**ESRF_CALENDAR, "facility": esrf.pk, "enabled": "on"}
    response = client.post("/submit/harvest-source/", data)
    assert response.status_code == 302
    source = HarvestSource.objects.get()
    assert source.facility == esrf and not source.approved and source.created_by == partner
    assert "waiting for a curator" in client.get("/submit/").content.decode()


def test_the_form_offers_only_the_partners_facilities(client, partner, esrf, ill):
    client.force_login(partner)
    html = client.get("/submit/harvest-source/").content.decode()
    assert f'value="{esrf.pk}"' in html and f'value="{ill.pk}"' not in html
    data = {**ESRF_CALENDAR, "facility": ill.pk}
    assert client.post("/submit/harvest-source/", data).status_code == 400
    assert not HarvestSource.objects.exists()


def test_a_partners_source_by_api_and_idempotent_registration(client, partner, esrf):
    first = _api(client, partner, "post", URL, ESRF_CALENDAR)
    assert first.status_code == 201, first.content
    assert first.json()["approved"] is False
    again = _api(client, partner, "post", URL, ESRF_CALENDAR)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert HarvestSource.objects.count() == 1


def test_another_facilitys_source_is_403_and_unchanged(client, partner, other_partner, ill):
    created = _api(client, other_partner, "post", URL, {**ESRF_CALENDAR, "facility": "ILL"})
    source_id = created.json()["id"]
    assert _api(client, partner, "get", f"{URL}{source_id}/").status_code == 403
    response = _api(
        client, partner, "patch", f"{URL}{source_id}/", {"url": "https://evil.example/x.ics"}
    )
    assert response.status_code == 403
    assert HarvestSource.objects.get(pk=source_id).url == ESRF_CALENDAR["url"]
    same = _api(client, partner, "post", URL, {**ESRF_CALENDAR, "facility": "ESRF"})
    assert same.status_code == 403
    client.force_login(partner)
    assert client.get(f"/submit/harvest-source/{source_id}/").status_code == 404


def test_changing_the_address_sends_an_approved_source_back_to_curators(
    client, partner, curator, esrf
):
    created = _api(client, partner, "post", URL, ESRF_CALENDAR).json()
    source = HarvestSource.objects.get(pk=created["id"])
    from harvesters.engine.services import source_approve

    source_approve(source=source, by=curator)
    renamed = _api(client, partner, "patch", f"{URL}{source.pk}/", {"name": "ESRF calendar"})
    assert renamed.status_code == 200 and renamed.json()["approved"] is True
    moved = _api(
        client, partner, "patch", f"{URL}{source.pk}/", {"url": "https://www.esrf.fr/new.ics"}
    )
    assert moved.status_code == 200 and moved.json()["approved"] is False


def test_invalid_source_values_are_field_errors(client, partner, esrf):
    response = _api(
        client, partner, "post", URL, {**ESRF_CALENDAR, "kind": "gopher", "schedule": "often"}
    )
    assert response.status_code == 400 and "kind" in response.json()
    response = _api(client, partner, "post", URL, {**ESRF_CALENDAR, "schedule": "often"})
    assert response.status_code == 400 and "schedule" in response.json()
    assert not HarvestSource.objects.exists()
