"""When a training material is due for review, and how its review state reads.

The source document names the catalogue's main risk: filling up "with
courses that are not maintained". Every material therefore carries a review
status and a next-review date. The state a visitor sees is derived from both
and from today's date, never stored, so an overdue review shows as overdue the
day it passes without any job having to run.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models

# How long a review stays valid unless the curator picks another due date.
DEFAULT_REVIEW_INTERVAL_MONTHS = 12


def review_interval() -> relativedelta:
    return relativedelta(
        months=getattr(settings, "TRAINING_REVIEW_INTERVAL_MONTHS", DEFAULT_REVIEW_INTERVAL_MONTHS)
    )


def next_review_after(reviewed_on: date) -> date:
    """The default due date of the next review (31 Jan + 1 month = 28/29 Feb, not 3 Mar)."""
    return reviewed_on + review_interval()


class ReviewStatus(models.TextChoices):
    """What a curator last concluded; stored on the material."""

    NEVER_REVIEWED = "never-reviewed", "Never reviewed"
    REVIEWED = "reviewed", "Reviewed"
    NEEDS_UPDATE = "needs-update", "Needs update"


@dataclass(frozen=True)
class ReviewState:
    """What a visitor is told: the stored status read against today's date."""

    key: str
    label: str
    is_current: bool


CURRENT = ReviewState("current", "Reviewed, current", True)
OVERDUE = ReviewState("overdue", "Review overdue", False)
NEEDS_UPDATE = ReviewState("needs-update", "Needs update", False)
NEVER_REVIEWED = ReviewState("never-reviewed", "Never reviewed", False)
REVIEW_STATES = {state.key: state for state in (CURRENT, OVERDUE, NEEDS_UPDATE, NEVER_REVIEWED)}


def review_state(*, status: str, next_review_due: date | None, today: date) -> ReviewState:
    if status == ReviewStatus.NEEDS_UPDATE:
        return NEEDS_UPDATE
    if status != ReviewStatus.REVIEWED:
        return NEVER_REVIEWED
    # Overdue from the day after the due date: on the due date itself the
    # review is still valid (the curators' queue already lists it).
    if next_review_due is not None and next_review_due < today:
        return OVERDUE
    return CURRENT


def review_state_expression(today: date) -> models.Case:
    """`review_state()` as a database expression, for the facet counts and filters."""
    return models.Case(
        models.When(review_status=ReviewStatus.NEEDS_UPDATE, then=models.Value(NEEDS_UPDATE.key)),
        models.When(
            ~models.Q(review_status=ReviewStatus.REVIEWED), then=models.Value(NEVER_REVIEWED.key)
        ),
        models.When(next_review_due__lt=today, then=models.Value(OVERDUE.key)),
        default=models.Value(CURRENT.key),
        output_field=models.CharField(),
    )
