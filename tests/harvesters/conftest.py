"""Fixtures for the harvest core: payload files, loopback servers, a canary, a socket guard.

Every server here listens on 127.0.0.1 or 127.0.0.2; no test sends a packet
outside loopback.
"""

from __future__ import annotations

import select
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from harvesters.fetch import AddressPolicy, FetchLimits, parse_networks, safe_session
from harvesters.parsers import Horizon

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "harvest"
REAL_PAYLOADS = ROOT.parent / "shared" / "real-payloads"


def fixture_bytes(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


def real_payload(relative: str) -> bytes:
    """A real partner payload from ../shared/real-payloads; skip when it is not there."""
    path = REAL_PAYLOADS / relative
    if not path.exists():
        pytest.skip(f"real partner payload {relative} not available ({REAL_PAYLOADS} is absent)")
    return path.read_bytes()


def horizon(start: str, end: str) -> Horizon:
    return Horizon(
        start=datetime.fromisoformat(start).replace(tzinfo=UTC),
        end=datetime.fromisoformat(end).replace(tzinfo=UTC),
    )


@pytest.fixture
def server():
    """An HTTP server on 127.0.0.1 (threaded: a slow handler does not block the others)."""
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.clear()
    httpserver.stop()


class Canary:
    """A TCP listener on 127.0.0.2 that never accepts: any connect attempt shows up in its backlog.

    This catches a bare TCP connection too, not only an HTTP request.
    """

    def __init__(self, host: str = "127.0.0.2"):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen(8)
        self.host, self.port = self.sock.getsockname()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def was_contacted(self) -> bool:
        readable, _, _ = select.select([self.sock], [], [], 0.2)
        return bool(readable)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def canary():
    listener = Canary()
    yield listener
    listener.close()


@pytest.fixture
def only_127_0_0_1(settings):
    """The setting under test: only 127.0.0.1/32 is allowed besides public addresses."""
    settings.HARVEST_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    return settings


@pytest.fixture
def limits():
    """Short timeouts and backoff so failure paths take milliseconds, not minutes."""
    return FetchLimits(
        connect_timeout=2.0,
        read_timeout=1.0,
        total_timeout=5.0,
        max_bytes=1024 * 1024,
        max_redirects=3,
        attempts=3,
        backoff=0.01,
        max_backoff=0.05,
    )


def session_with(resolver, allowed=("127.0.0.1/32",), limits=None):
    """A safe session whose DNS answers come from `resolver` (no real DNS in tests)."""
    policy = AddressPolicy(allowed_networks=parse_networks(list(allowed)), resolver=resolver)
    return safe_session(policy=policy, limits=limits or FetchLimits())


@pytest.fixture
def no_sockets(monkeypatch):
    """Fail the test if anything tries to open a socket or resolve a name for real."""
    attempts: list[tuple] = []

    def forbidden(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"a socket was opened or a name resolved: {args!r}")

    monkeypatch.setattr(socket, "socket", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    return attempts


# --- the harvest engine (tests/harvesters/test_engine_*.py) -----------------------


@pytest.fixture
def esrf(home):
    from tests.events.factories import FacilityFactory

    return FacilityFactory(
        acronym="ESRF", slug="esrf", title="European Synchrotron Radiation Facility"
    )


@pytest.fixture
def loopback_only(settings):
    settings.HARVEST_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    return settings


@pytest.fixture
def make_source(esrf, loopback_only):
    """A harvest source of ESRF, approved and trusted unless said otherwise."""
    from harvesters.models import HarvestSource

    def make(kind, url, target="events", **values):
        values = {"approved": True, "trusted": True, "facility": esrf, **values}
        return HarvestSource.objects.create(
            name=f"ESRF {kind} {target}", kind=kind, url=url, target=target, **values
        )

    return make


def run_clock(text: str = "2026-10-20T12:00:00"):
    """The run's clock: fixes the window in which recurring series are expanded."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def worker(monkeypatch, settings, request):
    """A real Celery worker that may reach 127.0.0.1 (only) and does not pause between calls."""
    monkeypatch.setenv("HARVEST_ALLOWED_NETWORKS", "127.0.0.1/32")
    monkeypatch.setenv("REPOSITORY_SECONDS_BETWEEN_REQUESTS", "0")
    settings.HARVEST_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    return request.getfixturevalue("celery_worker")


def wait_for(condition, timeout=120.0) -> bool:
    """Poll `condition` until it holds (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
