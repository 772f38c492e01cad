"""Each transition of "Curator review" for a partner's submission, as the partner sees it,
and the audit trail curators read."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry, PageLogEntry, WorkflowState

from registry.partners.models import Submission
from registry.partners.selectors import my_submissions
from registry.partners.services import submission_save
from registry.software.models import SoftwareEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(partner, esrf):
    submission = submission_save(
        kind="software",
        data={"title": "XRStools", "summary": "X-ray Raman.", "developing_facilities": [esrf]},
        by=partner,
        channel="form",
    )
    return SoftwareEntry.objects.get(pk=submission.page_id)


def _act(entry, curator, action, comment=""):
    state = entry.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, curator, action, comment=comment)


def _state(partner):
    (row,) = my_submissions(partner)
    return row.state, row.comment


def test_submit_puts_the_draft_in_review(partner, submitted):
    assert not submitted.live
    assert _state(partner) == ("in-review", "")


def test_approve_publishes_and_tells_the_partner(
    partner, curator, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _act(submitted, curator, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    assert _state(partner) == ("published", "")
    assert any(partner.email in m.to for m in mail.outbox)


def test_request_changes_notifies_with_the_comment_and_resubmission_resumes_review(
    client, partner, curator, esrf, submitted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _act(submitted, curator, "reject", comment="Please add the repository URL.")
    assert _state(partner) == ("changes-requested", "Please add the repository URL.")
    (message,) = [m for m in mail.outbox if partner.email in m.to]
    assert "Please add the repository URL." in message.body
    client.force_login(partner)
    mine = client.get("/submit/mine/").content.decode()
    assert "Changes requested" in mine and "Please add the repository URL." in mine

    response = client.post(
        f"/submit/software/{submitted.pk}/",
        {
            "title": "XRStools",
            "summary": "X-ray Raman.",
            "repository_url": "https://gitlab.esrf.fr/ixstools/xrstools",
            "developing_facilities": [esrf.pk],
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    state = submitted.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert _state(partner) == ("in-review", "")
    _act(submitted, curator, "approve")
    submitted.refresh_from_db()
    assert submitted.live and submitted.repository_url.endswith("/xrstools")


def test_reject_ends_the_review_and_tells_the_partner_why(
    client, partner, curator, submitted, django_capture_on_commit_callbacks
):
    submission = Submission.objects.get(page=submitted)
    client.force_login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/partners/submissions/{submission.pk}/reject/",
            {"reason": "Not photon or neutron software."},
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live and submitted.current_workflow_state is None
    assert _state(partner) == ("rejected", "Not photon or neutron software.")
    (message,) = [m for m in mail.outbox if partner.email in m.to]
    assert "Not photon or neutron software." in message.body
    log = PageLogEntry.objects.get(page=submitted, action="partners.decline")
    assert log.user == curator


def test_partners_cannot_reject_submissions(client, partner, submitted):
    submission = Submission.objects.get(page=submitted)
    client.force_login(partner)
    response = client.post(
        f"/admin/partners/submissions/{submission.pk}/reject/", {"reason": "mine"}
    )
    assert response.status_code in (302, 403)
    assert Submission.objects.get(pk=submission.pk).declined_at is None


def test_partners_cannot_approve_their_own_submission(partner, submitted):
    state = submitted.current_workflow_state
    task = state.current_task_state.task.specific
    assert not task.user_can_access_editor(submitted, partner) or not any(
        name == "approve" for name, *_ in task.get_actions(submitted, partner)
    )


def test_every_change_is_recorded_with_the_acting_user(partner, curator, submitted):
    actions = dict(
        PageLogEntry.objects.filter(page=submitted).values_list("action", "user__username")
    )
    assert actions["wagtail.create"] == "partner-esrf"
    assert actions["wagtail.edit"] == "partner-esrf"
    assert actions["wagtail.workflow.start"] == "partner-esrf"
    _act(submitted, curator, "approve")
    assert PageLogEntry.objects.filter(
        page=submitted, action="wagtail.publish", user=curator
    ).exists()
    assert not ModelLogEntry.objects.filter(action="wagtail.create", user=None).exists()


def test_my_submissions_reads_in_a_fixed_number_of_queries(
    partner, esrf, django_assert_num_queries
):
    for n in range(3):
        submission_save(
            kind="software",
            data={"title": f"Tool {n}", "summary": "x", "developing_facilities": [esrf]},
            by=partner,
            channel="api",
        )
    with django_assert_num_queries(2):
        rows = my_submissions(partner)
    assert len(rows) == 3
    for n in range(3, 8):
        submission_save(
            kind="software",
            data={"title": f"Tool {n}", "summary": "x", "developing_facilities": [esrf]},
            by=partner,
            channel="api",
        )
    with django_assert_num_queries(2):
        assert len(my_submissions(partner)) == 8
