"""The API door: hashed, revocable tokens; drafts for review; 403 on others' entries; clear 400s;
idempotent create by external_id; throttling per token."""

import json

import pytest
from django.core.management import call_command
from wagtail.models import APIToken, WorkflowState

from registry.partners.models import Submission
from registry.software.models import SoftwareEntry

pytestmark = pytest.mark.django_db

SOFTWARE = "/api/v1/software/"


@pytest.fixture
def token(partner):
    _token, key = APIToken.create_token(user=partner, name="ESRF script")
    return key


def _auth(key):
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def _post(client, url, body, key, method="post"):
    return getattr(client, method)(
        url, data=json.dumps(body), content_type="application/json", **_auth(key)
    )


def _software(**extra):
    return {
        "title": "XRStools",
        "summary": "Analyses X-ray Raman scattering data.",
        "repository_url": "https://gitlab.esrf.fr/ixstools/xrstools",
        "developing_facilities": ["ESRF"],
        **extra,
    }


def test_tokens_are_stored_as_digests_only(partner, token):
    stored = APIToken.objects.get(user=partner)
    assert token not in (stored.key_hash, stored.prefix)
    for value in APIToken.objects.values_list("key_hash", "prefix", "name"):
        assert token not in " ".join(value)


def test_no_token_or_a_wrong_one_is_401(client, partner):
    assert client.get(SOFTWARE).status_code == 401
    assert client.get(SOFTWARE, **_auth("wagtail_nonsense")).status_code == 401


def test_a_revoked_token_is_refused(client, partner, token):
    assert client.get(SOFTWARE, **_auth(token)).status_code == 200
    APIToken.objects.get(user=partner).revoke()
    response = client.get(SOFTWARE, **_auth(token))
    assert response.status_code == 401 and "revoked" in response.json()["detail"]


def test_create_makes_a_draft_in_review_recorded_with_the_partner(client, partner, token):
    response = _post(client, SOFTWARE, _software(external_id="esrf-xrstools"), token)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "in-review" and body["developing_facilities"] == ["ESRF"]
    entry = SoftwareEntry.objects.get(pk=body["id"])
    assert not entry.live and entry.latest_revision.user == partner
    assert entry.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    listed = client.get(SOFTWARE, **_auth(token)).json()
    assert [item["external_id"] for item in listed] == ["esrf-xrstools"]


def test_create_is_idempotent_by_external_id(client, partner, token):
    first = _post(client, SOFTWARE, _software(external_id="esrf-xrstools"), token)
    again = _post(
        client, SOFTWARE, _software(external_id="esrf-xrstools", summary="New summary."), token
    )
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert SoftwareEntry.objects.filter(title="XRStools").count() == 1
    assert Submission.objects.count() == 1
    entry = SoftwareEntry.objects.get(title="XRStools")
    assert entry.get_latest_revision_as_object().summary == "New summary."


def test_another_facilitys_entry_is_403_and_unchanged(client, partner, token, ill_entry):
    assert client.get(f"{SOFTWARE}{ill_entry.pk}/", **_auth(token)).status_code == 403
    response = _post(
        client, f"{SOFTWARE}{ill_entry.pk}/", {"title": "Hacked"}, token, method="patch"
    )
    assert response.status_code == 403
    ill_entry.refresh_from_db()
    assert ill_entry.draft_title == "Mantid" and ill_entry.revisions.count() == 1


def test_an_external_id_of_another_facilitys_entry_is_403(
    client, partner, other_partner, token, ill
):
    _key = APIToken.create_token(user=other_partner, name="ILL")[1]
    created = _post(
        client, SOFTWARE, _software(external_id="shared-id", developing_facilities=["ILL"]), _key
    )
    assert created.status_code == 201
    response = _post(client, SOFTWARE, _software(external_id="shared-id"), token)
    assert response.status_code == 403
    assert SoftwareEntry.objects.get(pk=created.json()["id"]).developing_facilities.get() == ill


def test_naming_another_facility_is_a_field_error(client, partner, token, ill):
    response = _post(client, SOFTWARE, _software(developing_facilities=["ILL"]), token)
    assert response.status_code == 400
    assert "developing_facilities" in response.json()
    assert not SoftwareEntry.objects.filter(title="XRStools").exists()


