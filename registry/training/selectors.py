"""Reads of the training catalogue, shared by pages, feeds, other apps and the curators.

Each selector prefetches what its callers show, so a list's query count
does not grow with its rows. The catalogue page's own search-and-facets
selector lives in catalogue.py.
"""

from datetime import date

from django.db.models import Prefetch, Q

from .catalogue import training_catalogue
from .models import TrainingMaterial, Workflow
from .review import ReviewStatus

__all__ = [
    "materials_due_for_review",
    "materials_for_software",
    "new_materials",
    "training_catalogue",
    "training_for_facility",
    "workflow_list",
    "workflows_for_software",
]


def materials_due_for_review(today: date):
    """Live materials a curator should look at now, the longest-waiting first.

    Due means: never reviewed, marked "needs update", or reviewed with the
    next review due on or before `today`.
    """
    return (
        TrainingMaterial.objects.live()
        .filter(
            ~Q(review_status=ReviewStatus.REVIEWED)
            | Q(next_review_due__lte=today)
            | Q(next_review_due__isnull=True)
        )
        .select_related("providing_facility")
        .order_by("next_review_due", "first_published_at", "title")
    )


def training_for_facility(facility):
    """The facility page's "Training" section: what it provides."""
    return (
        TrainingMaterial.objects.live()
        .public()
        .filter(providing_facility=facility)
        .order_by("title")
    )


def materials_for_software(entry):
    """The software page's "Training" section: materials about this software."""
    return (
        TrainingMaterial.objects.live()
        .public()
        .filter(related_software=entry)
        .select_related("providing_facility")
        .order_by("title")
    )


def workflows_for_software(entry):
    """The software page's "Workflows" section: workflows with a step done by it."""
    return Workflow.objects.live().public().filter(software=entry).order_by("title")


def workflow_list(*, index):
    from registry.software.models import SoftwareEntry

    return (
        Workflow.objects.live()
        .public()
        .child_of(index)
        .prefetch_related(
            Prefetch("software", queryset=SoftwareEntry.objects.live().order_by("title")),
            "techniques",
        )
        .order_by("title")
    )


def new_materials(*, index, limit: int = 30):
    """The newest published materials, for the RSS and Atom feeds."""
    from registry.software.models import SoftwareEntry

    return (
        TrainingMaterial.objects.live()
        .public()
        .child_of(index)
        .select_related("providing_facility", "owner")
        .prefetch_related(
            "audiences",
            "authors",
            Prefetch("related_software", queryset=SoftwareEntry.objects.live().order_by("title")),
        )
        .order_by("-first_published_at", "-pk")[:limit]
    )
