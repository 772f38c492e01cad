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


def open_page(page, url: str):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, (
        f"{url} answered {response and response.status}"
    )
    return response


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
    """`manage.py load_demo` on a database of its own, served by runserver in a child process."""

    url: str
    process: subprocess.Popen
    database_url: str
    cleanup: callable

    @classmethod
    def start(cls) -> "DemoSite":
        database_url, cleanup = _fresh_database()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "registry.settings.test",
            "PAGE_CACHE_SECONDS": "0",
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        for command in (["migrate", "--noinput"], ["load_demo"]):
            done = subprocess.run(manage + command, env=env, capture_output=True, text=True)
            if done.returncode:
                cleanup()
                raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
        port = _free_port()
        process = subprocess.Popen(
            manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, process)
        return cls(url=url, process=process, database_url=database_url, cleanup=cleanup)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.cleanup()


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the demo server exited: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the demo server did not answer on {url} within {timeout} s")


def _fresh_database():
    """A new empty database of the same kind as the test database: (DATABASE_URL, cleanup)."""
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        name = f"{params['NAME']}_demo_site"
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
