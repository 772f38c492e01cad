"""What the repository harvester keeps besides the badge figures themselves.

The figures live in `registry.software.models.RepositoryMetrics` (one row per
entry, shown on the page). Here:

* `RepositoryHost` — the hosts we know how to read (github.com, gitlab.com,
  facility GitLabs). Hosts are data: an operator registers one with
  ``manage.py set_repository_host``; an entry on an unregistered host is
  reported, never guessed at.
* `RepositoryResource` — the HTTP validators (ETag, Last-Modified) and the
  figures last read from each secondary API resource of a repository
  (releases, branch, languages, CI...), so that the next run sends
  If-None-Match everywhere and an unchanged repository costs only 304s. The
  main repository resource keeps its validators in RepositoryMetrics.
* `RepositoryHarvestState` — how the last attempt went for an entry (ok,
  failed with its reason, rate-limited until when), written only when that
  state changes, so a run over unchanged repositories writes nothing.
* `EnrichedField` — an entry field filled from the repository's
  CITATION.cff or codemeta.json: which file, which value, in which revision,
  so the page can say where it came from and a curator's later edit wins.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

ENV_NAME = RegexValidator(
    r"^[A-Z_][A-Z0-9_]*$",
    "The NAME of an environment variable (capitals, digits, underscores), not the token.",
)


class RepositoryHost(models.Model):
    """A code host whose API we read: GitHub (or GitHub Enterprise) or a GitLab instance."""

    class Kind(models.TextChoices):
        GITHUB = "github", "GitHub"
        GITLAB = "gitlab", "GitLab"

    name = models.CharField(
        max_length=255,
        unique=True,
        help_text="Host name as it appears in repository URLs, e.g. github.com or gitlab.esrf.fr.",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    api_url = models.URLField(
        "API base URL",
        max_length=300,
        blank=True,
        help_text="e.g. https://gitlab.esrf.fr/api/v4. Empty for github.com: the GITHUB_API_URL "
        "setting applies (https://api.github.com by default).",
    )
    token_env = models.CharField(
        "token variable",
        max_length=100,
        blank=True,
        validators=[ENV_NAME],
        help_text="Name of the environment variable holding a read-only access token for this "
        "host (e.g. GITHUB_TOKEN). The token itself is never stored here.",
    )
    facility = models.ForeignKey(
        "facilities.Facility",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repository_hosts",
        help_text="The facility that runs this instance, if any.",
    )
    paused_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Rate-limited: no call is made to this host before this time.",
    )
    pause_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip().lower()
        super().save(*args, **kwargs)

    @property
    def effective_api_url(self) -> str:
        """The API base URL calls go to (GitHub's from settings when none is recorded)."""
        if self.api_url:
            return self.api_url.rstrip("/")
        if self.kind == self.Kind.GITHUB and self.name == "github.com":
            return settings.GITHUB_API_URL.rstrip("/")
        return ""

    def token(self) -> str:
        """The access token from the environment, or "" (anonymous calls)."""
        return os.environ.get(self.token_env, "").strip() if self.token_env else ""


class RepositoryResource(models.Model):
    """Validators and figures of one secondary API resource of an entry's repository."""

    entry = models.ForeignKey(
        "software.SoftwareEntry", on_delete=models.CASCADE, related_name="repository_resources"
    )
    name = models.CharField(max_length=40, help_text="e.g. release, branch, languages, ci-checks")
    url = models.CharField(max_length=1000, help_text="The API path the validators belong to.")
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True, help_text="What was read from it last time.")
    fetched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "name"], name="one_resource_per_name")
        ]

    def __str__(self):
        return f"{self.entry_id}:{self.name}"


class RepositoryHarvestState(models.Model):
    """How the last harvest attempt of an entry's repository went (changes only)."""

    class Outcome(models.TextChoices):
        OK = "ok", "Harvested"
        FAILED = "failed", "Failed"
        RATE_LIMITED = "rate_limited", "Rate-limited, rescheduled"
        UNKNOWN_HOST = "unknown_host", "Host not registered"
        INVALID_URL = "invalid_url", "Repository URL not understood"

    entry = models.OneToOneField(
        "software.SoftwareEntry", on_delete=models.CASCADE, related_name="repository_harvest"
    )
    host = models.ForeignKey(RepositoryHost, null=True, blank=True, on_delete=models.SET_NULL)
    path = models.CharField(max_length=500, blank=True, help_text="owner/name or group/project")
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    reason = models.TextField(blank=True)
    since = models.DateTimeField(help_text="When this outcome was first recorded.")
    consecutive_failures = models.PositiveIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.entry_id}: {self.outcome}"


class EnrichedFieldQuerySet(models.QuerySet):
    def current(self) -> list[EnrichedField]:
        """The fills the entry still holds, e.g. ``page.enriched_fields.current`` in a template."""
        return [source for source in self if source.is_current]


class EnrichedField(models.Model):
    """An entry field the harvester filled from the repository's citation metadata."""

    class SourceFile(models.TextChoices):
        CITATION_CFF = "CITATION.cff", "CITATION.cff"
        CODEMETA = "codemeta.json", "codemeta.json"

    entry = models.ForeignKey(
        "software.SoftwareEntry", on_delete=models.CASCADE, related_name="enriched_fields"
    )
    field = models.CharField(max_length=64)
    source_file = models.CharField(max_length=20, choices=SourceFile.choices)
    value = models.JSONField(help_text="The value written, to tell a later curator edit apart.")
    filled_at = models.DateTimeField()
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overridden_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A curator changed or cleared the value since: it is theirs, never refilled.",
    )

    objects = EnrichedFieldQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "field"], name="one_enrichment_per_field")
        ]

    def __str__(self):
        return f"{self.entry_id}.{self.field} from {self.source_file}"

    @property
    def active(self) -> bool:
        return self.overridden_at is None

    @property
    def label(self) -> str:
        from .enrich import LABELS

        return LABELS.get(self.field, self.field)

    @property
    def is_current(self) -> bool:
        """The entry still holds the value we filled (so the page may say where it came from).

        Read through ``entry.enriched_fields.all()``, ``self.entry`` is that entry
        (the page or its preview) without another query.
        """
        from .enrich import current_value

        return self.active and current_value(self.entry, self.field) == self.value
