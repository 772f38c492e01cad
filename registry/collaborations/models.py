"""IT collaborations between facilities, one page each under /collaborations/."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from registry.core.models import CuratorCheckMixin


class CollaborationIndexPage(Page):
    """/collaborations/: the directory, its filters and the timeline picture."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["collaborations.Collaboration"]
    max_count = 1
    template = "collaborations/collaboration_index_page.html"


class Collaboration(CuratorCheckMixin, Page):
    """A LEAPS/LENS IT collaboration (EPICS, Tango, PaNOSC...).

    The page title is the name the community uses; `full_name` spells it out.
    """

    class Category(models.TextChoices):
        CONTROL_SYSTEM = "control-system", "Control system"
        DETECTOR_ACQUISITION = "detector-acquisition", "Detector and acquisition"
        EXPERIMENT_CONTROL = "experiment-control", "Experiment control"
        DATA_MANAGEMENT = "data-management", "Data management"
        DATA_ANALYSIS = "data-analysis", "Data analysis"
        HARDWARE = "hardware", "Hardware"
        IDENTITY = "identity", "Identity and access"
        SIMULATION = "simulation", "Simulation"
        REMOTE_ACCESS = "remote-access", "Remote access"
        STANDARDS = "standards", "Standards and formats"
        CATALOGUE = "catalogue", "Catalogue"
        PROJECT = "project", "EU project"

    full_name = models.CharField(max_length=255, blank=True)
    category = models.CharField(max_length=32, choices=Category.choices)
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year it started, as the LEAPS appendix gives it."
    )
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty while it runs.")
    facilities = ParentalManyToManyField(
        "facilities.Facility", blank=True, related_name="collaborations"
    )
    website = models.URLField("official website", blank=True)
    brief = models.CharField(max_length=300, help_text="One or two sentences: what it is for.")
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"])

    content_panels = Page.content_panels + [
        FieldPanel("full_name"),
        FieldPanel("brief"),
        FieldPanel("category"),
        MultiFieldPanel([FieldPanel("start_year"), FieldPanel("end_year")], heading="Years"),
        FieldPanel("facilities", widget=forms.CheckboxSelectMultiple),
        FieldPanel("website"),
        FieldPanel("description"),
        InlinePanel("repositories", heading="Code repositories", label="Repository"),
        InlinePanel("links", heading="Important links", label="Link"),
        FieldPanel("to_verify"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("full_name", boost=2),
        index.SearchField("brief"),
        index.SearchField("description"),
        index.FilterField("category"),
        index.FilterField("start_year"),
    ]
    parent_page_types = ["collaborations.CollaborationIndexPage"]
    subpage_types = []
    template = "collaborations/collaboration.html"

    class Meta:
        ordering = ["start_year", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": "The end year cannot be before the start year."})

    @property
    def is_active(self) -> bool:
        return self.end_year is None


class CollaborationRepository(Orderable):
    """A code repository of the collaboration, with what it holds."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Organisation / group"
        SOURCE = "source", "Source code"
        DOCUMENTATION = "documentation", "Documentation"
        PACKAGING = "packaging", "Packaging"

    collaboration = ParentalKey(Collaboration, on_delete=models.CASCADE, related_name="repositories")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.SOURCE)
    label = models.CharField(max_length=120)
    url = models.URLField()

    panels = [FieldPanel("kind"), FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label


class CollaborationLink(Orderable):
    """An important link: documentation, mailing list, governance, paper."""

    collaboration = ParentalKey(Collaboration, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=160)
    url = models.URLField()

    panels = [FieldPanel("title"), FieldPanel("url")]

    def __str__(self):
        return self.title
