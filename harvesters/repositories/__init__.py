"""Repository harvesting: live badge figures of catalogue entries from GitHub and GitLab.

Service API (used by ``manage.py harvest --repositories``):

* `refresh_repositories(*, entries=None, progress=None, sync=False) -> RefreshSummary`
  — every entry with a repository URL (or the given ones); ``progress`` is
  called as ``progress(done, total, label)``; ``sync=False`` sends one Celery
  task per entry. The summary counts refreshed / unchanged / failed /
  rate_limited / skipped / queued, keeps each reason and prints as a table.
* the Celery task `harvesters.repositories.tasks.refresh_repository(entry_id)`.

See docs/repository-badges.md. The flow: references (URL → host and path)
→ github / gitlab readers (conditional requests through the safe fetcher)
→ store (the only writer of figures) → enrich (empty entry fields from
CITATION.cff / codemeta.json, as a page revision).
"""

from . import tasks  # noqa: F401 - registers the Celery task wherever the app loads (worker too)
from .summary import RefreshOutcome, RefreshSummary, Result

__all__ = ["RefreshOutcome", "RefreshSummary", "Result", "refresh_repositories"]


def refresh_repositories(*, entries=None, progress=None, sync=False) -> RefreshSummary:
    """Refresh the badge figures of every catalogued repository; see `refresh.refresh_repositories`."""
    from .refresh import refresh_repositories as run  # models are ready by the time this runs

    return run(entries=entries, progress=progress, sync=sync)
