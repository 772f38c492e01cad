"""What the software page shows of the training catalogue (`{% software_training page %}`)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from .factories import TrainingMaterialFactory, WorkflowFactory, connection, step

pytestmark = pytest.mark.django_db


def render(entry) -> str:
    request = RequestFactory().get("/")
    template = Template("{% load training_tags %}{% software_training page %}")
    return template.render(Context({"page": entry, "request": request}))


def test_software_page_lists_its_training_and_workflows(home, software):
    TrainingMaterialFactory(
        title="pyFAI cookbook recipes", relations={"related_software": [software["pyfai"]]}
    )
    TrainingMaterialFactory(title="Unrelated course")
    WorkflowFactory(
        title="Powder diffraction integration",
        graph=[
            step("images", "Images"),
            step("integrate", "Integration", "analysis", software=software["pyfai"].pk),
            connection("images", "integrate"),
        ],
    )
    html = render(software["pyfai"])
    assert "pyFAI cookbook recipes" in html and "Unrelated course" not in html
    assert "Workflows using it" in html and "Powder diffraction integration" in html


def test_software_without_training_says_so(home, software):
    html = render(software["tomopy"])
    assert "No training material about this software is listed yet." in html
    assert "Workflows using it" not in html


def test_the_software_entry_page_itself_shows_its_training_and_workflows(home, software, client):
    TrainingMaterialFactory(
        title="pyFAI cookbook recipes", relations={"related_software": [software["pyfai"]]}
    )
    WorkflowFactory(
        title="Powder diffraction integration",
        graph=[
            step("images", "Images"),
            step("integrate", "Integration", "analysis", software=software["pyfai"].pk),
            connection("images", "integrate"),
        ],
    )
    html = client.get(software["pyfai"].url).content.decode()
    assert "pyFAI cookbook recipes" in html
    assert "Powder diffraction integration" in html