def test_patch_of_an_own_entry_submits_the_change(client, partner, token, esrf_entry):
    response = _post(
        client, f"{SOFTWARE}{esrf_entry.pk}/", {"summary": "Fits spectra."}, token, method="patch"
    )
    assert response.status_code == 200, response.content
    esrf_entry.refresh_from_db()
    assert esrf_entry.summary == "Reduces data."  # live page unchanged until approved
    assert esrf_entry.get_latest_revision_as_object().summary == "Fits spectra."
    assert response.json()["state"] == "in-review"


def test_malformed_json_is_a_clear_400_and_stores_nothing(client, partner, token):
    response = client.post(
        SOFTWARE, data='{"title": "XRStools",', content_type="application/json", **_auth(token)
    )
    assert response.status_code == 400 and "JSON parse error" in response.json()["detail"]
    assert not Submission.objects.exists()


def test_invalid_fields_are_named_with_their_messages(client, partner, token):
    response = _post(
        client,
        SOFTWARE,
        {"title": "", "summary": "x" * 500, "licence": "Not-A-Licence", "repository_url": 5},
        token,
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) >= {"title", "summary", "licence", "repository_url"}
    assert all(isinstance(messages, list) and messages for messages in errors.values())
    assert not SoftwareEntry.objects.exists()


def test_model_rules_come_back_as_field_errors(client, partner, token):
    event = {
        "title": "ESRF user meeting",
        "event_type": "user-meeting",
        "timezone": "Europe/Paris",
        "start": "2027-02-10T09:00:00+01:00",
        "end": "2027-02-08T17:00:00+01:00",
        "facilities": ["ESRF"],
    }
    response = _post(client, "/api/v1/events/", event, token)
    assert response.status_code == 400 and "end" in response.json()
    event["end"] = "2027-02-12T17:00:00+01:00"
    assert _post(client, "/api/v1/events/", event, token).status_code == 201


def test_training_by_api(client, partner, token):
    material = {
        "title": "Python for beamline scientists",
        "summary": "Learn Python for data analysis.",
        "material_type": "tutorial",
        "resource_url": "https://www.esrf.fr/training",
        "providing_facility": "ESRF",
        "duration": "02:00:00",
    }
    response = _post(client, "/api/v1/training/", material, token)
    assert response.status_code == 201, response.content
    assert response.json()["providing_facility"] == "ESRF"


def test_each_token_is_throttled_on_its_own(client, partner, token, settings):
    settings.API_RATE = "3/minute"
    for _ in range(3):
        assert client.get(SOFTWARE, **_auth(token)).status_code == 200
    limited = client.get(SOFTWARE, **_auth(token))
    assert limited.status_code == 429 and "Retry-After" in limited
    second = APIToken.create_token(user=partner, name="second")[1]
    assert client.get(SOFTWARE, **_auth(second)).status_code == 200


def test_the_list_reads_in_a_fixed_number_of_queries(client, partner, token):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_list_queries(expected_rows):
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get(SOFTWARE, **_auth(token)).json()) == expected_rows
        return len(queries)

    for n in range(2):
        _post(client, SOFTWARE, _software(title=f"Tool {n}"), token)
    few = count_list_queries(2)
    for n in range(2, 9):
        _post(client, SOFTWARE, _software(title=f"Tool {n}"), token)
    assert count_list_queries(9) == few


def test_create_partner_token_makes_user_memberships_and_prints_a_working_token(
    client, esrf, capsys
):
    call_command("create_partner_token", "partner-new", "--facility", "ESRF")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    response = _post(client, SOFTWARE, _software(), key)
    assert response.status_code == 201
    call_command("create_partner_token", "partner-new", "--facility", "ESRF")
    second = capsys.readouterr().out.strip().splitlines()[-1]
    assert second != key
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="partner-new")
    assert user.partner_memberships.count() == 1 and APIToken.objects.filter(user=user).count() == 2


def test_create_partner_token_refuses_an_unknown_facility(home):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="XYZ"):
        call_command("create_partner_token", "partner-x", "--facility", "XYZ")
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="partner-x").exists()
