"""GitLab projects through python-gitlab over real sockets: a facility's own instance, registered
with `manage.py set_repository_host`, subgroups, 304s and GitLab's rate-limit answers."""

import time
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from harvesters.repositories import Result
from harvesters.repositories.models import RepositoryHarvestState, RepositoryHost
from harvesters.repositories.refresh import refresh_entry
from registry.software.models import RepositoryMetrics

from .repository_replay import (  # noqa: F401 - fixtures (*_fixture) and helpers
    FIXTURES,
    gitlab_api_fixture,
    gitlab_server_fixture,
    harvest_settings_fixture,
    make_entry,
    no_leftover_locks_fixture,
    register_gitlab,
)

pytestmark = pytest.mark.django_db
EWOKS = "https://gitlab.esrf.fr/workflow/ewoks/ewoks"
PROJECT = "/api/v4/projects/workflow/ewoks/ewoks"


@pytest.fixture
def ewoks(gitlab_api):
    return make_entry("ewoks", EWOKS)


def test_an_unregistered_facility_gitlab_is_reported_not_guessed(ewoks, gitlab_api):
    outcome = refresh_entry(ewoks.pk)

    assert outcome.result == Result.SKIPPED
    assert "gitlab.esrf.fr is not a registered repository host" in outcome.reason
    assert "set_repository_host gitlab.esrf.fr --kind gitlab" in outcome.reason
    assert gitlab_api.requests == []
    assert RepositoryHarvestState.objects.get(entry=ewoks).outcome == "unknown_host"


def test_a_self_hosted_gitlab_registered_by_command_is_read_with_subgroups(ewoks, gitlab_api):
    out = StringIO()
    call_command(
        "set_repository_host",
        "gitlab.esrf.fr",
        "--kind",
        "gitlab",
        "--api-url",
        f"{gitlab_api.url}/api/v4",
        stdout=out,
    )
    assert "Registered gitlab.esrf.fr" in out.getvalue()

    outcome = refresh_entry(ewoks.pk)

    assert outcome.result == Result.REFRESHED, outcome.reason
    metrics = RepositoryMetrics.objects.get(entry=ewoks)
    assert (metrics.host, metrics.full_name, metrics.default_branch) == (
        "gitlab.esrf.fr",
        "workflow/ewoks/ewoks",
        "main",
    )
    assert (metrics.stars, metrics.forks, metrics.open_issues) == (12, 4, 18)
    assert metrics.licence == "MIT"
    assert metrics.latest_release == "v1.1.0"
    assert metrics.latest_release_at == datetime(2026, 10, 2, 8, 12, 40, 512000, tzinfo=UTC)
    assert metrics.latest_release_url == f"{EWOKS}/-/releases/v1.1.0"
    # committed_date 16:42:09+01:00 is 15:42:09 UTC
    assert metrics.last_commit_at == datetime(2026, 11, 21, 15, 42, 9, tzinfo=UTC)
    assert metrics.contributors == 23  # X-Total
    assert metrics.languages == ["Python"]  # Shell and Dockerfile are under 5%
    assert metrics.ci_status == RepositoryMetrics.CIStatus.PASSING
    assert metrics.ci_url == f"{EWOKS}/-/pipelines/210345"
    assert metrics.ci_status_source == "GitLab CI/CD, latest pipeline on main"
    assert metrics.has_citation_file is True
    # The project is asked by its full path, URL-encoded as GitLab requires.
    first = gitlab_api.requests[0]
    assert "/api/v4/projects/workflow%2Fewoks%2Fewoks" in first.raw_uri
    assert first.headers["User-Agent"].startswith("PaN-Registry-Harvester/1.0")


def test_the_second_run_costs_304s_and_writes_nothing(ewoks, gitlab_api):
    register_gitlab(gitlab_api)
    assert refresh_entry(ewoks.pk).result == Result.REFRESHED
    gitlab_api.forget()

    with CaptureQueriesContext(connection) as queries:
        outcome = refresh_entry(ewoks.pk)

    assert outcome.result == Result.UNCHANGED
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert set(gitlab_api.statuses()) == {304}
    assert not any("/blobs/" in path for path in gitlab_api.paths())


def test_a_gitlab_429_is_rescheduled_without_python_gitlab_sleeping_on_it(ewoks, gitlab_api):
    register_gitlab(gitlab_api)
    reset = int(time.time()) + 3600
    gitlab_api.override(
        f"{PROJECT}/languages",
        status=429,
        body=(FIXTURES / "gitlab" / "errors" / "rate-limit-429.txt").read_bytes(),
        headers={
            "Content-Type": "text/plain",
            "Retry-After": "3600",
            "RateLimit-Limit": "600",
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": str(reset),
        },
    )
    started = timezone.now()

    outcome = refresh_entry(ewoks.pk)

    assert outcome.result == Result.RATE_LIMITED
    assert timezone.now() - started < timedelta(seconds=10)
    assert outcome.retry_at >= started + timedelta(seconds=3599)
    assert RepositoryHost.objects.get(name="gitlab.esrf.fr").paused_until == outcome.retry_at
    assert not RepositoryMetrics.objects.filter(entry=ewoks).exists()


def test_a_project_that_is_gone_is_a_failure_with_its_reason(ewoks, gitlab_api):
    register_gitlab(gitlab_api)
    gitlab_api.override(
        PROJECT,
        status=404,
        body=(FIXTURES / "gitlab" / "errors" / "project-not-found.json").read_bytes(),
    )

    outcome = refresh_entry(ewoks.pk)

    assert outcome.result == Result.FAILED
    assert outcome.reason == (
        "gitlab.esrf.fr has no public project workflow/ewoks/ewoks (moved, deleted or private?)."
    )


def test_hidden_pipelines_leave_the_ci_status_unknown_not_failing(ewoks, gitlab_api):
    register_gitlab(gitlab_api)
    gitlab_api.override(f"{PROJECT}/pipelines", status=403, body={"message": "403 Forbidden"})

    outcome = refresh_entry(ewoks.pk)

    assert outcome.result == Result.REFRESHED
    metrics = RepositoryMetrics.objects.get(entry=ewoks)
    assert metrics.ci_status == "" and metrics.ci_url == ""
    assert metrics.stars == 12
