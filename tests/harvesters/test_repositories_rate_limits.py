"""Rate limits: stop calling, record it, reschedule after the reset; nothing stored is lost."""

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from harvesters.repositories import Result, refresh_repositories
from harvesters.repositories.models import RepositoryHarvestState, RepositoryHost
from harvesters.repositories.reading import Budget
from harvesters.repositories.refresh import refresh_entry
from registry.software.models import RepositoryMetrics

from .repository_replay import (  # noqa: F401 - fixtures (*_fixture) and helpers
    FIXTURES,
    github_api_fixture,
    harvest_settings_fixture,
    make_entry,
    no_leftover_locks_fixture,
)

pytestmark = pytest.mark.django_db
RATE_LIMIT_BODY = (FIXTURES / "github" / "errors" / "rate-limit-exceeded.json").read_bytes()
SECONDARY_BODY = (FIXTURES / "github" / "errors" / "secondary-rate-limit.json").read_bytes()


@pytest.fixture
def silx(github_api):
    return make_entry("silx", "https://github.com/silx-kit/silx")


@pytest.fixture
def pyfai(github_api):
    return make_entry("pyFAI", "https://github.com/silx-kit/pyFAI")


def host() -> RepositoryHost:
    return RepositoryHost.objects.get(name="github.com")


def test_a_403_with_no_calls_left_reschedules_and_keeps_the_stored_figures(silx, github_api):
    refresh_entry(silx.pk)
    before = RepositoryMetrics.objects.values().get(entry=silx)
    reset = int(time.time()) + 1800
    github_api.override(
        "/repos/silx-kit/silx/languages",
        status=403,
        body=RATE_LIMIT_BODY,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)},
    )
    # Something changed too: without the rate limit, this run would write.
    changed = json.loads(github_api.exchanges[("/repos/silx-kit/silx", ())].body)
    changed["stargazers_count"] = 1
    github_api.replace_body("/repos/silx-kit/silx", changed, etag='W/"new"')

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.RATE_LIMITED
    assert outcome.retry_at == datetime.fromtimestamp(reset, UTC)
    assert "rate limit" in outcome.reason.lower()
    assert RepositoryMetrics.objects.values().get(entry=silx) == before
    assert host().paused_until == datetime.fromtimestamp(reset, UTC)
    state = RepositoryHarvestState.objects.get(entry=silx)
    assert state.outcome == "rate_limited" and state.retry_at == outcome.retry_at
    assert state.consecutive_failures == 0  # a rate limit is not the repository's failure


def test_once_paused_the_other_repositories_of_the_host_are_not_called(silx, pyfai, github_api):
    github_api.override(
        "/repos/silx-kit/pyFAI",
        status=403,
        body=RATE_LIMIT_BODY,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 600)},
    )
    old = make_entry("Old beamline GUI", "https://github.com/example-facility/old-beamline-gui")

    summary = refresh_repositories(sync=True)

    # Entries go in title order, case-insensitive: pyFAI's refusal pauses github.com for silx.
    assert [o.label for o in summary.outcomes] == ["Old beamline GUI", "pyFAI", "silx"]
    assert [o.result for o in summary.outcomes] == [
        Result.REFRESHED,
        Result.RATE_LIMITED,
        Result.RATE_LIMITED,
    ]
    assert not any(path.startswith("/repos/silx-kit/silx") for path in github_api.paths())
    assert summary.outcomes[2].requests == 0
    assert RepositoryMetrics.objects.filter(entry=old).exists()
    assert not RepositoryMetrics.objects.filter(entry__in=[silx, pyfai]).exists()
    assert "rate_limited" in summary.as_table() and "retry after" in summary.as_table()


def test_a_429_with_retry_after_is_rescheduled_after_that_many_seconds(silx, github_api):
    github_api.override(
        "/repos/silx-kit/silx/pulls",
        status=429,
        body=SECONDARY_BODY,
        headers={"Retry-After": "120"},
    )
    started = timezone.now()

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.RATE_LIMITED
    assert (
        started + timedelta(seconds=119)
        <= outcome.retry_at
        <= timezone.now() + timedelta(seconds=121)
    )
    # PyGithub did not sleep on it or ask again: one refusal, then we stopped.
    assert github_api.paths().count("/repos/silx-kit/silx/pulls") == 1
    assert timezone.now() - started < timedelta(seconds=10)


def test_the_budget_reserve_is_never_spent(silx, github_api, harvest_settings):
    harvest_settings.REPOSITORY_RATE_LIMIT_RESERVE = 10
    github_api.remaining = 13  # the answers say 12, 11, then 10 calls left

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.RATE_LIMITED
    assert len(github_api.requests) == 3 and outcome.requests == 3
    assert "10 API calls left (reserve 10)" in outcome.reason
    assert outcome.retry_at == datetime.fromtimestamp(github_api.reset_at, UTC)


def test_after_the_reset_the_rescheduled_repository_is_refreshed_completely(silx, github_api):
    github_api.override(
        "/repos/silx-kit/silx/languages",
        status=429,
        body=b"",
        headers={"Retry-After": "1"},
        times=1,
    )
    assert refresh_entry(silx.pk).result == Result.RATE_LIMITED
    # While paused, nothing is called.
    github_api.forget()
    assert refresh_entry(silx.pk).result == Result.RATE_LIMITED
    assert github_api.requests == []

    time.sleep(1.1)
    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.REFRESHED
    assert RepositoryMetrics.objects.get(entry=silx).languages == ["Python", "Cython"]
    assert RepositoryHarvestState.objects.get(entry=silx).outcome == "ok"


def test_a_403_that_is_not_a_rate_limit_is_a_plain_failure(silx, github_api):
    github_api.override(
        "/repos/silx-kit/silx/branches/main",
        status=403,
        body=json.dumps({"message": "Repository access blocked"}).encode(),
    )

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.FAILED
    assert "HTTP 403" in outcome.reason and "Repository access blocked" in outcome.reason
    assert host().paused_until is None


def test_budget_reads_github_and_gitlab_headers():
    budget = Budget("example", reserve=5)
    budget.observe({"X-RateLimit-Remaining": "42", "X-RateLimit-Reset": "1800000000"})
    assert budget.remaining == 42
    assert budget.reset_at == datetime.fromtimestamp(1800000000, UTC)
    budget.observe({"RateLimit-Remaining": "3", "RateLimit-Reset": "1800000600"})
    assert budget.remaining == 3
    assert budget.rate_limit_answer(404, {}) is None
    assert budget.rate_limit_answer(403, {}, "Resource not accessible by integration") is None
    limited = budget.rate_limit_answer(403, {"x-ratelimit-remaining": "0"})
    assert limited is not None and limited.reset_at == datetime.fromtimestamp(1800000600, UTC)


def test_retry_after_as_an_http_date_is_understood():
    budget = Budget("example", reserve=0)
    limited = budget.rate_limit_answer(429, {"Retry-After": "Wed, 21 Oct 2037 07:28:00 GMT"})
    assert limited.reset_at == datetime(2037, 10, 21, 7, 28, tzinfo=UTC)
