"""Curators and partners describe materials and workflows in the Wagtail admin, without code."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from registry.training.models import TrainingMaterial, Workflow
from registry.training.services import MaterialRecord, training_material_upsert

from .factories import training_index, workflow_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, django_user_model, home):
    user = django_user_model.objects.create_superuser("curator", "c@example.org", "pw")
    client.force_login(user)
    return user


def add_url(model: str, parent: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=("training", model, parent.pk))


def workflow_form(graph_items) -> dict:
    return nested_form_data(
        {
            "title": "Powder diffraction integration",
            "slug": "powder-diffraction",
            "summary": "From 2D images to 1D patterns.",
            "description": rich_text(""),
            "graph": streamfield(graph_items),
            "to_verify": "",
            "action-publish": "publish",
        }
    )


def graph_errors(response) -> dict:
    """The StreamField's errors as the admin's block editor receives them."""
    [error] = response.context["form"].errors.as_data()["graph"]
    return error.as_json_data()


def step_value(step_id, label, kind="dataset", software=""):
    return {
        "step_id": step_id,
        "label": label,
        "kind": kind,
        "software": software,
        "data_format": "",
        "facility": "",
        "url": "",
        "note": "",
    }


def test_editor_shows_where_a_connection_points_to_a_missing_step(client, curator):
    index = workflow_index()
    response = client.post(
        add_url("workflow", index),
        workflow_form(
            [
                ("step", step_value("images", "2D images")),
                ("connection", {"source": "images", "target": "patterns", "label": ""}),
            ]
        ),
    )
    assert response.status_code == 200  # the form comes back with its errors
    errors = graph_errors(response)
    # Pinned on the connection block (index 1), on its "to step id" field.
    assert errors["blockErrors"][1]["blockErrors"]["target"]["messages"] == [
        "There is no step with the id “patterns”. The step ids are: “images”."
    ]
    assert not Workflow.objects.exists()


def test_editor_refuses_a_loop(client, curator):
    response = client.post(
        add_url("workflow", workflow_index()),
        workflow_form(
            [
                ("step", step_value("a", "A")),
                ("step", step_value("b", "B")),
                ("connection", {"source": "a", "target": "b", "label": ""}),
                ("connection", {"source": "b", "target": "a", "label": ""}),
            ]
        ),
    )
    assert graph_errors(response)["messages"] == [
        "These connections form a loop: a → b → a. A workflow flows one way; "
        "remove or reverse one of them."
    ]
    assert not Workflow.objects.exists()


def test_editor_publishes_a_valid_workflow(client, curator, software):
    response = client.post(
        add_url("workflow", workflow_index()),
        workflow_form(
            [
                ("step", step_value("images", "2D images")),
                ("step", step_value("integrate", "Integration", "analysis", software["pyfai"].pk)),
                ("connection", {"source": "images", "target": "integrate", "label": ""}),
            ]
        ),
    )
    assert response.status_code == 302
    workflow = Workflow.objects.get(slug="powder-diffraction")
    assert list(workflow.software.all()) == [software["pyfai"]]


def test_material_add_form_opens_and_saves(client, curator):
    index = training_index()
    assert client.get(add_url("trainingmaterial", index)).status_code == 200
    response = client.post(
        add_url("trainingmaterial", index),
        nested_form_data(
            {
                "title": "Mantid basic course",
                "slug": "mantid-basic-course",
                "summary": "Loading, plotting and saving data in Mantid.",
                "material_type": "course",
                "resource_url": "https://docs.mantidproject.org/nightly/tutorials/mantid_basic_course/index.html",
                "description": rich_text(""),
                "difficulty": "beginner",
                "duration": "P2D",
                "language": "en",
                "licence": "",
                "review_status": "never-reviewed",
                "authors": inline_formset(
                    [{"name": "The Mantid Project team", "is_organisation": "on", "orcid": ""}]
                ),
                "keywords": "neutron, Python",
                "source": "hand-made",
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    material = TrainingMaterial.objects.get(slug="mantid-basic-course")
    assert material.duration_iso == "P2D"
    assert [a.name for a in material.authors.all()] == ["The Mantid Project team"]


def test_untrusted_submission_waits_for_a_curator(home):
    record = MaterialRecord(
        slug="harvested-course",
        fields={
            "title": "Harvested course",
            "summary": "From a partner feed.",
            "material_type": "course",
            "resource_url": "https://training.example.org/course",
            "source": "harvested",
            "source_name": "partner-feed",
            "external_id": "course-1",
        },
    )
    material, changed = training_material_upsert(
        index=training_index(), record=record, trusted=False
    )
    assert changed
    material.refresh_from_db()
    assert not material.live
    assert material.current_workflow_state is not None
    assert material.current_workflow_state.status == "in_progress"
