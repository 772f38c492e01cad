"""GitHub repositories through PyGithub over real sockets: figures, 304s, failures."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from harvesters.repositories import Result, refresh_repositories
from harvesters.repositories.models import RepositoryHarvestState, RepositoryResource
from harvesters.repositories.reading import RateLimited  # noqa: F401 - documents the contract
from harvesters.repositories.refresh import refresh_entry
from registry.software.maintenance import UNMAINTAINED, maintenance_of
from registry.software.models import RepositoryMetrics

from .repository_replay import (  # noqa: F401 - fixtures (*_fixture) and helpers
    github_api_fixture,
    harvest_settings_fixture,
    make_entry,
    no_leftover_locks_fixture,
)

pytestmark = pytest.mark.django_db
SILX_HEAD = "8a1f3c5e7b9d2f4a6c8e0b1d3f5a7c9e1b3d5f7a"
WRITES = ("INSERT", "UPDATE", "DELETE")


def writes_in(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def silx(github_api):
    return make_entry("silx", "https://github.com/silx-kit/silx")


def test_figures_of_a_github_repository_are_stored_from_its_api_answers(silx, github_api):
    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.REFRESHED, outcome.reason
    metrics = RepositoryMetrics.objects.get(entry=silx)
    assert (metrics.host, metrics.full_name, metrics.default_branch) == (
        "github.com",
        "silx-kit/silx",
        "main",
    )
    assert (metrics.stars, metrics.forks) == (150, 80)
    # 120 open issues *and* pull requests, of which 23 pull requests (Link: last page 23).
    assert metrics.open_issues == 97
    assert metrics.licence == "MIT"
    assert metrics.latest_release == "v2.2.2"
    assert metrics.latest_release_at == datetime(2025, 5, 27, 9, 10, 45, tzinfo=UTC)
    assert metrics.latest_release_url == "https://github.com/silx-kit/silx/releases/tag/v2.2.2"
    assert metrics.last_commit_at == datetime(2026, 11, 24, 16, 3, 9, tzinfo=UTC)
    assert metrics.contributors == 64
    assert metrics.languages == ["Python", "Cython"]  # the others are under 5% of the code
    assert metrics.ci_status == RepositoryMetrics.CIStatus.PASSING
    assert metrics.ci_status_source == "GitHub Actions on main"
    assert metrics.ci_url == f"https://github.com/silx-kit/silx/commit/{SILX_HEAD}"
    assert metrics.archived is False
    assert metrics.has_citation_file is True
    assert metrics.harvested_at is not None
    assert metrics.etag == github_api.exchanges[("/repos/silx-kit/silx", ())].headers["ETag"]
    assert metrics.last_modified == "Thu, 20 Nov 2026 09:12:44 GMT"
    state = RepositoryHarvestState.objects.get(entry=silx)
    assert (state.outcome, state.reason, state.path) == ("ok", "", "silx-kit/silx")


def test_the_requests_carry_our_user_agent_and_no_token_when_none_is_configured(silx, github_api):
    refresh_entry(silx.pk)

    first = github_api.requests[0]
    assert first.headers["User-Agent"].startswith("PaN-Registry-Harvester/1.0")
    assert "Authorization" not in first.headers


def test_a_configured_token_is_read_from_its_environment_variable(silx, github_api, monkeypatch):
    from harvesters.repositories.models import RepositoryHost

    monkeypatch.setenv("PAN_TEST_GITHUB_TOKEN", "ghp_sample_token_value")
    host = RepositoryHost.objects.get(name="github.com")
    host.token_env = "PAN_TEST_GITHUB_TOKEN"
    host.save()

    refresh_entry(silx.pk)

    assert github_api.requests[0].headers["Authorization"] == "token ghp_sample_token_value"
    stored = RepositoryHost.objects.filter(name="github.com").values()[0]
    assert "ghp_sample_token_value" not in str(stored)


def test_second_run_sends_validators_gets_only_304s_and_writes_nothing(silx, github_api):
    first = refresh_entry(silx.pk)
    assert first.result == Result.REFRESHED
    before = RepositoryMetrics.objects.values().get(entry=silx)
    github_api.forget()

    with CaptureQueriesContext(connection) as queries:
        second = refresh_entry(silx.pk)

    assert second.result == Result.UNCHANGED
    assert writes_in(queries.captured_queries) == []
    assert github_api.statuses() == [304] * len(github_api.requests)
    assert all("If-None-Match" in seen.headers for seen in github_api.requests)
    # The citation file's blob is not asked again: its id did not change.
    assert not any("/git/blobs/" in path for path in github_api.paths())
    assert (second.requests, second.not_modified) == (9, 9)
    assert RepositoryMetrics.objects.values().get(entry=silx) == before


def test_one_changed_resource_is_read_again_and_the_rest_stays_conditional(silx, github_api):
    refresh_entry(silx.pk)
    body = github_api.exchanges[("/repos/silx-kit/silx", ())].body
    import json

    repository = json.loads(body)
    repository["stargazers_count"] = 151
    github_api.replace_body("/repos/silx-kit/silx", repository, etag='W/"stars-151"')
    github_api.forget()

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.REFRESHED
    assert github_api.statuses().count(200) == 1 and github_api.statuses()[0] == 200
    metrics = RepositoryMetrics.objects.get(entry=silx)
    assert metrics.stars == 151 and metrics.etag == 'W/"stars-151"'
    assert metrics.open_issues == 97 and metrics.contributors == 64  # kept from the 304s


def test_an_archived_repository_is_flagged_and_what_it_lacks_stays_empty(github_api):
    entry = make_entry("Old beamline GUI", "https://github.com/example-facility/old-beamline-gui")

    outcome = refresh_entry(entry.pk)

    assert outcome.result == Result.REFRESHED, outcome.reason
    metrics = RepositoryMetrics.objects.get(entry=entry)
    assert metrics.archived is True
    assert maintenance_of(metrics).status == UNMAINTAINED
    assert metrics.licence == "GPL-3.0-only"  # GitHub's legacy "GPL-3.0", in today's SPDX
    assert (metrics.latest_release, metrics.latest_release_at) == ("", None)  # [] : no release
    assert metrics.ci_status == "" and metrics.ci_url == ""  # no status, no check run
    assert metrics.has_citation_file is False
    assert metrics.open_issues == 2 and metrics.contributors == 1
    assert metrics.default_branch == "master"


def test_a_failing_external_ci_status_shows_as_failing(github_api):
    entry = make_entry("pyFAI", "https://github.com/silx-kit/pyFAI")

    refresh_entry(entry.pk)

    metrics = RepositoryMetrics.objects.get(entry=entry)
    assert metrics.ci_status == RepositoryMetrics.CIStatus.FAILING
    assert metrics.ci_status_source == "continuous-integration/jenkins/branch on main"
    assert metrics.languages == ["Python", "Cython", "OpenCL"]


def test_a_malformed_answer_is_recorded_with_its_reason_and_stored_figures_stay(silx, github_api):
    refresh_entry(silx.pk)
    before = RepositoryMetrics.objects.values().get(entry=silx)
    resources = list(RepositoryResource.objects.filter(entry=silx).values())
    github_api.override("/repos/silx-kit/silx/languages", body={"Python": "a lot"})

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.FAILED
    assert "languages" in outcome.reason and "'a lot'" in outcome.reason
    assert RepositoryMetrics.objects.values().get(entry=silx) == before
    assert list(RepositoryResource.objects.filter(entry=silx).values()) == resources
    state = RepositoryHarvestState.objects.get(entry=silx)
    assert state.outcome == "failed" and "languages" in state.reason
    assert state.consecutive_failures == 1


def test_an_answer_that_is_not_json_is_a_failure_not_a_crash(silx, github_api):
    github_api.override("/repos/silx-kit/silx", body=b"<html>Unicorn!</html>", headers={
        "Content-Type": "text/html"})  # fmt: skip

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.FAILED and "not JSON" in outcome.reason
    assert not RepositoryMetrics.objects.filter(entry=silx).exists()


def test_a_repository_that_is_gone_is_reported_and_its_figures_kept(silx, github_api):
    refresh_entry(silx.pk)
    github_api.override(
        "/repos/silx-kit/silx",
        status=404,
        body=recorded_error("errors/repository-not-found.json"),
    )

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.FAILED
    assert "no public repository silx-kit/silx" in outcome.reason
    assert RepositoryMetrics.objects.get(entry=silx).stars == 150


def test_a_server_error_is_retried_then_recorded(silx, github_api):
    github_api.override("/repos/silx-kit/silx/languages", status=502, body=b"Bad gateway")

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.FAILED and "HTTP 502" in outcome.reason
    asked = github_api.paths().count("/repos/silx-kit/silx/languages")
    assert asked == 3  # HARVEST_ATTEMPTS


def test_refresh_repositories_in_process_reports_each_repository(silx, github_api):
    make_entry("Old beamline GUI", "https://github.com/example-facility/old-beamline-gui")
    make_entry("No repository", "")
    seen = []

    summary = refresh_repositories(sync=True, progress=lambda *args: seen.append(args))

    assert (summary.refreshed, summary.total) == (2, 2)
    assert seen == [(1, 2, "Old beamline GUI"), (2, 2, "silx")]
    again = refresh_repositories(sync=True)
    assert again.unchanged == 2 and again.not_modified == again.requests


def recorded_error(relative: str) -> bytes:
    from .repository_replay import FIXTURES

    return (FIXTURES / "github" / relative).read_bytes()


def test_a_defect_on_one_repository_does_not_stop_the_others(silx, github_api, monkeypatch):
    from harvesters.repositories import github_mapping

    broken = make_entry("pyFAI", "https://github.com/silx-kit/pyFAI")
    original = github_mapping.check_runs

    def crash_on_pyfai(data):
        if data.get("total_count") == 0:  # pyFAI's recorded answer
            raise KeyError("a defect")
        return original(data)

    monkeypatch.setattr(github_mapping, "check_runs", crash_on_pyfai)

    summary = refresh_repositories(sync=True)

    assert [(o.label, o.result) for o in summary.outcomes] == [
        ("pyFAI", Result.FAILED),
        ("silx", Result.REFRESHED),
    ]
    state = RepositoryHarvestState.objects.get(entry=broken)
    assert state.outcome == "failed" and "KeyError" in state.reason
