"""IT collaborations between facilities, one page each under /collaborations/.

`Collaboration` pages hold what curators maintain (years, facilities, links);
`NewsItem` and `JobPosting` are snippets with drafts, revisions and workflows,
written by editors, partners, the API or the harvesters and shown on the
collaboration's and the facility's pages once live.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from registry.core.html import sanitise_summary
from registry.core.models import CuratorCheckMixin

# "late 1990s", "the 2010s": the decade a period-only start falls in.
_DECADE_IN_PERIOD = re.compile(r"\b(1[89]\d0|20\d0)s\b")


class CollaborationIndexPage(Page):
    """/collaborations/: the directory, its filters and the timeline picture."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["collaborations.Collaboration"]
    max_count = 1
    template = "collaborations/collaboration_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .selectors import collaboration_directory, timeline_collaborations
        from .timeline import build_timeline, items_from_collaborations

        context = super().get_context(request, *args, **kwargs)
        context["directory"] = collaboration_directory(request.GET)
        context["timeline"] = build_timeline(
            items_from_collaborations(timeline_collaborations(), request)
        )
        return context


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
        null=True,
        blank=True,
        help_text="The year it started, as the LEAPS appendix gives it. Empty if unknown.",
    )
    start_period = models.CharField(
        max_length=80,
        blank=True,
        help_text=(
            "When the source gives no exact year, its words for when it started "
            "(e.g. 'late 1990s'). Shown instead of a year; never placed on the timeline."
        ),
    )
    # Derived in save(): the decade filter works on it, including period-only starts.
    start_decade = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, db_index=True
    )
    end_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty while it runs."
    )
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
        MultiFieldPanel(
            [FieldPanel("start_year"), FieldPanel("start_period"), FieldPanel("end_year")],
            heading="Years",
        ),
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
        index.FilterField("start_decade"),
    ]
    parent_page_types = ["collaborations.CollaborationIndexPage"]
    subpage_types = []
    template = "collaborations/collaboration.html"

    class Meta:
        ordering = ["start_year", "title"]

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        from .sections import sections_for
        from .selectors import collaboration_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(collaboration_detail(self))
        context["sections"] = sections_for(self)
        return context

    def clean(self):
        super().clean()
        this_year = timezone.now().year
        errors = {}
        for field in ("start_year", "end_year"):
            year = getattr(self, field)
            if year is not None and not 1950 <= year <= this_year + 1:
                errors[field] = f"Give a year between 1950 and {this_year + 1}."
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = "The end year cannot be before the start year."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.start_decade = self.decade_of_start()
        super().save(*args, **kwargs)

    def decade_of_start(self) -> int | None:
        if self.start_year:
            return self.start_year // 10 * 10
        match = _DECADE_IN_PERIOD.search(self.start_period or "")
        return int(match.group(1)) if match else None

    @property
    def is_active(self) -> bool:
        return self.end_year is None

    @property
    def started(self) -> str:
        """When it started, in words: the year, the source's period, or ''."""
        if self.start_year:
            return str(self.start_year)
        return self.start_period


class CollaborationRepository(Orderable):
    """A code repository of the collaboration, with what it holds."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Organisation / group"
        SOURCE = "source", "Source code"
        DOCUMENTATION = "documentation", "Documentation"
        PACKAGING = "packaging", "Packaging"

    collaboration = ParentalKey(
        Collaboration, on_delete=models.CASCADE, related_name="repositories"
    )
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


class Announcement(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """What news items and job postings share: a link out, where it came from, whom it concerns.

    The summary is HTML from partners and harvested feeds, so it is sanitised
    on every save (nh3, a small allow-list) and again when shown.
    """

    class Origin(models.TextChoices):
        EDITOR = "editor", "Editor"
        PARTNER = "partner", "Partner facility"
        API = "api", "API"
        HARVEST = "harvest", "Harvester"

    title = models.CharField(max_length=255)
    url = models.URLField("link", max_length=500)
    summary = models.TextField(
        blank=True, help_text="A few sentences; basic HTML is kept, the rest removed."
    )
    facility = models.ForeignKey(
        "facilities.Facility", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    collaboration = models.ForeignKey(
        Collaboration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.EDITOR)
    external_id = models.CharField(
        max_length=500,
        blank=True,
        db_index=True,
        help_text="The item's identifier at its source (GUID, URL), for idempotent harvests.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.summary = sanitise_summary(self.summary)
        super().save(*args, **kwargs)


class NewsItem(Announcement):
    """A piece of news from a facility or a collaboration, linking to the full story."""

    published_at = models.DateTimeField(default=timezone.now, db_index=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("published_at"),
        FieldPanel("summary"),
        FieldPanel("facility"),
        FieldPanel("collaboration"),
        FieldPanel("origin"),
        FieldPanel("external_id"),
    ]

    class Meta:
        verbose_name = "news item"
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["collaboration", "live", "-published_at"])]


class JobPosting(Announcement):
    """A job announcement (IT and scientific computing positions) with its closing date."""

    published_at = models.DateTimeField(default=timezone.now)
    closing_date = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Last day to apply; empty if open until filled.",
    )
    location = models.CharField(max_length=160, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("url"),
        FieldPanel("closing_date"),
        FieldPanel("location"),
        FieldPanel("summary"),
        FieldPanel("facility"),
        FieldPanel("collaboration"),
        FieldPanel("published_at"),
        FieldPanel("origin"),
        FieldPanel("external_id"),
    ]

    class Meta:
        verbose_name = "job posting"
        ordering = ["closing_date", "-published_at"]

    def clean(self):
        super().clean()
        if self.closing_date and self.published_at and self.closing_date < self.published_at.date():
            raise ValidationError(
                {"closing_date": "The closing date cannot be before publication."}
            )

    @property
    def is_open(self) -> bool:
        return self.closing_date is None or self.closing_date >= timezone.localdate()
