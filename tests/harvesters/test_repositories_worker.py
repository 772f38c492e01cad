"""The repository refresh through a real Celery worker on Redis and PostgreSQL, rate limit included."""

import time

import pytest

from harvesters.repositories import Result, refresh_repositories
from harvesters.repositories.hosts import set_repository_host
from harvesters.repositories.models import RepositoryHarvestState
from registry.software.models import RepositoryMetrics

from .conftest import wait_for
from .repository_replay import ReplayAPI, make_entry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.celery_worker,
    # Committed rows (the worker is another process); the migrations' data (page root,
    # seeded hosts) restored after the flush of a previous transactional test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_tasks_refresh_each_repository_and_a_rate_limited_one_retries_after_the_reset(
    worker, server, home
):
    api = ReplayAPI(server)
    api.load("github/silx-kit/silx").load("github/silx-kit/pyFAI")
    set_repository_host(name="github.com", kind="github", api_url=api.url)  # hosts are data
    silx = make_entry("silx", "https://github.com/silx-kit/silx")
    pyfai = make_entry("pyFAI", "https://github.com/silx-kit/pyFAI")
    api.override("/repos/silx-kit/silx", status=429, headers={"Retry-After": "2"}, times=1)

    summary = refresh_repositories(sync=False)

    assert summary.queued == 2
    harvested = wait_for(
        lambda: (
            RepositoryMetrics.objects.filter(
                entry__in=[silx, pyfai], harvested_at__isnull=False
            ).count()
            == 2
        )
    )
    assert harvested, worker.log()[-3000:]
    assert RepositoryMetrics.objects.get(entry=silx).stars == 150
    assert RepositoryMetrics.objects.get(entry=pyfai).ci_status == "failing"
    silx_calls = [s for s in api.requests if s.path == "/repos/silx-kit/silx"]
    assert [s.status for s in silx_calls][:2] == [429, 200]
    assert RepositoryHarvestState.objects.get(entry=silx).outcome == "ok"
    assert "Retry in" in worker.log()  # Celery's own line for a task retried with a countdown


def test_a_second_run_through_the_worker_costs_only_304s(worker, server, home):
    api = ReplayAPI(server)
    api.load("github/silx-kit/silx")
    set_repository_host(name="github.com", kind="github", api_url=api.url)
    silx = make_entry("silx", "https://github.com/silx-kit/silx")
    refresh_repositories(sync=False)
    assert wait_for(lambda: RepositoryMetrics.objects.filter(entry=silx).exists())
    harvested_at = RepositoryMetrics.objects.get(entry=silx).harvested_at
    api.forget()

    refresh_repositories(sync=False)

    assert wait_for(lambda: len(api.requests) >= 9)
    time.sleep(1)
    assert set(api.statuses()) == {304}
    assert RepositoryMetrics.objects.get(entry=silx).harvested_at == harvested_at
    assert Result.QUEUED.value == "queued"
