"""Graphical workflows: how datasets flow through catalogued software to results.

Section 6 of the LEAPS data strategy asks the training catalogue for "a way
to describe dependencies between specific datasets and the related analysis
software with simple graphical workflows". A Workflow page holds the graph
as StreamField blocks (blocks.py) that editors fill in the admin; the page
draws it as an SVG diagram (diagram.py) with a text alternative. Workflows
live under /training/workflows/.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from registry.core.models import CuratorCheckMixin

from ..blocks import StepKind, WorkflowGraphBlock
from ..graph import GraphProblems, find_problems


class WorkflowIndexPage(Page):
    """/training/workflows/: every published workflow."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = ["training.Workflow"]
    max_count = 1
    template = "training/workflow_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from ..selectors import workflow_list

        context = super().get_context(request, *args, **kwargs)
        context["workflows"] = workflow_list(index=self)
        return context


@dataclass(frozen=True)
class WorkflowStep:
    """One step of the graph with its chosen pages resolved."""

    key: str
    label: str
    kind: str
    software: Page | None
    data_format: str
    facility: Page | None
    url: str
    note: str

    @property
    def kind_label(self) -> str:
        return StepKind.LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class WorkflowConnection:
    source: str
    target: str
    label: str


class Workflow(CuratorCheckMixin, Page):
    """A small directed graph: datasets → analysis by catalogued software → results."""

    summary = models.CharField(max_length=240, help_text="One line: what the workflow produces.")
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    graph = StreamField(
        WorkflowGraphBlock(),
        help_text="Add the steps, then connect them: each connection goes from one step id "
        "to another. The diagram is drawn from these; loops are not allowed.",
    )
    techniques = ParentalManyToManyField(
        "vocabularies.Technique", blank=True, related_name="workflows"
    )
    # The software named by the graph's steps, kept in step with the graph on
    # every save so that a software entry can list "workflows using this"
    # in one query. Not edited directly.
    software = ParentalManyToManyField(
        "software.SoftwareEntry", blank=True, related_name="workflows"
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("graph"),
        FieldPanel("techniques", widget=forms.SelectMultiple(attrs={"size": 8})),
        FieldPanel("to_verify"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("graph"),
    ]
    parent_page_types = ["training.WorkflowIndexPage"]
    subpage_types = []
    template = "training/workflow.html"

    class Meta:
        verbose_name = "graphical workflow"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        problems = self.graph_problems()
        if problems:
            raise ValidationError({"graph": problems.messages()})

    def save(self, *args, **kwargs):
        from registry.software.models import SoftwareEntry

        self.software = list(SoftwareEntry.objects.filter(pk__in=self.software_ids()))
        return super().save(*args, **kwargs)

    # Reading the graph. `raw_data` gives the stored ids without loading any page.

    def _raw_children(self, block_type: str) -> list[dict]:
        return [child["value"] for child in self.graph.raw_data if child["type"] == block_type]

    def software_ids(self) -> list[int]:
        return [v["software"] for v in self._raw_children("step") if v.get("software")]

    def graph_problems(self) -> GraphProblems:
        steps = self._raw_children("step")
        connections = self._raw_children("connection")
        return find_problems(
            [step.get("step_id", "") for step in steps],
            [(c.get("source", ""), c.get("target", "")) for c in connections],
        )

    def steps(self) -> list[WorkflowStep]:
        """The steps with their software and facility pages (one query per chooser type)."""
        return [
            WorkflowStep(
                key=child.value["step_id"],
                label=child.value["label"],
                kind=child.value["kind"],
                software=child.value["software"],
                data_format=child.value["data_format"],
                facility=child.value["facility"],
                url=child.value["url"],
                note=child.value["note"],
            )
            for child in self.graph
            if child.block_type == "step"
        ]

    def connections(self) -> list[WorkflowConnection]:
        return [
            WorkflowConnection(v.get("source", ""), v.get("target", ""), v.get("label", ""))
            for v in self._raw_children("connection")
        ]

    def get_context(self, request, *args, **kwargs):
        from ..drawing import workflow_drawing
        from ..jsonld import as_script, workflow_jsonld

        context = super().get_context(request, *args, **kwargs)
        context["drawing"] = workflow_drawing(self, request=request)
        context["jsonld"] = as_script(workflow_jsonld(self, request=request))
        return context
