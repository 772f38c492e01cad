"""The service API the `harvest` command calls: refresh_repositories() and its printable summary."""

from datetime import UTC, datetime

import pytest

from harvesters.repositories import RefreshOutcome, RefreshSummary, Result, refresh_repositories
from harvesters.repositories.tasks import refresh_repository

from .repository_replay import (  # noqa: F401 - fixtures (*_fixture) and helpers
    github_api_fixture,
    harvest_settings_fixture,
    make_entry,
    no_leftover_locks_fixture,
)


def test_the_summary_counts_each_result_and_lists_what_needs_reading():
    summary = RefreshSummary()
    summary.add(RefreshOutcome(1, "silx", Result.REFRESHED, requests=10))
    summary.add(RefreshOutcome(2, "pyFAI", Result.UNCHANGED, requests=9, not_modified=9))
    summary.add(
        RefreshOutcome(
            3,
            "Mantid",
            Result.RATE_LIMITED,
            "github.com: 10 API calls left (reserve 10)",
            host="github.com",
            path="mantidproject/mantid",
            retry_at=datetime(2026, 11, 25, 15, 0, tzinfo=UTC),
        )
    )
    summary.add(
        RefreshOutcome(
            4,
            "Tomwer",
            Result.FAILED,
            "GitLab answered HTTP 500",
            host="gitlab.esrf.fr",
            path="tomotools/tomwer",
        )
    )

    table = summary.as_table()

    assert summary.counts() == {
        "refreshed": 1, "unchanged": 1, "failed": 1, "rate_limited": 1, "skipped": 0, "queued": 0,
    }  # fmt: skip
    assert (summary.requests, summary.not_modified) == (19, 9)
    assert "HTTP requests: 19 (of which 304 Not Modified: 9)" in table
    assert "rate_limited Mantid [github.com/mantidproject/mantid]" in table
    assert "retry after 2026-11-25 15:00 UTC" in table
    assert (
        "failed       Tomwer [gitlab.esrf.fr/tomotools/tomwer]: GitLab answered HTTP 500" in table
    )
    assert "silx" not in table  # plain successes are counted, not listed
    assert str(summary) == table


def test_outcomes_survive_the_trip_through_a_task_result():
    outcome = RefreshOutcome(
        7,
        "silx",
        Result.RATE_LIMITED,
        "limit",
        retry_at=datetime(2026, 1, 1, tzinfo=UTC),
        notes=("n",),
    )
    assert RefreshOutcome.from_dict(outcome.as_dict()) == outcome


@pytest.mark.django_db
def test_without_a_broker_the_tasks_run_here_and_their_outcomes_are_counted(github_api):
    make_entry("silx", "https://github.com/silx-kit/silx")
    make_entry("pyFAI", "https://github.com/silx-kit/pyFAI")

    summary = refresh_repositories(
        sync=False
    )  # CELERY_TASK_ALWAYS_EAGER in tests and the embedded mode

    assert summary.refreshed == 2 and summary.queued == 0


@pytest.mark.django_db
def test_refresh_can_be_limited_to_given_entries(github_api):
    silx = make_entry("silx", "https://github.com/silx-kit/silx")
    make_entry("pyFAI", "https://github.com/silx-kit/pyFAI")

    by_instance = refresh_repositories(entries=[silx], sync=True)
    by_id = refresh_repositories(entries=[silx.pk], sync=True)

    assert [o.label for o in by_instance.outcomes] == ["silx"]
    assert [(o.label, o.result) for o in by_id.outcomes] == [("silx", Result.UNCHANGED)]


@pytest.mark.django_db
def test_the_task_reports_a_rate_limit_in_process_instead_of_waiting(github_api):
    entry = make_entry("silx", "https://github.com/silx-kit/silx")
    github_api.override("/repos/silx-kit/silx", status=429, headers={"Retry-After": "3600"})

    result = refresh_repository.apply(args=[entry.pk]).get()

    assert result["result"] == "rate_limited" and result["retry_at"]


def test_the_task_is_declared_safe_to_retry():
    assert refresh_repository.name == "harvesters.repositories.refresh_repository"
    assert refresh_repository.acks_late is True
    assert refresh_repository.reject_on_worker_lost is True
    assert refresh_repository.soft_time_limit and refresh_repository.time_limit
