"""A training material: its review dates, validation, and the links to software and facilities."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.training.models import TrainingMaterial
from registry.training.review import ReviewStatus, review_state
from registry.training.selectors import materials_due_for_review, training_for_facility
from registry.training.services import training_material_mark_reviewed

from .factories import TrainingMaterialFactory

pytestmark = pytest.mark.django_db


def test_next_review_defaults_to_twelve_months_after_the_last_review(home):
    material = TrainingMaterialFactory(
        review_status=ReviewStatus.REVIEWED, last_reviewed=date(2024, 2, 29)
    )
    material.refresh_from_db()
    # relativedelta keeps the end of February instead of spilling into March.
    assert material.next_review_due == date(2025, 2, 28)


def test_a_curator_chosen_due_date_is_kept(home):
    material = TrainingMaterialFactory(
        review_status=ReviewStatus.REVIEWED,
        last_reviewed=date(2025, 1, 10),
        next_review_due=date(2025, 7, 1),
    )
    material.refresh_from_db()
    assert material.next_review_due == date(2025, 7, 1)


def test_a_due_date_from_the_previous_review_cycle_moves_on_with_a_new_review(home):
    material = TrainingMaterialFactory(
        review_status=ReviewStatus.REVIEWED,
        last_reviewed=date(2023, 5, 1),
        next_review_due=date(2024, 5, 1),
    )
    material.last_reviewed = date(2024, 6, 3)
    material.save()
    material.refresh_from_db()
    assert material.next_review_due == date(2025, 6, 3)


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        (ReviewStatus.REVIEWED, date(2025, 3, 2), "current"),
        (ReviewStatus.REVIEWED, date(2025, 3, 1), "current"),  # due today: still valid
        (ReviewStatus.REVIEWED, date(2025, 2, 28), "overdue"),
        (ReviewStatus.NEEDS_UPDATE, date(2026, 1, 1), "needs-update"),
        (ReviewStatus.NEVER_REVIEWED, None, "never-reviewed"),
    ],
)
def test_review_state_reads_the_status_against_today(status, due, expected):
    assert review_state(status=status, next_review_due=due, today=date(2025, 3, 1)).key == expected


def test_page_says_review_overdue_when_the_due_date_has_passed(client, home):
    today = timezone.localdate()
    material = TrainingMaterialFactory(
        review_status=ReviewStatus.REVIEWED,
        last_reviewed=today - timedelta(days=400),
        next_review_due=today - timedelta(days=35),
    )
    html = client.get(material.url).content.decode()
    assert "Review overdue" in html
    assert material.next_review_due.strftime("%Y") in html


def test_reviewed_status_needs_a_review_date():
    material = TrainingMaterial(
        title="t",
        slug="t",
        summary="s",
        material_type="tutorial",
        resource_url="https://example.org/",
        review_status=ReviewStatus.REVIEWED,
    )
    with pytest.raises(ValidationError) as error:
        material.clean()
    assert "last_reviewed" in error.value.message_dict


def test_licence_is_checked_and_normalised_to_spdx():
    material = TrainingMaterial(
        title="t",
        slug="t",
        summary="s",
        material_type="tutorial",
        resource_url="https://example.org/",
        licence="cc-by-4.0",
    )
    material.clean()
    assert material.licence == "CC-BY-4.0"
    material.licence = "Creative Commons"
    with pytest.raises(ValidationError) as error:
        material.clean()
    assert "SPDX" in str(error.value.message_dict["licence"])


def test_duration_is_given_in_iso_8601_and_shown_in_words(home):
    material = TrainingMaterialFactory(duration=timedelta(days=5))
    assert material.duration_iso == "P5D"
    assert material.duration_display == "5 days"
    material.duration = timedelta(hours=1, minutes=30)
    assert material.duration_iso == "PT1H30M"
    assert material.duration_display == "1 hour 30 minutes"


def test_related_software_links_both_ways(home, software):
    material = TrainingMaterialFactory(relations={"related_software": [software["pyfai"]]})
    assert list(software["pyfai"].training_materials.all()) == [material]


def test_facility_page_lists_the_training_it_provides(client, esrf):
    TrainingMaterialFactory(title="pyFAI cookbook", providing_facility=esrf)
    TrainingMaterialFactory(title="Somebody else's course")
    assert [m.title for m in training_for_facility(esrf)] == ["pyFAI cookbook"]
    html = client.get(esrf.url).content.decode()
    assert "Training provided" in html and "pyFAI cookbook" in html
    assert "Somebody else" not in html


def test_materials_due_for_review_lists_what_a_curator_must_look_at(home):
    today = date(2025, 6, 1)
    never = TrainingMaterialFactory(title="never")
    flagged = TrainingMaterialFactory(
        title="flagged", review_status=ReviewStatus.NEEDS_UPDATE, last_reviewed=date(2025, 5, 1)
    )
    due = TrainingMaterialFactory(
        title="due", review_status=ReviewStatus.REVIEWED, last_reviewed=date(2024, 6, 1)
    )
    TrainingMaterialFactory(
        title="fresh", review_status=ReviewStatus.REVIEWED, last_reviewed=date(2025, 5, 1)
    )
    assert set(materials_due_for_review(today)) == {never, flagged, due}


def test_marking_reviewed_sets_status_and_next_due_date(home):
    material = TrainingMaterialFactory()
    training_material_mark_reviewed(material=material, reviewed_on=date(2025, 4, 2))
    material.refresh_from_db()
    assert material.review_status == ReviewStatus.REVIEWED
    assert material.next_review_due == date(2026, 4, 2)
    assert material.get_latest_revision().content["review_status"] == ReviewStatus.REVIEWED


def test_a_review_cannot_be_dated_in_the_future(home):
    material = TrainingMaterialFactory()
    with pytest.raises(ValidationError):
        training_material_mark_reviewed(
            material=material, reviewed_on=timezone.localdate() + timedelta(days=1)
        )
    material.refresh_from_db()
    assert material.review_status == ReviewStatus.NEVER_REVIEWED


def test_harvested_materials_are_unique_per_source_and_external_id(home):
    TrainingMaterialFactory(source_name="pan-training.eu", external_id="materials/42")
    TrainingMaterialFactory(source_name="pan-training.eu", external_id="")
    TrainingMaterialFactory(source_name="pan-training.eu", external_id="")
    with pytest.raises(ValidationError, match="same external id"):
        TrainingMaterialFactory(source_name="pan-training.eu", external_id="materials/42")
    assert TrainingMaterial.objects.filter(external_id="materials/42").count() == 1
