"""What visitors tell curators about an entry: "my facility uses this" and problem reports.

Both are written only by the services in registry/software/feedback.py and
reviewed by curators in the admin (Software feedback menu).
"""

from django.conf import settings
from django.db import models

from .entry import SoftwareEntry


class FacilityUseReport(models.Model):
    """A visitor says their facility uses the software; a curator accepts or declines it.

    Accepting adds the facility to the entry's using facilities (a new
    revision of the page); until then the report is pending and the page
    does not show it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    entry = models.ForeignKey(
        SoftwareEntry, on_delete=models.CASCADE, related_name="facility_use_reports"
    )
    facility = models.ForeignKey(
        "facilities.Facility", on_delete=models.CASCADE, related_name="software_use_reports"
    )
    reporter_name = models.CharField("your name", max_length=120)
    reporter_email = models.EmailField(
        "your e-mail", help_text="Only curators see it, to ask you a question if needed."
    )
    message = models.TextField(
        "how the facility uses it",
        max_length=2000,
        blank=True,
        help_text="Beamlines or instruments, since when, anything a curator should know.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    curator_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "facility use report"

    def __str__(self):
        return f"{self.facility} uses {self.entry}"


class ProblemReport(models.Model):
    """A visitor reports something wrong with an entry; a curator resolves or dismisses it."""

    class Kind(models.TextChoices):
        WRONG_INFORMATION = "wrong-information", "Wrong or outdated information"
        BROKEN_LINK = "broken-link", "Broken link"
        UNMAINTAINED = "unmaintained", "The software is no longer maintained"
        DUPLICATE = "duplicate", "Duplicate entry"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    entry = models.ForeignKey(
        SoftwareEntry, on_delete=models.CASCADE, related_name="problem_reports"
    )
    kind = models.CharField("what is wrong", max_length=20, choices=Kind.choices)
    message = models.TextField("details", max_length=4000)
    reporter_email = models.EmailField(
        "your e-mail (optional)",
        blank=True,
        help_text="Only curators see it, to tell you when it is fixed.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    curator_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.entry}"
