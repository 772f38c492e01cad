"""The badge figures of an entry's repository, as the harvester last measured them."""

from django.db import models

from .entry import SoftwareEntry


class RepositoryMetrics(models.Model):
    """The badge figures of an entry's repository, as last harvested.

    Filled by harvesters (GitHub through PyGithub, GitLab through
    python-gitlab); `harvested_at` is empty until the first harvest, and the
    page then says "not yet harvested" instead of showing zeros. A figure the
    host does not expose stays empty (None / ""), never zero.
    """

    class CIStatus(models.TextChoices):
        UNKNOWN = "", "Unknown"
        PASSING = "passing", "Passing"
        FAILING = "failing", "Failing"
        PENDING = "pending", "Pending"

    entry = models.OneToOneField(SoftwareEntry, on_delete=models.CASCADE, related_name="metrics")
    host = models.CharField(max_length=255, blank=True, help_text="e.g. github.com, gitlab.esrf.fr")
    full_name = models.CharField(max_length=255, blank=True, help_text="owner/name on the host.")
    default_branch = models.CharField(max_length=255, blank=True)
    stars = models.PositiveIntegerField(null=True, blank=True)
    forks = models.PositiveIntegerField(null=True, blank=True)
    open_issues = models.PositiveIntegerField(null=True, blank=True)
    latest_release = models.CharField(max_length=120, blank=True)
    latest_release_at = models.DateTimeField(null=True, blank=True)
    latest_release_url = models.URLField(max_length=500, blank=True)
    last_commit_at = models.DateTimeField(null=True, blank=True)
    licence = models.CharField(max_length=120, blank=True, help_text="SPDX id the host reports.")
    contributors = models.PositiveIntegerField(null=True, blank=True)
    languages = models.JSONField(
        default=list, blank=True, help_text="Primary languages, largest first."
    )
    archived = models.BooleanField(default=False)
    ci_status = models.CharField(max_length=16, choices=CIStatus.choices, blank=True, default="")
    ci_status_source = models.CharField(
        max_length=120,
        blank=True,
        help_text="Where the CI status was read, e.g. GitHub Actions (default branch), GitLab pipelines.",
    )
    ci_url = models.URLField("CI page", max_length=500, blank=True)
    has_citation_file = models.BooleanField(
        null=True,
        blank=True,
        help_text="Whether the repository holds CITATION.cff or codemeta.json (empty: not checked).",
    )
    harvested_at = models.DateTimeField(null=True, blank=True)
    sample_data = models.BooleanField(
        default=False,
        help_text="The figures are the demo's sample data (a recorded demo payload served "
        "locally), not measured on the host; the next live harvest replaces them.",
    )
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
