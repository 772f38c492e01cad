"""Training materials: one page each under /training/, the catalogue page above them.

A material describes training that lives elsewhere (a tutorial on a
documentation site, an e-learning course on pan-learning's Moodle, a notebook
repository): the page says what it teaches, to whom, how long it takes, who
provides it, which catalogued software and PaN techniques it covers, and when
a curator last checked it is still current.
"""

from datetime import timedelta

from django import forms
from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from registry.core.models import CuratorCheckMixin
from registry.partners.admin_forms import PartnerOwnershipForm
from registry.partners.page_permissions import PartnerOwnedPage
from registry.vocabularies.licences import normalise_spdx, validate_spdx

from ..review import ReviewStatus, next_review_after, review_state

LANGUAGES = [(code, name) for code, name in global_settings.LANGUAGES if "-" not in code]
LANGUAGE_NAMES = dict(LANGUAGES)


class TrainingIndexPage(RoutablePageMixin, Page):
    """/training/: the catalogue of materials with its facets, plus the feeds of new ones."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["training.TrainingMaterial", "training.WorkflowIndexPage"]
    max_count = 1
    template = "training/training_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from ..selectors import training_catalogue
        from .workflows import WorkflowIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = training_catalogue(
            index=self, params=request.GET, today=timezone.localdate()
        )
        context["workflow_index"] = WorkflowIndexPage.objects.child_of(self).live().first()
        return context

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        from ..feeds import NewTrainingRssFeed

        return NewTrainingRssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        from ..feeds import NewTrainingAtomFeed

        return NewTrainingAtomFeed(self)(request)


class Audience(models.Model):
    """Who a material is written for. The five groups of the training issue, kept as rows
    (created by a data migration) so that a material can have several and the catalogue
    can count them in one query."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class TrainingMaterialTag(TaggedItemBase):
    content_object = ParentalKey(
        "training.TrainingMaterial", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TrainingMaterial(PartnerOwnedPage, CuratorCheckMixin, Page):
    """A piece of training about photon and neutron science or its software. Title = its name."""

    class Type(models.TextChoices):
        TUTORIAL = "tutorial", "Tutorial"
        VIDEO = "video", "Video"
        NOTEBOOK = "notebook", "Jupyter notebook"
        COURSE = "course", "Course"
        # An online course on a learning platform, such as pan-learning's Moodle.
        E_LEARNING = "e-learning", "E-learning course"
        SLIDES = "slides", "Slides"
        REPOSITORY = "repository", "Repository"
        DOCUMENTATION = "documentation", "Documentation"

    # Types that describe a whole course; their JSON-LD follows the Bioschemas
    # Course profile instead of TrainingMaterial.
    COURSE_TYPES = (Type.COURSE, Type.E_LEARNING)

    class Difficulty(models.TextChoices):
        BEGINNER = "beginner", "Beginner"
        INTERMEDIATE = "intermediate", "Intermediate"
        ADVANCED = "advanced", "Advanced"

    class Source(models.TextChoices):
        HAND_MADE = "hand-made", "Entered by hand"
        HARVESTED = "harvested", "Harvested"

    summary = models.CharField(max_length=240, help_text="One line: what a learner gets from it.")
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    material_type = models.CharField("type", max_length=16, choices=Type.choices)
    resource_url = models.URLField(
        "address of the material", max_length=500, help_text="Where learners open it."
    )
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="materials")
    difficulty = models.CharField(
        max_length=16, choices=Difficulty.choices, blank=True, help_text="Empty when not stated."
    )
    prerequisites = models.TextField(
        blank=True, help_text="What a learner should know first, one item per line."
    )
    learning_objectives = models.TextField(
        blank=True, help_text="What a learner will be able to do afterwards, one item per line."
    )
    duration = models.DurationField(
        null=True,
        blank=True,
        help_text="Typical time to work through it, e.g. PT2H (2 hours), P3D (3 days) or 01:30:00.",
    )
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    licence = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_spdx],
        help_text="SPDX licence expression, e.g. CC-BY-4.0 or MIT. Empty when unknown.",
    )
    providing_facility = models.ForeignKey(
        "facilities.Facility",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_materials",
    )
    providing_collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_materials",
        help_text="The IT collaboration or EU project behind it (PaNOSC, ExPaNDS...), if any.",
    )
    related_software = ParentalManyToManyField(
        "software.SoftwareEntry", blank=True, related_name="training_materials"
    )
    techniques = ParentalManyToManyField(
        "vocabularies.Technique", blank=True, related_name="training_materials"
    )
    keywords = ClusterTaggableManager(through=TrainingMaterialTag, blank=True)

    review_status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.NEVER_REVIEWED
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="Leave empty for twelve months after the last review.",
    )

    source = models.CharField(max_length=16, choices=Source.choices, default=Source.HAND_MADE)
    source_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="The harvest source it came from, e.g. pan-training.eu.",
    )
    external_id = models.CharField(
        max_length=255,
        blank=True,
        help_text="Its identifier at that source (harvesters match on it).",
    )
    harvested_at = models.DateTimeField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("material_type"),
        FieldPanel("resource_url"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("difficulty"), FieldPanel("duration")]),
                FieldPanel("prerequisites"),
                FieldPanel("learning_objectives"),
            ],
            heading="Learners",
        ),
        FieldRowPanel([FieldPanel("language"), FieldPanel("licence")]),
        InlinePanel("authors", heading="Authors", label="Author"),
        MultiFieldPanel(
            [FieldPanel("providing_facility"), FieldPanel("providing_collaboration")],
            heading="Provided by",
        ),
        FieldPanel("related_software"),
        FieldPanel("techniques"),
        FieldPanel("keywords"),
        MultiFieldPanel(
            [
                FieldPanel("review_status"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")]),
            ],
            heading="Review",
        ),
        FieldPanel("to_verify"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("source_name"),
                FieldPanel("external_id"),
                FieldPanel("harvested_at", read_only=True),
            ],
            heading="Origin",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("learning_objectives"),
        index.RelatedFields("keywords", [index.SearchField("name", boost=2)]),
        index.FilterField("material_type"),
        index.FilterField("difficulty"),
        index.FilterField("language"),
        index.FilterField("providing_facility"),
        index.FilterField("review_status"),
    ]
    # Partners name only their own organisations (registry/partners/admin_forms.py).
    base_form_class = PartnerOwnershipForm
    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types = []
    template = "training/training_material.html"

    class Meta:
        verbose_name = "training material"
        constraints = [
            models.UniqueConstraint(
                fields=["source_name", "external_id"],
                condition=~models.Q(external_id=""),
                name="training_material_unique_external_id",
                violation_error_message="Another material from this source has the same external id.",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.licence:
            try:
                self.licence = normalise_spdx(self.licence)
            except ValidationError as error:
                errors["licence"] = error
        if self.review_status == ReviewStatus.REVIEWED and not self.last_reviewed:
            errors["last_reviewed"] = "A reviewed material needs the date of its last review."
        if self.review_status == ReviewStatus.NEVER_REVIEWED and self.last_reviewed:
            errors["review_status"] = (
                "This material has a review date: choose “Reviewed” or “Needs update”, "
                "or clear the date."
            )
        if self.duration is not None and self.duration <= timedelta(0):
            errors["duration"] = "A duration must be longer than zero."
        if errors:
            raise ValidationError(errors)
        self.fill_next_review_due()

    def save(self, *args, **kwargs):
        self.fill_next_review_due()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..jsonld import as_script, material_jsonld

        context = super().get_context(request, *args, **kwargs)
        context["jsonld"] = as_script(material_jsonld(self, request=request))
        context["software"] = self.related_software.live().public().order_by("title")
        return context

    def fill_next_review_due(self) -> None:
        """Default the due date to a year after the last review.

        A due date on or before the last review belongs to the previous review
        cycle (the curator updated "last reviewed" only), so it moves on too.
        """
        if self.last_reviewed and (
            self.next_review_due is None or self.next_review_due <= self.last_reviewed
        ):
            self.next_review_due = next_review_after(self.last_reviewed)

    # What the page and the JSON-LD read.

    @property
    def is_course(self) -> bool:
        return self.material_type in self.COURSE_TYPES

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def licence_url(self) -> str:
        """The SPDX page of a single-licence expression; empty for compound ones."""
        from ..jsonld import licence_reference

        reference = licence_reference(self.licence) if self.licence else ""
        return reference if isinstance(reference, str) else ""

    @property
    def objectives_list(self) -> list[str]:
        return _lines(self.learning_objectives)

    @property
    def prerequisites_list(self) -> list[str]:
        return _lines(self.prerequisites)

    @property
    def review(self):
        return review_state(
            status=self.review_status,
            next_review_due=self.next_review_due,
            today=timezone.localdate(),
        )

    @property
    def duration_iso(self) -> str:
        """ISO 8601 duration (PT1H30M, P3D), as schema.org's timeRequired wants it."""
        if self.duration is None:
            return ""
        days, hours, minutes = _split_duration(self.duration)
        time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n)
        if not days and not time:
            return "PT0M"
        return "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")

    @property
    def duration_display(self) -> str:
        if self.duration is None:
            return ""
        parts = zip(_split_duration(self.duration), ("day", "hour", "minute"), strict=True)
        return " ".join(f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n)


class TrainingMaterialAuthor(Orderable):
    """An author of a material: a person (with an ORCID iD when known) or an organisation."""

    material = ParentalKey(TrainingMaterial, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(max_length=200)
    is_organisation = models.BooleanField(
        "organisation", default=False, help_text="Tick for a team or institution, not a person."
    )
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$",
                "Give the ORCID iD as 16 digits in groups of four, e.g. 0000-0002-1825-0097.",
            )
        ],
    )

    panels = [FieldPanel("name"), FieldPanel("is_organisation"), FieldPanel("orcid")]

    def __str__(self):
        return self.name

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


def _split_duration(duration: timedelta) -> tuple[int, int, int]:
    hours, rest = divmod(duration.seconds, 3600)
    return duration.days, hours, rest // 60
