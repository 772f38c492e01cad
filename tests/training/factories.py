"""Factories for the training tests: materials, workflows and the pages they point to."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from registry.core.site_setup import ensure_child
from registry.facilities.models import Facility, FacilityIndexPage
from registry.software.models import SoftwareEntry, SoftwareIndexPage
from registry.training.models import (
    TrainingIndexPage,
    TrainingMaterial,
    TrainingMaterialAuthor,
    Workflow,
    WorkflowIndexPage,
)


def training_index() -> TrainingIndexPage:
    return TrainingIndexPage.objects.get()


def workflow_index() -> WorkflowIndexPage:
    return ensure_child(training_index(), WorkflowIndexPage, slug="workflows", title="Workflows")


def software_index(home) -> SoftwareIndexPage:
    # The software section joins site_setup.SECTIONS with the software
    # branch; until then the tests make its index page themselves.
    return ensure_child(home, SoftwareIndexPage, slug="software", title="Software")


class FacilityFactory(wagtail_factories.PageFactory):
    class Meta:
        model = Facility

    title = factory.Sequence(lambda n: f"Facility {n}")
    acronym = factory.Sequence(lambda n: f"F{n}")
    slug = factory.LazyAttribute(lambda o: o.acronym.lower())
    country = "France"
    country_code = "FR"
    city = "Grenoble"
    website = factory.LazyAttribute(lambda o: f"https://{o.acronym.lower()}.example.org/")
    parent = factory.LazyFunction(lambda: FacilityIndexPage.objects.get())


class SoftwareEntryFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SoftwareEntry

    title = factory.Sequence(lambda n: f"program{n}")
    summary = "Reduces and analyses data."


class TrainingMaterialFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TrainingMaterial
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tutorial number {n}")
    summary = "Learn to reduce diffraction images."
    material_type = TrainingMaterial.Type.TUTORIAL
    resource_url = factory.Sequence(lambda n: f"https://docs.example.org/tutorial-{n}.html")
    language = "en"
    first_published_at = factory.Sequence(
        lambda n: timezone.now() - timedelta(days=100) + timedelta(hours=n)
    )
    last_published_at = factory.LazyAttribute(lambda o: o.first_published_at)
    parent = factory.LazyFunction(training_index)

    @factory.post_generation
    def relations(obj, create, extracted, **kwargs):
        """relations={"audiences": [...], "techniques": [...], "related_software": [...]}"""
        if not extracted:
            return
        for name, values in extracted.items():
            getattr(obj, name).set(values)
        obj.save()

    @factory.post_generation
    def author_names(obj, create, extracted, **kwargs):
        for n, name in enumerate(extracted or []):
            TrainingMaterialAuthor.objects.create(material=obj, name=name, sort_order=n)


def step(step_id, label, kind="dataset", **extra) -> dict:
    value = {
        "step_id": step_id,
        "label": label,
        "kind": kind,
        "software": None,
        "data_format": "",
        "facility": None,
        "url": "",
        "note": "",
    }
    value.update(extra)
    return {"type": "step", "value": value}


def connection(source, target, label="") -> dict:
    return {"type": "connection", "value": {"source": source, "target": target, "label": label}}


class WorkflowFactory(wagtail_factories.PageFactory):
    class Meta:
        model = Workflow

    title = factory.Sequence(lambda n: f"Workflow {n}")
    summary = "From raw images to a result."
    graph = factory.LazyFunction(
        lambda: [
            step("raw", "Raw images"),
            step("out", "Result", "result"),
            connection("raw", "out"),
        ]
    )
    parent = factory.LazyFunction(workflow_index)
