"""What the browser tests share: where Chromium and axe-core are, the demo server, page checks."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

CHROMIUM_PATH = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
)
AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


SERVER_LOGS = Path(settings.BASE_DIR) / "var" / "test-logs"


def open_page(page, url: str):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, (
        f"{url} answered {response and response.status}\n{_server_logs_tail()}"
    )
    return response


def _server_logs_tail(lines: int = 40) -> str:
    """The end of each test server's log, so that a failed page shows the server's traceback."""
    tails = []
    for log in sorted(SERVER_LOGS.glob("*.log")):
        text = log.read_text(errors="replace").splitlines()[-lines:]
        tails.append(f"--- {log.name} ---\n" + "\n".join(text))
    return "\n".join(tails)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


def axe_violations(page, impacts=SERIOUS) -> list[str]:
    """axe-core's violations of the given impacts, one readable line each."""
    page.add_script_tag(path=str(AXE_PATH))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']}: {v['id']} — {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class DemoSite:
    """A fresh database of its own, arranged by manage.py commands, served by runserver.

    `label` names the database and the log: each server a session starts has
    its own, so that starting (or stopping) one never touches another's data.
    """

    url: str
    process: subprocess.Popen
    database_url: str
    cleanup: callable
    log_path: Path

    @classmethod
    def start(cls, arrange=(["load_demo"],), label: str = "demo_site") -> "DemoSite":
        database_url, cleanup = _fresh_database(label)
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "registry.settings.test",
            "PAGE_CACHE_SECONDS": "0",
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        for command in (["migrate", "--noinput"], *arrange):
            done = subprocess.run(
                manage + list(command),
                env=env,
                cwd=settings.BASE_DIR,
                capture_output=True,
                text=True,
            )
            if done.returncode:
                cleanup()
                raise RuntimeError(f"{command[0]} failed:\n{done.stdout}\n{done.stderr}")
        port = _free_port()
        # The server's log goes to a file: a pipe nobody reads would fill up and
        # stall the server once enough requests were logged.
        log_path = SERVER_LOGS / f"{label}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("w") as log:
            process = subprocess.Popen(
                manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url, process, log_path)
        except RuntimeError:
            cleanup()
            raise
        return cls(url, process, database_url, cleanup, log_path)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.cleanup()


def _wait_until_up(url: str, process: subprocess.Popen, log_path: Path, timeout=60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the demo server did not answer on {url} within {timeout} s")


def _fresh_database(label: str):
    """A new empty database of the same kind as the test database: (DATABASE_URL, cleanup)."""
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        name = f"{params['NAME']}_{label}"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        user = params.get("USER") or "postgres"
        host = params.get("HOST") or "127.0.0.1"
        port = params.get("PORT") or 5432
        password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""

        def cleanup():
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return f"postgres://{user}{password}@{host}:{port}/{name}", cleanup
    folder = tempfile.mkdtemp(prefix="pan-demo-site-")

    def cleanup():
        shutil.rmtree(folder, ignore_errors=True)

    return f"sqlite:///{folder}/demo.sqlite3", cleanup
