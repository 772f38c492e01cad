"""What the harvest engine keeps: sources, their runs, rejected items and harvested items.

Place in the flow: the engine (harvesters/engine/run.py) reads a
`HarvestSource`, fetches and parses it, upserts records and writes one
`HarvestRun` with its counts, a `RejectedItem` per item it could not take and
a `HarvestedItem` per record it made, which remembers the values it wrote so
that a curator's later edit wins over the next harvest.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from harvesters.repositories.models import ENV_NAME

#: Sources at an address under this reserved name (RFC 6761: it never resolves) are
#: the demo's recordings, whose dates and details are made up: their items are shown
#: to visitors as sample data, never as facts (harvesters/engine/demo.py).
SAMPLE_DOMAIN = ".invalid"


def is_sample_source_url(url: str) -> bool:
    """Whether `url` (a harvest source's address) is a sample source's."""
    return (urlsplit(url or "").hostname or "").endswith(SAMPLE_DOMAIN)


class HarvestSource(models.Model):
    """A partner feed, calendar or page we harvest on a schedule."""

    class Kind(models.TextChoices):
        ICAL = "ical", "iCalendar"
        RSS = "rss", "RSS or Atom feed"
        JSONLD = "jsonld", "schema.org in HTML pages (JSON-LD, microdata)"
        INDICO = "indico", "Indico category export"

    class Target(models.TextChoices):
        EVENTS = "events", "Events"
        TRAINING = "training", "Training"
        JOBS = "jobs", "Jobs"
        NEWS = "news", "News"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    url = models.URLField("URL", max_length=1000)
    facility = models.ForeignKey(
        "facilities.Facility",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="harvest_sources",
    )
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="harvest_sources",
    )
    target = models.CharField(max_length=10, choices=Target.choices)
    schedule = models.CharField(
        max_length=100,
        default="6h",
        help_text="How often to harvest: an interval (30m, 6h, 1d) or a crontab line "
        "(minute hour day month weekday, e.g. '15 3 * * *', in UTC).",
    )
    periodic_task = models.OneToOneField(
        "django_celery_beat.PeriodicTask",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="harvest_source",
    )
    enabled = models.BooleanField(default=True)
    approved = models.BooleanField(
        default=False, help_text="A curator checked this source: it may run."
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    trusted = models.BooleanField(
        default=False,
        help_text="The owning facility or collaboration is trusted for this source: its items "
        "publish directly. Otherwise each item enters the curators' review as a draft.",
    )
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        help_text="IANA zone of floating (zone-less) times in this source, e.g. Europe/Paris. "
        "Empty: the facility's zone from its country, else the site's zone.",
    )
    credentials_ref = models.CharField(
        "credentials variable",
        max_length=100,
        blank=True,
        validators=[ENV_NAME],
        help_text="Name of the environment variable holding an API token for this source "
        "(sent as 'Authorization: Bearer …'). The token itself is never stored here.",
    )
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_run_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(null=True, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(default=0, editable=False)
    paused = models.BooleanField(
        default=False, help_text="Stopped after repeated failures; untick to resume."
    )
    pause_reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "url", "target"], name="harvesters_source_unique_kind_url_target"
            ),
            models.CheckConstraint(
                condition=(Q(facility__isnull=False) & Q(collaboration__isnull=True))
                | (Q(facility__isnull=True) & Q(collaboration__isnull=False)),
                name="harvesters_source_one_owner",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if bool(self.facility_id) == bool(self.collaboration_id):
            raise ValidationError("A source belongs to exactly one facility or one collaboration.")
        from .schedules import parse_schedule
        from .timezones import validate_zone

        try:
            parse_schedule(self.schedule)
        except ValueError as error:
            raise ValidationError({"schedule": str(error)}) from None
        if self.time_zone:
            try:
                validate_zone(self.time_zone)
            except ValueError as error:
                raise ValidationError({"time_zone": str(error)}) from None

    def delete(self, *args, **kwargs):
        # Its schedule goes with it (a PeriodicTask is not a child row: no cascade).
        task = self.periodic_task
        result = super().delete(*args, **kwargs)
        if task is not None:
            task.delete()
        return result

    @property
    def owner(self):
        return self.facility or self.collaboration

    @property
    def runnable(self) -> bool:
        """Whether a scheduled or manual run may start (approved, enabled, not paused)."""
        return self.approved and self.enabled and not self.paused

    @property
    def publishes_directly(self) -> bool:
        return self.approved and self.trusted


class HarvestRun(models.Model):
    """One harvest of one source that fetched something (a 304 re-run writes no row)."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Succeeded"
        PARTIAL = "partial", "Partly succeeded"
        FAILED = "failed", "Failed"

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    fetched = models.PositiveIntegerField(default=0, help_text="Items read from the payload.")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    vanished = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0, help_text="Items handled so far.")
    error = models.TextField(blank=True)
    warnings = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["source", "-started_at"])]

    def __str__(self):
        return f"{self.source} at {self.started_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def progress_display(self) -> str:
        return f"{self.progress}%"

    @property
    def progress(self) -> int:
        """Per cent of the payload's items handled."""
        if self.status != self.Status.RUNNING:
            return 100
        return int(100 * self.processed / self.fetched) if self.fetched else 0


class RejectedItem(models.Model):
    """An item of a run that was not taken, with the reason a partner can act on."""

    run = models.ForeignKey(HarvestRun, on_delete=models.CASCADE, related_name="rejected_items")
    external_id = models.CharField(max_length=500, blank=True)
    reason = models.TextField()
    excerpt = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.external_id or '(no identifier)'}: {self.reason}"


class HarvestedItem(models.Model):
    """A record a source gave us, and the page or snippet it became.

    `values` holds the field values the harvest last wrote: a field whose
    current value differs was edited by a curator, and the next harvest keeps
    the curator's value (its name goes into `curated_fields`).
    """

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="items")
    external_id = models.CharField(max_length=500)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    content_hash = models.CharField(max_length=64)
    values = models.JSONField(default=dict, blank=True)
    curated_fields = models.JSONField(default=list, blank=True)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField(help_text="Last run in which the item was new or changed.")
    vanished_at = models.DateTimeField(
        null=True, blank=True, help_text="When the item disappeared from its source."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="harvesters_item_unique_source_external_id"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.source}: {self.external_id}"

    @property
    def source_fields(self) -> list[str]:
        """The fields whose shown value came from the source."""
        return [name for name in self.values if name not in self.curated_fields]
