"""Writes through the training services: idempotent upserts keyed the way harvesters need."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.training.models import TrainingMaterial
from registry.training.services import MaterialRecord, training_material_upsert

from .factories import training_index

pytestmark = pytest.mark.django_db


def harvested(**fields) -> MaterialRecord:
    base = {
        "title": "Introduction to neutron scattering",
        "summary": "An e-learning course.",
        "material_type": "e-learning",
        "resource_url": "https://e-learning.example.org/course/1",
        "source": "harvested",
        "source_name": "partner-moodle",
        "external_id": "course-1",
        "harvested_at": timezone.now(),
    }
    return MaterialRecord(slug="intro-neutrons", fields=base | fields, keywords=["neutrons"])


def test_reharvesting_an_unchanged_record_writes_nothing(home):
    material, changed = training_material_upsert(index=training_index(), record=harvested())
    assert changed
    revisions = material.revisions.count()
    later = harvested(harvested_at=timezone.now() + timedelta(days=1))
    _, changed = training_material_upsert(index=training_index(), record=later)
    assert not changed
    assert material.revisions.count() == revisions


def test_a_harvested_record_is_matched_on_its_external_id_and_updated_in_place(home):
    material, _ = training_material_upsert(index=training_index(), record=harvested())
    renamed = harvested(title="Neutron scattering: an introduction")
    updated, changed = training_material_upsert(index=training_index(), record=renamed)
    assert changed and updated.pk == material.pk
    assert TrainingMaterial.objects.get().title == "Neutron scattering: an introduction"


def test_invalid_data_is_refused_and_the_stored_material_kept(home):
    training_material_upsert(index=training_index(), record=harvested())
    with pytest.raises(ValidationError) as caught:
        training_material_upsert(
            index=training_index(), record=harvested(licence="not a licence", title="Changed")
        )
    assert "licence" in str(caught.value)
    assert TrainingMaterial.objects.get().title == "Introduction to neutron scattering"


def test_an_unknown_field_is_a_programming_error_named_clearly(home):
    with pytest.raises(ValueError, match="unknown fields \\['colour'\\]"):
        training_material_upsert(index=training_index(), record=harvested(colour="blue"))
