"""Each training page carries schema.org JSON-LD following the Bioschemas profiles."""

import json
import re
from datetime import timedelta

import pytest

from registry.training.jsonld import COURSE_PROFILE, TRAINING_MATERIAL_PROFILE
from registry.training.models import Audience
from registry.vocabularies.models import Technique

from .factories import TrainingMaterialFactory, WorkflowFactory, connection, step
from .schemaorg import SCHEMA, expand, vocabulary_problems

pytestmark = pytest.mark.django_db
CONFORMS_TO = "http://purl.org/dc/terms/conformsTo"


def page_jsonld(client, page) -> dict:
    html = client.get(page.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, "one JSON-LD block per page"
    return json.loads(blocks[0])


def values(expanded_node, name):
    return expanded_node.get(SCHEMA + name, [])


@pytest.fixture
def tutorial(home, esrf, software):
    material = TrainingMaterialFactory(
        title="Calibrating a diffraction setup with pyFAI-calib2",
        summary="The five tasks of a geometry calibration.",
        providing_facility=esrf,
        difficulty="beginner",
        duration=timedelta(minutes=30),
        licence="CC-BY-4.0",
        prerequisites="Python basics",
        learning_objectives="Mask invalid pixels\nFit the detector geometry",
        author_names=["Jérôme Kieffer"],
        relations={
            "audiences": [Audience.objects.get(slug="beamline-scientist")],
            "related_software": [software["pyfai"]],
            "techniques": [Technique.objects.get(iri__endswith="/PaNET01216")],
        },
    )
    material.keywords.add("calibration", "PONI")
    material.save()
    return material


def test_tutorial_is_a_bioschemas_training_material(client, tutorial):
    data = page_jsonld(client, tutorial)
    [node] = expand(data)
    assert node["@type"] == [SCHEMA + "LearningResource"]
    assert node[CONFORMS_TO][0]["@id"] == TRAINING_MATERIAL_PROFILE
    # The profile's minimum: name, description, keywords.
    assert values(node, "name")[0]["@value"] == tutorial.title
    assert values(node, "description")[0]["@value"].startswith("The five tasks")
    assert set(values(node, "keywords")[0]["@value"].split(", ")) == {"calibration", "PONI"}
    assert values(node, "timeRequired")[0]["@value"] == "PT30M"
    assert [v["@value"] for v in values(node, "teaches")] == [
        "Mask invalid pixels",
        "Fit the detector geometry",
    ]
    assert values(node, "competencyRequired")[0]["@value"] == "Python basics"
    assert values(node, "license")[0]["@id"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert values(node, "author")[0][SCHEMA + "name"][0]["@value"] == "Jérôme Kieffer"
    assert values(node, "about")[0]["@id"].endswith("/PaNET01216")
    assert values(node, "mentions")[0][SCHEMA + "name"][0]["@value"] == "pyFAI"
    assert values(node, "url")[0]["@id"] == tutorial.resource_url


def test_tutorial_jsonld_uses_only_schema_org_terms_where_they_apply(client, tutorial):
    assert vocabulary_problems(expand(page_jsonld(client, tutorial))) == []


def test_vocabulary_check_catches_a_misplaced_property():
    document = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "A",
        "teaches": "x",
        "colour": "blue",
    }
    assert set(vocabulary_problems(expand(document))) == {
        "teaches does not apply to Person",
        "unknown property colour",
    }


@pytest.mark.parametrize("material_type", ["course", "e-learning"])
def test_courses_follow_the_course_profile(client, home, material_type):
    course = TrainingMaterialFactory(
        material_type=material_type,
        duration=timedelta(days=5),
        prerequisites="Some Python",
        author_names=["The Mantid Project team"],
    )
    data = page_jsonld(client, course)
    [node] = expand(data)
    assert node["@type"] == [SCHEMA + "Course"]
    assert node[CONFORMS_TO][0]["@id"] == COURSE_PROFILE
    assert values(node, "coursePrerequisites")[0]["@value"] == "Some Python"
    assert values(node, "timeRequired")[0]["@value"] == "P5D"
    assert values(node, "creator")[0][SCHEMA + "name"][0]["@value"] == "The Mantid Project team"
    assert values(node, "keywords"), "the Course profile requires keywords"
    assert vocabulary_problems(expand(data)) == []


def test_editor_text_cannot_break_out_of_the_jsonld_block(client, home):
    material = TrainingMaterialFactory(summary="Ends here </script><script>alert(1)</script>")
    html = client.get(material.url).content.decode()
    assert "<script>alert(1)" not in html
    assert page_jsonld(client, material)["description"].startswith("Ends here </script>")


def test_workflow_page_jsonld_mentions_its_software_and_data(client, home, software):
    workflow = WorkflowFactory(
        graph=[
            step("raw", "Raw projections", data_format="NeXus/HDF5 (NXtomo)"),
            step("rec", "Reconstruction", "analysis", software=software["nabu"].pk),
            connection("raw", "rec"),
        ]
    )
    data = page_jsonld(client, workflow)
    [node] = expand(data)
    mentions = {m[SCHEMA + "name"][0]["@value"]: m["@type"][0] for m in values(node, "mentions")}
    assert mentions == {
        "Raw projections": SCHEMA + "Dataset",
        "nabu": SCHEMA + "SoftwareApplication",
    }
    assert vocabulary_problems([node]) == []
