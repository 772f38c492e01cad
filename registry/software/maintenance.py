"""Is the software maintained? One rule, computed from the harvested repository figures.

Possibly unmaintained: the repository is archived, or its last commit is
older than 18 months. Unknown: nothing harvested yet, or the host gave no
commit date — the catalogue says "unknown" rather than guess. The same rule
exists twice: in Python for one entry (`maintenance_of`) and as an SQL
expression (`maintenance_expression`) so the list page can filter and count
thousands of entries in one query. tests/software/test_maintenance.py keeps
them in step.
"""

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Case, CharField, Q, Value, When
from django.utils import timezone

STALE_AFTER_MONTHS = 18

MAINTAINED = "maintained"
UNMAINTAINED = "unmaintained"
UNKNOWN = "unknown"

LABELS = {
    MAINTAINED: "Maintained",
    UNMAINTAINED: "Possibly unmaintained",
    UNKNOWN: "Maintenance unknown",
}


@dataclass(frozen=True)
class Maintenance:
    status: str
    reason: str

    @property
    def label(self) -> str:
        return LABELS[self.status]


def stale_before(now: datetime | None = None, *, months: int = STALE_AFTER_MONTHS) -> datetime:
    """The last-commit date before which an entry counts as possibly unmaintained.

    `months` is tuned by curators on the "no recent commit" stale rule
    (registry.curation), which calls this with its own value.
    """
    return (now or timezone.now()) - relativedelta(months=months)


def maintenance_of(metrics, *, now: datetime | None = None) -> Maintenance:
    """The maintenance status of one entry from its RepositoryMetrics (or None)."""
    if metrics is None or not metrics.harvested:
        return Maintenance(UNKNOWN, "The repository has not been harvested yet.")
    if metrics.archived:
        return Maintenance(UNMAINTAINED, "The repository is archived (read-only) on its host.")
    if metrics.last_commit_at is None:
        return Maintenance(UNKNOWN, "The host did not report a last commit date.")
    if metrics.last_commit_at < stale_before(now):
        return Maintenance(
            UNMAINTAINED,
            f"No commit for more than {STALE_AFTER_MONTHS} months "
            f"(last on {metrics.last_commit_at:%d %B %Y}).",
        )
    return Maintenance(MAINTAINED, f"Last commit on {metrics.last_commit_at:%d %B %Y}.")


def maintenance_expression(*, prefix: str = "metrics__", now: datetime | None = None) -> Case:
    """The same rule as `maintenance_of`, as an annotation on a SoftwareEntry queryset."""
    return Case(
        When(Q(**{f"{prefix}harvested_at__isnull": True}), then=Value(UNKNOWN)),
        When(Q(**{f"{prefix}archived": True}), then=Value(UNMAINTAINED)),
        When(Q(**{f"{prefix}last_commit_at__isnull": True}), then=Value(UNKNOWN)),
        When(Q(**{f"{prefix}last_commit_at__lt": stale_before(now)}), then=Value(UNMAINTAINED)),
        default=Value(MAINTAINED),
        output_field=CharField(),
    )
