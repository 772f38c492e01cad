"""The real-worker fixture the harvest integration tests rely on."""

import pytest

from registry.celery import app

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.celery_worker]


def test_a_task_sent_runs_in_the_worker_process_and_returns(celery_worker):
    result = app.tasks["celery.accumulate"].delay(3, 4)
    assert result.get(timeout=30) == [3, 4]  # JSON serialiser: tuples come back as lists
    celery_worker.kill()
    assert celery_worker.process.poll() is not None
