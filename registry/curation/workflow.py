"""The "Curator review" workflow every submission goes through, and the two ways in.

Forms, the write API and harvesters from untrusted sources all call
`submit_for_review()`: the object's current state becomes a draft revision and
enters the workflow, where a curator approves (publishes), requests changes or
rejects. Trusted paths (curators, approved sources of trusted facilities)
call `publish()`. Both record who did it in Wagtail's revisions and log.
"""

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

CURATOR_REVIEW = "Curator review"
CURATOR_APPROVAL_TASK = "Curator approval"


@transaction.atomic
def ensure_curator_review_workflow(curators: Group) -> Workflow:
    """Create the workflow if missing and assign it to every page and workflow-enabled snippet."""
    task = GroupApprovalTask.objects.filter(name=CURATOR_APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=CURATOR_APPROVAL_TASK)
    task.groups.add(curators)
    workflow, _ = Workflow.objects.get_or_create(name=CURATOR_REVIEW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The whole page tree; this replaces Wagtail's default "Moderators approval".
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    for model in apps.get_models():
        if issubclass(model, WorkflowMixin) and not issubclass(model, Page):
            WorkflowContentType.objects.update_or_create(
                content_type=ContentType.objects.get_for_model(model),
                defaults={"workflow": workflow},
            )
    return workflow


@transaction.atomic
def submit_for_review(obj, *, by=None):
    """Save `obj` as a draft revision under curator review; returns the revision.

    A resubmission while a review is in progress adds the new revision to the
    same review; after "changes requested" it resumes the review.
    """
    workflow = obj.get_workflow()
    if workflow is None:
        raise ImproperlyConfigured(
            f"No active '{CURATOR_REVIEW}' workflow applies to {obj!r}: run `manage.py setup_site`."
        )
    revision = obj.save_revision(user=by, log_action=True)
    state = obj.current_workflow_state
    if state is None:
        workflow.start(obj, by)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(by)
    return revision


@transaction.atomic
def publish(obj, *, by=None):
    """Save and publish `obj` at once (trusted paths only); returns the revision."""
    revision = obj.save_revision(user=by, log_action=True)
    revision.publish(user=by)
    return revision
