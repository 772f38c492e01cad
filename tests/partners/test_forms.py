"""The web submission door: partners submit drafts for review, only for their own facilities;
anonymous visitors suggest entries behind a honeypot and a rate limit."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from registry.partners.models import Submission, Suggestion
from registry.software.models import SoftwareEntry

pytestmark = pytest.mark.django_db


def _software(esrf, **extra):
    return {
        "title": "XRStools",
        "summary": "Analyses X-ray Raman scattering data.",
        "description": "First paragraph.\n\nSecond <b>paragraph</b>.",
        "repository_url": "https://gitlab.esrf.fr/ixstools/xrstools",
        "licence": "MIT",
        "developing_facilities": [esrf.pk],
        **extra,
    }


def test_anonymous_visitors_are_sent_to_sign_in(client, home):
    response = client.get("/submit/software/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_form_offers_only_the_partners_own_facilities(client, partner, esrf, ill):
    client.force_login(partner)
    page = client.get("/submit/software/").content.decode()
    assert "ESRF" in page and f'value="{esrf.pk}"' in page
    assert f'value="{ill.pk}"' not in page


def test_a_submission_becomes_a_draft_in_curator_review(client, partner, esrf):
    client.force_login(partner)
    response = client.post("/submit/software/", _software(esrf))
    assert response.status_code == 302 and response.url == "/submit/mine/"
    entry = SoftwareEntry.objects.get(title="XRStools")
    assert not entry.live
    assert entry.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert entry.latest_revision.user == partner
    assert entry.description == "<p>First paragraph.</p><p>Second &lt;b&gt;paragraph&lt;/b&gt;.</p>"
    submission = Submission.objects.get(page=entry)
    assert submission.submitted_by == partner and submission.channel == "form"
    mine = client.get("/submit/mine/").content.decode()
    assert "XRStools" in mine and "In review" in mine


def test_invalid_values_come_back_next_to_their_fields_with_everything_typed(client, partner, esrf):
    client.force_login(partner)
    response = client.post(
        "/submit/software/", _software(esrf, licence="Not-A-Licence", homepage_url="not a url")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_licence_error"' in html and 'id="id_homepage_url_error"' in html
    assert 'value="Analyses X-ray Raman scattering data."' in html
    assert "Second &lt;b&gt;paragraph&lt;/b&gt;." in html
    assert not SoftwareEntry.objects.filter(title="XRStools").exists()


def test_naming_another_facility_is_refused_and_nothing_stored(client, partner, esrf, ill):
    client.force_login(partner)
    response = client.post("/submit/software/", _software(esrf, developing_facilities=[ill.pk]))
    assert response.status_code == 400
    assert "id_developing_facilities_error" in response.content.decode()
    assert not SoftwareEntry.objects.filter(title="XRStools").exists()


def test_another_facilitys_entry_cannot_be_changed_by_form(client, partner, ill_entry):
    client.force_login(partner)
    assert client.get(f"/submit/software/{ill_entry.pk}/").status_code == 403
    data = {"title": "Hacked", "summary": "x", "developing_facilities": []}
    assert client.post(f"/submit/software/{ill_entry.pk}/", data).status_code == 403
    ill_entry.refresh_from_db()
    assert ill_entry.draft_title == "Mantid" and ill_entry.revisions.count() == 1


def test_a_change_to_an_own_live_entry_waits_for_review(client, partner, esrf, esrf_entry):
    client.force_login(partner)
    page = client.get(f"/submit/software/{esrf_entry.pk}/").content.decode()
    assert 'value="PyMca"' in page
    data = {"title": "PyMca 5", "summary": "Reduces data.", "developing_facilities": [esrf.pk]}
    assert client.post(f"/submit/software/{esrf_entry.pk}/", data).status_code == 302
    esrf_entry.refresh_from_db()
    assert esrf_entry.title == "PyMca" and esrf_entry.live  # public page unchanged
    assert esrf_entry.get_latest_revision_as_object().title == "PyMca 5"
    assert esrf_entry.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_training_and_event_forms_submit_drafts(client, partner, esrf):
    client.force_login(partner)
    training = {
        "title": "Python for beamline scientists",
        "summary": "Learn Python for data analysis.",
        "material_type": "tutorial",
        "resource_url": "https://www.esrf.fr/training",
        "language": "en",
        "providing_facility": esrf.pk,
    }
    assert client.post("/submit/training/", training).status_code == 302
    event = {
        "title": "ESRF user meeting",
        "event_type": "user-meeting",
        "timezone": "Europe/Paris",
        "start": "2027-02-08T09:00",
        "end": "2027-02-10T17:00",
        "attendance": "onsite",
        "city": "Grenoble",
        "facilities": [esrf.pk],
    }
    assert client.post("/submit/event/", event).status_code == 302
    kinds = set(Submission.objects.values_list("kind", flat=True))
    assert kinds == {"training", "event"}
    from registry.events.models import Event

    stored = Event.objects.get(title="ESRF user meeting")
    assert stored.origin == Event.Origin.PARTNER and not stored.live
    assert stored.local_start().hour == 9


def test_an_event_without_its_end_is_refused_next_to_the_field(client, partner, esrf):
    client.force_login(partner)
    event = {
        "title": "Broken",
        "event_type": "workshop",
        "timezone": "Europe/Paris",
        "start": "2027-02-08T09:00",
        "attendance": "onsite",
        "facilities": [esrf.pk],
    }
    response = client.post("/submit/event/", event)
    assert response.status_code == 400 and 'id="id_end_error"' in response.content.decode()


def test_anonymous_suggestion_is_stored_for_curators(
    client, curator, django_capture_on_commit_callbacks
):
    data = {"kind": "software", "title": "Dioptas", "url": "https://github.com/Dioptas/Dioptas"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/submit/suggest/", data)
    assert response.status_code == 302
    assert Suggestion.objects.get().title == "Dioptas"
    assert curator.email in mail.outbox[0].to
    client.force_login(curator)
    assert "Dioptas" in client.get("/admin/partners/suggestions/").content.decode()


def test_suggestion_with_the_honeypot_filled_is_refused(client, home):
    data = {
        "kind": "software",
        "title": "Spam",
        "url": "https://spam.example",
        "homepage_check": "x",
    }
    response = client.post("/submit/suggest/", data)
    assert response.status_code == 400 and not Suggestion.objects.exists()


def test_suggestions_are_rate_limited_and_the_text_kept(client, home):
    data = {"kind": "event", "title": "Workshop", "url": "https://example.org/w"}
    for _ in range(5):
        assert client.post("/submit/suggest/", data).status_code == 302
    response = client.post("/submit/suggest/", {**data, "title": "Sixth workshop"})
    assert response.status_code == 429 and "Retry-After" in response
    assert 'value="Sixth workshop"' in response.content.decode()
    assert Suggestion.objects.count() == 5
