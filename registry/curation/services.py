"""The curators' bulk actions, as services the dashboard (and anything else) calls.

approve: the in-review revision is published through the workflow's own
approval (so Wagtail logs it as the curator's approval); mark reviewed:
training materials get today's review and their next due date, and their
"review overdue" flag is cleared at once; pause: a harvest source stops being
harvested until a curator resumes it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import WorkflowState

from .models import StaleFlag, StaleKind


def submissions_waiting():
    """Workflow states waiting for a curator, oldest first, with what their rows show."""
    return (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("requested_by", "content_type", "workflow", "current_task_state__task")
        .prefetch_related("content_object")
        .order_by("created_at")
    )


@transaction.atomic
def approve_submissions(*, state_ids, by) -> int:
    """Approve each waiting submission's current task; returns how many were approved."""
    approved = 0
    for state in submissions_waiting().filter(pk__in=state_ids):
        task_state = state.current_task_state
        task = task_state.task.specific
        if "approve" not in [action[0] for action in task.get_actions(state.content_object, by)]:
            continue
        task.on_action(task_state, by, "approve")
        approved += 1
    return approved


@transaction.atomic
def mark_reviewed(*, material_ids, by, today=None) -> int:
    """Record today's review of each training material and clear its overdue flag."""
    from registry.training.models import TrainingMaterial
    from registry.training.services import training_material_mark_reviewed

    today = today or timezone.localdate()
    materials = list(TrainingMaterial.objects.filter(pk__in=material_ids))
    for material in materials:
        training_material_mark_reviewed(material=material, reviewed_on=today, by=by)
    StaleFlag.objects.open().filter(
        content_type=ContentType.objects.get_for_model(TrainingMaterial),
        object_id__in=[m.pk for m in materials],
        kind=StaleKind.TRAINING_REVIEW_OVERDUE,
    ).update(cleared_at=timezone.now())
    return len(materials)


@transaction.atomic
def pause_sources(*, source_ids, by) -> int:
    from .stale import harvest_source_model

    model = harvest_source_model()
    if model is None:
        return 0
    reason = f"Paused by {by} from the curation dashboard." if by else "Paused by a curator."
    return model.objects.filter(pk__in=source_ids, paused=False).update(
        paused=True, pause_reason=reason[:500]
    )
