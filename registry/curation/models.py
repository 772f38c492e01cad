"""Stale rules as data, the flags they raise, and the link checker's record.

A `StaleRule` row per kind holds the switch and the numbers a curator tunes in
the admin (months without a commit, failures, days between checks). The
evaluation (`stale.py`) raises a `StaleFlag` on each entry a rule matches and
clears it (sets `cleared_at`) when the cause is gone; cleared flags stay as the
entry's history. `CheckedLink`/`LinkCheck` are the link checker's state and
history (`links.py`).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class StaleKind(models.TextChoices):
    SOFTWARE_ARCHIVED = "software_archived", "Repository archived"
    SOFTWARE_NO_COMMIT = "software_no_commit", "No recent commit"
    TRAINING_REVIEW_OVERDUE = "training_review_overdue", "Review overdue"
    LINK_BROKEN = "link_broken", "Broken link"
    SOURCE_FAILING = "source_failing", "Harvest source failing"
    EVENT_ORGANISER_PAGE_GONE = "event_organiser_page_gone", "Organiser page gone"


class StaleRule(models.Model):
    kind = models.CharField(max_length=32, choices=StaleKind.choices, unique=True)
    enabled = models.BooleanField(
        default=True, help_text="Switched off, the rule raises no flag and clears its open ones."
    )
    months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="No commit rule: months since the last commit."
    )
    failures = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Failed checks (links) or consecutive failed runs (harvest sources) that flag.",
    )
    interval_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Broken link rule: days between the first and the latest failed check.",
    )
    description = models.CharField(max_length=300, blank=True)

    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("enabled"),
        FieldRowPanel([FieldPanel("months"), FieldPanel("failures"), FieldPanel("interval_days")]),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["kind"]
        verbose_name = "stale rule"

    def __str__(self):
        return self.get_kind_display()


class OpenFlags(models.QuerySet):
    def open(self):
        return self.filter(cleared_at__isnull=True)

    def for_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class StaleFlag(models.Model):
    """One rule matching one entry, from detection until its cause is fixed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(max_length=32, choices=StaleKind.choices)
    reason = models.CharField(max_length=500, help_text="What a visitor and a curator read.")
    since = models.DateTimeField(help_text="When the cause began, as far as we know.")
    detected_at = models.DateTimeField(auto_now_add=True)
    cleared_at = models.DateTimeField(null=True, blank=True)

    objects = OpenFlags.as_manager()

    class Meta:
        ordering = ["-detected_at"]
        # The curators' capability: the dashboard, its reports and bulk actions.
        permissions = [("curate", "Can use the curation dashboard and its bulk actions")]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                condition=Q(cleared_at__isnull=True),
                name="curation_one_open_flag_per_entry_and_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.reason}"


class LinkOutcome(models.TextChoices):
    OK = "ok", "Working"
    BROKEN = "broken", "Broken"
    REFUSED = "refused", "Refused (not checked)"


class CheckedLink(models.Model):
    """One outbound URL of the published catalogue and what the checker last found."""

    url = models.URLField(max_length=500, unique=True)
    outcome = models.CharField(max_length=8, choices=LinkOutcome.choices, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    final_url = models.URLField(max_length=500, blank=True)
    last_checked = models.DateTimeField(null=True, blank=True)
    first_failed_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return self.url


class LinkCheck(models.Model):
    """History: one row per check of a link."""

    link = models.ForeignKey(CheckedLink, on_delete=models.CASCADE, related_name="checks")
    checked_at = models.DateTimeField()
    method = models.CharField(max_length=4)
    outcome = models.CharField(max_length=8, choices=LinkOutcome.choices)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=500, blank=True)
    final_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["-checked_at"]
        get_latest_by = "checked_at"

    def __str__(self):
        return f"{self.link} {self.checked_at:%Y-%m-%d}: {self.outcome}"
