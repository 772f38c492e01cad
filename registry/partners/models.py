"""Who a partner editor speaks for, what they submitted, and what anonymous visitors suggested.

`PartnerMembership` ties a user to a facility or a collaboration: the one
fact the permission policy (permissions.py) reads. `Submission` remembers
each entry a partner sent through a form or the API (its kind, the partner's
own external identifier, a curator's refusal), so "My submissions" and the
API's idempotent create read one table. `Suggestion` is the anonymous
"suggest an entry" form's record, kept for the curators.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class PartnerMembership(models.Model):
    """A partner editor acts for this facility (or collaboration)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_memberships"
    )
    facility = models.ForeignKey(
        "facilities.Facility",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="partner_memberships",
    )
    collaboration = models.ForeignKey(
        "collaborations.Collaboration",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="partner_memberships",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(facility__isnull=False) & Q(collaboration__isnull=True))
                | (Q(facility__isnull=True) & Q(collaboration__isnull=False)),
                name="partner_membership_one_organisation",
                violation_error_message="Choose a facility or a collaboration (one of the two).",
            ),
            models.UniqueConstraint(
                fields=["user", "facility"],
                condition=Q(facility__isnull=False),
                name="partner_membership_unique_facility",
            ),
            models.UniqueConstraint(
                fields=["user", "collaboration"],
                condition=Q(collaboration__isnull=False),
                name="partner_membership_unique_collaboration",
            ),
        ]

    def __str__(self):
        return f"{self.user} for {self.facility or self.collaboration}"


class Submission(models.Model):
    """One entry a partner submitted (form or API); its review state is Wagtail's workflow."""

    class Kind(models.TextChoices):
        SOFTWARE = "software", "Software"
        TRAINING = "training", "Training material"
        EVENT = "event", "Event"

    class Channel(models.TextChoices):
        FORM = "form", "Web form"
        API = "api", "API"
        ADMIN = "admin", "Wagtail admin"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="partner_submission"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="partner_submissions",
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    external_id = models.CharField(
        "external identifier",
        max_length=255,
        blank=True,
        help_text="The partner's own identifier of the entry; the API matches on it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A curator's outright refusal (the workflow is cancelled); "request
    # changes" stays in Wagtail's workflow instead.
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "external_id"],
                condition=~Q(external_id=""),
                name="partner_submission_unique_external_id",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page.title}"


class Suggestion(models.Model):
    """An anonymous visitor's "suggest an entry": stored for the curators, never published as is."""

    class Kind(models.TextChoices):
        SOFTWARE = "software", "Software"
        TRAINING = "training", "Training material"
        EVENT = "event", "Event"
        OTHER = "other", "Something else"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200)
    url = models.URLField("address", max_length=500)
    message = models.TextField(blank=True, max_length=4000)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(default=False, help_text="Ticked once a curator dealt with it.")

    class Meta:
        ordering = ["handled", "-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
