"""Reads of partner submissions: "My submissions" and the curators' list, in a fixed number of queries."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, TaskState, WorkflowState

from .models import Submission


@dataclass(frozen=True)
class SubmissionRow:
    submission: Submission
    page: Page
    state: str  # in-review, changes-requested, published, rejected, withdrawn, draft
    label: str
    comment: str


LABELS = {
    "in-review": "In review",
    "changes-requested": "Changes requested",
    "published": "Published",
    "rejected": "Not accepted",
    "withdrawn": "Withdrawn",
    "draft": "Draft",
}


def submission_rows(submissions) -> list[SubmissionRow]:
    """Each submission with its review state and the curator's comment (three queries in all)."""
    submissions = list(submissions.select_related("page"))
    ids = [str(s.page_id) for s in submissions]
    page_type = ContentType.objects.get_for_model(Page)
    latest: dict[str, WorkflowState] = {}
    for state in WorkflowState.objects.filter(
        base_content_type=page_type, object_id__in=ids
    ).order_by("created_at", "pk"):
        latest[state.object_id] = state
    comments: dict[int, str] = {}
    needing = [s.pk for s in latest.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES]
    if needing:
        for task_state in TaskState.objects.filter(
            workflow_state_id__in=needing, status=TaskState.STATUS_REJECTED
        ).order_by("finished_at", "pk"):
            comments[task_state.workflow_state_id] = task_state.comment
    rows = []
    for submission in submissions:
        page = submission.page
        state = latest.get(str(page.pk))
        comment = ""
        if submission.declined_at:
            key, comment = "rejected", submission.decline_reason
        elif state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            key = "in-review"
        elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            key, comment = "changes-requested", comments.get(state.pk, "")
        elif page.live:
            key = "published"
        elif state is not None and state.status == WorkflowState.STATUS_CANCELLED:
            key = "withdrawn"
        else:
            key = "draft"
        rows.append(SubmissionRow(submission, page, key, LABELS[key], comment))
    return rows


def my_submissions(user) -> list[SubmissionRow]:
    return submission_rows(Submission.objects.filter(submitted_by=user))
