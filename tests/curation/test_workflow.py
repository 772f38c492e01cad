from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState

from registry.core.site_setup import CURATORS, ensure_site
from registry.curation.workflow import CURATOR_REVIEW, publish, submit_for_review
from registry.facilities.models import Facility, FacilityIndexPage


def _draft_facility(index):
    facility = Facility(
        title="Test Light Source",
        slug="tls",
        acronym="TLS",
        country="France",
        country_code="FR",
        city="Grenoble",
        live=False,
    )
    index.add_child(instance=facility)
    return facility


def test_every_page_falls_under_curator_review_approved_by_curators(home):
    workflow = home.get_workflow()
    assert workflow.name == CURATOR_REVIEW
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [CURATORS]


def test_a_submission_waits_as_a_draft_until_a_curator_approves(home):
    partner = get_user_model().objects.create_user("partner")
    curator = get_user_model().objects.create_user("curator")
    curator.groups.add(Group.objects.get(name=CURATORS))
    facility = _draft_facility(FacilityIndexPage.objects.get())

    submit_for_review(facility, by=partner)
    facility.refresh_from_db()
    assert not facility.live
    state = facility.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == partner

    state.current_task_state.task.specific.on_action(state.current_task_state, curator, "approve")
    facility.refresh_from_db()
    assert facility.live


def test_publish_is_immediate_and_recorded(home):
    facility = _draft_facility(FacilityIndexPage.objects.get())
    revision = publish(facility, by=None)
    facility.refresh_from_db()
    assert facility.live and facility.live_revision_id == revision.pk


def test_setting_up_twice_keeps_one_workflow(home):
    from wagtail.models import Workflow

    ensure_site()
    assert Workflow.objects.filter(name=CURATOR_REVIEW).count() == 1
