"""A real Celery worker in a child process, for integration tests.

The worker runs `celery -A registry worker` against Redis (REDIS_URL) and the
test database of this session (PostgreSQL: the worker is another process, so
an in-memory SQLite database cannot be shared). Tests that use it need
`transactional_db` so that what they write is committed and visible to the
worker. `kill()` stops it with SIGKILL, as a crashed machine would.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from registry.celery import app


def test_database_url() -> str:
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"


def forget_connections(celery_app) -> None:
    """Close the app's cached broker pools and result backend, so the next use reads its conf."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app.__dict__.pop("control", None)
    celery_app._backend_cache = None
    if hasattr(celery_app._local, "backend"):
        del celery_app._local.backend


_started: list["WorkerProcess"] = []


def stop_all() -> None:
    """Stop every worker this session started (pytest_sessionfinish: none may outlive the run)."""
    while _started:
        _started.pop().stop()


class WorkerProcess:
    def __init__(self, *, broker_url: str, queue: str, concurrency: int = 2, extra_env=None):
        self.broker_url = broker_url
        self.queue = queue
        self.concurrency = concurrency
        self.extra_env = extra_env or {}
        self.name = f"test-{uuid.uuid4().hex[:8]}@%h"
        self.process = None
        self.log_path = Path(settings.BASE_DIR) / "var" / "test-logs" / f"celery-{self.queue}.log"

    def start(self, timeout: float = 60) -> "WorkerProcess":
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            **self.extra_env,
            "DJANGO_SETTINGS_MODULE": "registry.settings.test",
            "DATABASE_URL": test_database_url(),
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_RESULT_BACKEND": self.broker_url,
        }
        _started.append(self)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "registry",
                "worker",
                "--pool=prefork",
                f"--concurrency={self.concurrency}",
                "-Q",
                self.queue,
                "-n",
                self.name,
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                f"--logfile={self.log_path}",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited:\n{self.log()}")
            if app.control.ping(
                destination=[self.name.replace("%h", os.uname().nodename)], timeout=0.5
            ):
                return self
        self.stop()
        raise RuntimeError(f"the Celery worker did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the worker and its pool children: work in flight is lost mid-run."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
