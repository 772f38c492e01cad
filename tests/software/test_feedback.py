"""Visitor feedback: "my facility uses this" and problem reports reach curators; nothing is lost."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail

from registry.core.antispam import HONEYPOT_FIELD
from registry.software import feedback
from registry.software.models import FacilityUseReport, ProblemReport, SoftwareEntry

from .factories import FacilityFactory, SoftwareEntryFactory, publish


@pytest.fixture
def entry(catalogue):
    return publish(SoftwareEntryFactory(title="Savu", slug="savu"))


@pytest.fixture
def diamond(catalogue):
    return FacilityFactory(acronym="Diamond")


@pytest.fixture
def curator(db, home):
    user = User.objects.create_user("cur", email="curator@facility.example", password="x")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


def _use_post(diamond, **extra):
    data = {
        "use-facility": str(diamond.pk),
        "use-reporter_name": "Ada Scientist",
        "use-reporter_email": "ada@facility.example",
        "use-message": "Beamline I12 reconstructs with it every day.",
    }
    data.update(extra)
    return data


def test_facility_use_report_is_recorded_pending_and_mailed_to_curators(
    client, entry, diamond, curator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/software/savu/feedback/uses/", _use_post(diamond))
    assert response.status_code == 302 and response["Location"] == "/software/savu/#feedback"
    report = FacilityUseReport.objects.get()
    assert report.status == FacilityUseReport.Status.PENDING
    assert (report.facility, report.entry) == (diamond, entry)
    # Pending: the page does not list Diamond as a user yet.
    assert not SoftwareEntry.objects.get(pk=entry.pk).using_facilities.exists()
    [message] = mail.outbox
    assert message.to == ["curator@facility.example"]
    assert "Diamond uses Savu?" in message.subject
    assert (
        "Beamline I12" in message.body and f"/facilityusereport/edit/{report.pk}/" in message.body
    )
    page = client.get("/software/savu/")
    assert "Thank you! A curator will check it" in page.content.decode()


def test_invalid_report_keeps_everything_typed_and_says_what_is_wrong(client, entry, diamond):
    data = _use_post(diamond, **{"use-reporter_email": "not-an-address"})
    response = client.post("/software/savu/feedback/uses/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="Ada Scientist"' in html and 'value="not-an-address"' in html
    assert "Beamline I12 reconstructs with it every day." in html
    assert f'<option value="{diamond.pk}" selected>' in html
    assert FacilityUseReport.objects.count() == 0


def test_honeypot_filled_by_a_robot_refuses_the_report(client, entry, diamond):
    response = client.post(
        "/software/savu/feedback/uses/", _use_post(diamond, **{f"use-{HONEYPOT_FIELD}": "spam"})
    )
    assert response.status_code == 400
    assert "looks automated" in response.content.decode()
    assert FacilityUseReport.objects.count() == 0


def test_rate_limit_answers_429_without_losing_the_text(client, entry, settings):
    for _ in range(10):
        client.post(
            "/software/savu/feedback/problem/",
            {"problem-kind": "broken-link", "problem-message": "The docs link is dead."},
        )
    assert ProblemReport.objects.count() == 10
    response = client.post(
        "/software/savu/feedback/problem/",
        {"problem-kind": "other", "problem-message": "An eleventh report."},
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many reports" in html and "An eleventh report." in html
    assert ProblemReport.objects.count() == 10
    # Another client is not affected.
    other = client.post(
        "/software/savu/feedback/problem/",
        {"problem-kind": "other", "problem-message": "From elsewhere."},
        REMOTE_ADDR="192.0.2.7",
    )
    assert other.status_code == 302


def test_problem_report_reaches_curators(
    client, entry, curator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/software/savu/feedback/problem/",
            {"problem-kind": "wrong-information", "problem-message": "The licence is GPL now."},
        )
    report = ProblemReport.objects.get()
    assert report.status == ProblemReport.Status.OPEN
    [message] = mail.outbox
    assert "Problem reported with Savu" in message.subject and "licence is GPL" in message.body


def test_facility_already_listed_is_told_so(client, entry, diamond):
    entry.using_facilities.add(diamond)
    publish(entry)
    response = client.post("/software/savu/feedback/uses/", _use_post(diamond))
    assert response.status_code == 400
    assert "Diamond is already listed as using Savu" in response.content.decode()


def test_accepting_adds_the_facility_in_a_new_published_revision(entry, diamond, curator):
    report = feedback.facility_use_report_submit(
        entry=entry, facility=diamond, name="Ada", email="ada@facility.example"
    )
    revisions = entry.revisions.count()
    feedback.facility_use_report_accept(report=report, by=curator, note="Confirmed by e-mail.")
    entry = SoftwareEntry.objects.get(pk=entry.pk)
    assert list(entry.using_facilities.all()) == [diamond]
    assert entry.revisions.count() == revisions + 1
    assert entry.get_latest_revision().user == curator
    report.refresh_from_db()
    assert (report.status, report.decided_by) == (FacilityUseReport.Status.ACCEPTED, curator)


def test_accepting_keeps_an_editors_pending_draft(entry, diamond, curator):
    draft = SoftwareEntry.objects.get(pk=entry.pk)
    draft.summary = "A better summary, not yet published."
    draft.save_revision()
    report = feedback.facility_use_report_submit(
        entry=entry, facility=diamond, name="Ada", email="ada@facility.example"
    )
    feedback.facility_use_report_accept(report=report, by=curator)
    live = SoftwareEntry.objects.get(pk=entry.pk)
    assert list(live.using_facilities.all()) == [diamond]
    assert live.summary != "A better summary, not yet published."
    latest = live.get_latest_revision_as_object()
    assert latest.summary == "A better summary, not yet published."
    assert list(latest.using_facilities.all()) == [diamond]


def test_a_decided_report_cannot_be_decided_again(entry, diamond, curator):
    report = feedback.facility_use_report_submit(
        entry=entry, facility=diamond, name="Ada", email="ada@facility.example"
    )
    feedback.facility_use_report_decline(report=report, by=curator)
    with pytest.raises(Exception, match="already declined"):
        feedback.facility_use_report_accept(report=report, by=curator)


def test_curator_accepts_in_the_admin(client, entry, diamond, curator):
    report = feedback.facility_use_report_submit(
        entry=entry, facility=diamond, name="Ada", email="ada@facility.example"
    )
    client.force_login(curator)
    url = f"/admin/snippets/software/facilityusereport/edit/{report.pk}/"
    listing = client.get("/admin/snippets/software/facilityusereport/")
    assert listing.status_code == 200 and "Savu" in listing.content.decode()
    response = client.post(url, {"decision": "accept", "curator_note": "Known user."})
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert (
        report.status == FacilityUseReport.Status.ACCEPTED and report.curator_note == "Known user."
    )
    assert SoftwareEntry.objects.get(pk=entry.pk).using_facilities.filter(pk=diamond.pk).exists()
