"""Shared fixtures and the service gates.

Tests that need PostgreSQL, Redis, a Celery worker or Chromium carry a marker
(`postgres`, `redis`, `celery_worker`, `browser`). On a laptop without the
service they skip with the reason; with REQUIRE_SERVICES=1 (set by .ci/run)
any skip fails the run, so CI never passes by skipping.
"""

import os
import sys

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
_skipped: list[str] = []


def pytest_collection_modifyitems(items):
    """Every test with committed transactions starts from the migrations' data and leaves it.

    A transactional test ends with a flush; the next one would find no page
    root, no seeded hosts, no vocabulary. With serialized rollback each such
    test restores the data the migrations made (serialized once, when the test
    database is created) and its flush leaves the content types alone, so any
    order of tests works.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        uses_transactions = kwargs.get("transaction") or {"transactional_db", "live_server"} & set(
            item.fixturenames
        )
        if uses_transactions and not kwargs.get("serialized_rollback"):
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def pytest_runtest_logreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if "tests.workers" in sys.modules:
        sys.modules["tests.workers"].stop_all()
    if REQUIRE_SERVICES and _skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if REQUIRE_SERVICES and _skipped:
        terminalreporter.write_line(
            f"REQUIRE_SERVICES=1: {len(_skipped)} skipped test(s) count as failures in CI:",
            red=True,
        )
        for nodeid in _skipped:
            terminalreporter.write_line(f"  {nodeid}", red=True)


@pytest.fixture(autouse=True)
def _postgres_gate(request):
    if request.node.get_closest_marker("postgres") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)")


@pytest.fixture(autouse=True)
def _redis_gate(request):
    if (
        request.node.get_closest_marker("redis") is None
        and request.node.get_closest_marker("celery_worker") is None
    ):
        return
    from django.conf import settings

    if not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL=redis://127.0.0.1:6379/0 (CI does)")
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.ConnectionError as error:
        pytest.skip(f"needs Redis at {settings.REDIS_URL}: {error}")


@pytest.fixture
def celery_worker(request, transactional_db, settings):
    """A real Celery worker process on Redis and this test database; tasks sent go to it.

    Needs PostgreSQL and Redis (mark the test `celery_worker` and `postgres`).
    Yields the WorkerProcess (`kill()` simulates a crash, `start()` a restart).
    """
    from django.db import connection

    from registry.celery import app
    from tests.workers import WorkerProcess, forget_connections

    if connection.vendor != "postgresql":
        pytest.skip("a Celery worker process needs the shared PostgreSQL test database")
    queue = f"test-{os.getpid()}"
    overrides = {
        "broker_url": settings.REDIS_URL,
        "task_always_eager": False,
        "task_default_queue": queue,
        "result_backend": settings.REDIS_URL,
    }
    previous = {key: app.conf.get(key) for key in overrides}
    app.conf.update(overrides)
    # Connections an earlier test opened belong to the old broker setting;
    # without this, pings and tasks would still go there and never arrive.
    forget_connections(app)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    worker = WorkerProcess(broker_url=settings.REDIS_URL, queue=queue).start()
    yield worker
    worker.stop()
    # Drop what a killed worker left in the queue, so the next test starts clean.
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)
    app.conf.update(previous)
    forget_connections(app)


@pytest.fixture
def home(db):
    """The page tree as `manage.py setup_site` makes it: home, section indexes, groups."""
    from registry.core.site_setup import ensure_site

    return ensure_site()
