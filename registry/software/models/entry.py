"""The software catalogue: one page per entry under /software/.

The entry holds what people curate (as a Wagtail page, with revisions,
drafts and moderation); `RepositoryMetrics` (metrics.py) holds what the
repository harvester measures, kept apart so that a harvest never creates a
page revision. The orderables below are the entry's lists that editors sort
by hand: people, versions, relations to other entries, attached material.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from registry.core.models import CuratorCheckMixin
from registry.partners.admin_forms import PartnerOwnershipForm
from registry.partners.page_permissions import PartnerOwnedPage
from registry.software.identifiers import (
    doi_url,
    normalise_doi,
    normalise_orcid,
    validate_doi,
    validate_orcid,
)
from registry.vocabularies.licences import normalise_spdx, validate_spdx


class SoftwareIndexPage(Page):
    """/software/: the catalogue with its facets."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["software.SoftwareEntry"]
    max_count = 1
    template = "software/software_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from registry.software.views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(request, index=self))
        return context


class SoftwareEntryTag(TaggedItemBase):
    """Free keywords (django-taggit); the facets use the controlled vocabularies instead."""

    content_object = ParentalKey(
        "software.SoftwareEntry", on_delete=models.CASCADE, related_name="tagged_items"
    )


class SoftwareEntry(PartnerOwnedPage, CuratorCheckMixin, Page):
    """A piece of software used at photon and neutron facilities. Title = its name."""

    summary = models.CharField(max_length=200, help_text="One line: what it does.")
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol", "h3"])
    homepage_url = models.URLField("homepage", blank=True)
    repository_url = models.URLField(
        blank=True, help_text="The public version-controlled repository (GitHub, GitLab...)."
    )
    documentation_url = models.URLField(blank=True)
    issue_tracker_url = models.URLField(blank=True)
    licence = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_spdx],
        help_text="SPDX licence expression, e.g. MIT or GPL-3.0-or-later. Empty when unknown.",
    )
    programming_languages = ParentalManyToManyField(
        "software.ProgrammingLanguage", blank=True, related_name="software_entries"
    )
    operating_systems = ParentalManyToManyField(
        "software.OperatingSystem", blank=True, related_name="software_entries"
    )
    interfaces = ParentalManyToManyField(
        "software.Interface", blank=True, related_name="software_entries"
    )
    techniques = ParentalManyToManyField(
        "vocabularies.Technique",
        blank=True,
        related_name="software_entries",
        help_text="PaN techniques (PaNET) the software serves.",
    )
    scientific_domains = ParentalManyToManyField(
        "software.ScientificDomain", blank=True, related_name="software_entries"
    )
    formats_read = ParentalManyToManyField(
        "software.DataFormat", blank=True, related_name="software_reading", verbose_name="reads"
    )
    formats_written = ParentalManyToManyField(
        "software.DataFormat", blank=True, related_name="software_writing", verbose_name="writes"
    )
    developing_facilities = ParentalManyToManyField(
        "facilities.Facility", blank=True, related_name="software_developed"
    )
    using_facilities = ParentalManyToManyField(
        "facilities.Facility", blank=True, related_name="software_used"
    )
    collaborations = ParentalManyToManyField(
        "collaborations.Collaboration", blank=True, related_name="software"
    )
    contact_url = models.URLField(
        "where to ask for help",
        blank=True,
        help_text="Forum, mailing list or chat where users get answers.",
    )
    contact_email = models.EmailField(blank=True)
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text="DOI of the software itself (e.g. its Zenodo concept DOI), e.g. 10.5281/zenodo.591736.",
    )
    preferred_citation = models.TextField(
        blank=True,
        help_text="What the developers ask users to cite, as they write it (usually a paper).",
    )
    reference_publication_doi = models.CharField(
        "DOI of the reference publication",
        max_length=200,
        blank=True,
        validators=[validate_doi],
    )
    quality_checklist_url = models.URLField(
        "software quality checklist",
        blank=True,
        help_text="OpenSSF Best Practices badge page (bestpractices.dev) or another checklist "
        "the project follows.",
    )
    tags = ClusterTaggableManager(through=SoftwareEntryTag, blank=True, help_text="Free keywords.")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("homepage_url"),
                FieldPanel("repository_url"),
                FieldPanel("documentation_url"),
                FieldPanel("issue_tracker_url"),
            ],
            heading="Links",
        ),
        FieldPanel("licence"),
        MultiFieldPanel(
            [
                FieldPanel("interfaces", widget=forms.CheckboxSelectMultiple),
                FieldPanel("operating_systems", widget=forms.CheckboxSelectMultiple),
                FieldPanel("programming_languages"),
            ],
            heading="Technical",
        ),
        MultiFieldPanel(
            [
                FieldPanel("techniques"),
                FieldPanel("scientific_domains"),
                FieldPanel("formats_read"),
                FieldPanel("formats_written"),
                FieldPanel("tags"),
            ],
            heading="Science",
        ),
        MultiFieldPanel(
            [
                FieldPanel("developing_facilities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("using_facilities", widget=forms.CheckboxSelectMultiple),
                FieldPanel("collaborations"),
            ],
            heading="Facilities and collaborations",
        ),
        InlinePanel("people", heading="Authors and maintainers", label="Person or team"),
        MultiFieldPanel(
            [FieldPanel("contact_url"), FieldPanel("contact_email")], heading="Contact"
        ),
        MultiFieldPanel(
            [
                FieldPanel("doi"),
                FieldPanel("preferred_citation"),
                FieldPanel("reference_publication_doi"),
                FieldPanel("quality_checklist_url"),
            ],
            heading="Citation and quality",
        ),
        InlinePanel("versions", heading="Version history (newest first)", label="Version"),
        InlinePanel("relations", heading="Related software and add-ons", label="Relation"),
        InlinePanel(
            "attached_materials", heading="Notebooks, workflows and training", label="Link"
        ),
        FieldPanel("to_verify"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("licence"),
        index.RelatedFields("techniques", [index.SearchField("name")]),
        index.RelatedFields("programming_languages", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    # Partners name only their own organisations (registry/partners/admin_forms.py).
    base_form_class = PartnerOwnershipForm
    parent_page_types = ["software.SoftwareIndexPage"]
    subpage_types = []
    template = "software/software_entry.html"

    class Meta:
        verbose_name = "software entry"
        verbose_name_plural = "software entries"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        # Stored in one form so that facets and exports count one spelling.
        for field, normalise in (
            ("licence", normalise_spdx),
            ("doi", normalise_doi),
            ("reference_publication_doi", normalise_doi),
        ):
            value = getattr(self, field)
            if not value:
                continue
            try:
                setattr(self, field, normalise(value))
            except ValidationError as error:
                errors[field] = error
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from registry.software.views import entry_context

        context = super().get_context(request, *args, **kwargs)
        context.update(entry_context(request, entry=self))
        return context

    @property
    def doi_url(self) -> str:
        return doi_url(self.doi)

    @property
    def reference_publication_url(self) -> str:
        return doi_url(self.reference_publication_doi)

    @property
    def repository_metrics(self):
        """The harvested figures, or None before the first harvest record exists."""
        try:
            return self.metrics
        except models.ObjectDoesNotExist:
            return None


class SoftwarePerson(Orderable):
    """An author or maintainer: a person (with names and ORCID) or a team."""

    class Role(models.TextChoices):
        AUTHOR_MAINTAINER = "author-maintainer", "Author and maintainer"
        AUTHOR = "author", "Author"
        MAINTAINER = "maintainer", "Maintainer"

    entry = ParentalKey(SoftwareEntry, on_delete=models.CASCADE, related_name="people")
    given_names = models.CharField(max_length=120, blank=True)
    family_names = models.CharField(max_length=120, blank=True)
    team_name = models.CharField(
        max_length=200, blank=True, help_text="For a team or organisation instead of a person."
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR_MAINTAINER)
    orcid = models.CharField("ORCID iD", max_length=60, blank=True, validators=[validate_orcid])
    affiliation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True, help_text="Shown publicly; leave empty to hide.")

    panels = [
        FieldPanel("given_names"),
        FieldPanel("family_names"),
        FieldPanel("team_name"),
        FieldPanel("role"),
        FieldPanel("orcid"),
        FieldPanel("affiliation"),
        FieldPanel("email"),
    ]

    def clean(self):
        super().clean()
        if not (self.family_names or self.team_name):
            raise ValidationError("Give a family name for a person or a team name for a team.")
        self.orcid = normalise_orcid(self.orcid)

    def save(self, *args, **kwargs):
        # Rows also arrive through revisions and services, not only admin forms.
        self.orcid = normalise_orcid(self.orcid)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.team_name:
            return self.team_name
        return " ".join(part for part in (self.given_names, self.family_names) if part)

    @property
    def is_author(self) -> bool:
        return self.role in (self.Role.AUTHOR, self.Role.AUTHOR_MAINTAINER)

    @property
    def is_maintainer(self) -> bool:
        return self.role in (self.Role.MAINTAINER, self.Role.AUTHOR_MAINTAINER)


class SoftwareVersion(Orderable):
    """One release in the version history; editors keep the newest first."""

    entry = ParentalKey(SoftwareEntry, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=64)
    released_on = models.DateField(null=True, blank=True)
    notes = models.CharField(max_length=300, blank=True)
    url = models.URLField(blank=True, help_text="Release notes or download page.")

    panels = [
        FieldPanel("version"),
        FieldPanel("released_on"),
        FieldPanel("notes"),
        FieldPanel("url"),
    ]

    def __str__(self):
        return self.version


class SoftwareRelation(Orderable):
    """A link from this entry to another one; the other page shows it in reverse.

    "pyFAI builds on silx" shows "Software built on it: pyFAI" on silx's page;
    "an add-on of Mantid" shows under "Add-ons" on Mantid's page.
    """

    class Kind(models.TextChoices):
        ADD_ON_OF = "add-on-of", "Is an add-on or plugin of"
        BUILDS_ON = "builds-on", "Builds on"
        RELATED = "related", "Is related to"

    REVERSE_LABELS = {
        Kind.ADD_ON_OF: "Add-ons",
        Kind.BUILDS_ON: "Software built on it",
        Kind.RELATED: "Related software",
    }
    FORWARD_LABELS = {
        Kind.ADD_ON_OF: "Add-on of",
        Kind.BUILDS_ON: "Builds on",
        Kind.RELATED: "Related software",
    }

    entry = ParentalKey(SoftwareEntry, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.RELATED)
    target = models.ForeignKey(
        SoftwareEntry, on_delete=models.CASCADE, related_name="incoming_relations"
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    def clean(self):
        super().clean()
        if self.target_id and self.entry_id and self.target_id == self.entry_id:
            raise ValidationError({"target": "An entry cannot be related to itself."})

    def __str__(self):
        return f"{self.entry} {self.get_kind_display().lower()} {self.target}"


class AttachedMaterial(Orderable):
    """A notebook, workflow or training material about the software, linked by URL.

    The training catalogue (registry.training) adds first-class training
    materials pointing at entries (related_name "training_materials"); these
    links are for material kept elsewhere.
    """

    class Kind(models.TextChoices):
        NOTEBOOK = "notebook", "Notebook"
        WORKFLOW = "workflow", "Workflow"
        TRAINING = "training", "Training material"

    entry = ParentalKey(SoftwareEntry, on_delete=models.CASCADE, related_name="attached_materials")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200)
    url = models.URLField()
    description = models.CharField(max_length=300, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("title"), FieldPanel("url"), FieldPanel("description")]

    def __str__(self):
        return self.title
