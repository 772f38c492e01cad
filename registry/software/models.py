"""The software catalogue: one page per entry under /software/.

The entry holds what people curate; `RepositoryMetrics` holds what the
repository harvester measures (the badge figures), kept apart so that a
harvest never creates a page revision.
"""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from registry.core.models import CuratorCheckMixin


class SoftwareIndexPage(Page):
    """/software/: the catalogue with its facets."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["software.SoftwareEntry"]
    max_count = 1
    template = "software/software_index_page.html"


class SoftwareEntry(CuratorCheckMixin, Page):
    """A piece of software used at photon and neutron facilities. Title = its name."""

    summary = models.CharField(max_length=200, help_text="One line: what it does.")
    description = RichTextField(blank=True)
    homepage_url = models.URLField("homepage", blank=True)
    repository_url = models.URLField(blank=True)
    documentation_url = models.URLField(blank=True)
    issue_tracker_url = models.URLField(blank=True)
    licence = models.CharField(
        max_length=200, blank=True, help_text="SPDX licence expression, e.g. MIT or GPL-3.0-or-later."
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
        FieldPanel("developing_facilities"),
        FieldPanel("using_facilities"),
        FieldPanel("collaborations"),
        FieldPanel("to_verify"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.FilterField("licence"),
    ]
    parent_page_types = ["software.SoftwareIndexPage"]
    subpage_types = []
    template = "software/software_entry.html"

    class Meta:
        verbose_name = "software entry"
        verbose_name_plural = "software entries"

    def __str__(self):
        return self.title


class RepositoryMetrics(models.Model):
    """The badge figures of an entry's repository, as last harvested.

    Filled by harvesters (GitHub through PyGithub, GitLab through
    python-gitlab); `harvested_at` is empty until the first harvest, and the
    page then says "not yet harvested" instead of showing zeros.
    """

    class CIStatus(models.TextChoices):
        UNKNOWN = "", "Unknown"
        PASSING = "passing", "Passing"
        FAILING = "failing", "Failing"
        PENDING = "pending", "Pending"

    entry = models.OneToOneField(SoftwareEntry, on_delete=models.CASCADE, related_name="metrics")
    host = models.CharField(max_length=255, blank=True, help_text="e.g. github.com, gitlab.esrf.fr")
    full_name = models.CharField(max_length=255, blank=True, help_text="owner/name on the host.")
    stars = models.PositiveIntegerField(null=True, blank=True)
    forks = models.PositiveIntegerField(null=True, blank=True)
    open_issues = models.PositiveIntegerField(null=True, blank=True)
    latest_release = models.CharField(max_length=120, blank=True)
    latest_release_at = models.DateTimeField(null=True, blank=True)
    last_commit_at = models.DateTimeField(null=True, blank=True)
    licence = models.CharField(max_length=120, blank=True, help_text="SPDX id the host reports.")
    contributors = models.PositiveIntegerField(null=True, blank=True)
    languages = models.JSONField(default=list, blank=True, help_text="Primary languages, largest first.")
    archived = models.BooleanField(default=False)
    ci_status = models.CharField(max_length=16, choices=CIStatus.choices, blank=True, default="")
    harvested_at = models.DateTimeField(null=True, blank=True)
    # HTTP validators of the last fetch, so an unchanged repository costs a 304.
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name_plural = "repository metrics"

    def __str__(self):
        return f"{self.full_name or self.entry} metrics"

    @property
    def harvested(self) -> bool:
        return self.harvested_at is not None
