"""Loopback GitHub and GitLab APIs for the repository harvester's tests.

`ReplayAPI` serves the exchanges recorded in fixtures/github and
fixtures/gitlab (see their READMEs) from a pytest-httpserver on 127.0.0.1,
answering as the hosts do: a request whose If-None-Match carries the
recorded ETag gets 304 with no body; GitHub-style X-RateLimit-* headers
count down on every answer that is not a 304 (authenticated GitHub does not
count 304s). Tests inject refusals with `override(path, ...)`. Every request
is kept in `requests` so a test can check what was asked and how.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from werkzeug import Request, Response

from harvesters.repositories.hosts import set_repository_host
from harvesters.repositories.models import RepositoryHost
from harvesters.repositories.replay import Recording

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
REAL_PAYLOADS = ROOT.parent / "shared" / "real-payloads"


@dataclass
class Seen:
    path: str
    query: dict
    headers: dict
    raw_uri: str
    status: int


@dataclass
class ReplayAPI:
    """A recorded API on one pytest-httpserver; `prefix` is the API's path (GitLab: /api/v4)."""

    server: object
    rate_limit: int = 5000
    remaining: int = 4999
    reset_at: int = field(default_factory=lambda: int(time.time()) + 3600)
    rate_headers: str = "github"  # "github" (X-RateLimit-*), "gitlab" (RateLimit-*) or ""
    recording: Recording = field(default_factory=Recording)
    overrides: list = field(default_factory=list)
    requests: list[Seen] = field(default_factory=list)

    def __post_init__(self):
        self.server.expect_request(re.compile(r"^/.*")).respond_with_handler(self._handle)

    @property
    def exchanges(self) -> dict:
        return self.recording.exchanges

    @property
    def url(self) -> str:
        return self.server.url_for("/").rstrip("/")

    def load(self, folder: Path | str) -> ReplayAPI:
        """Serve the exchanges recorded in fixtures/<folder>/exchanges.yaml."""
        self.recording.load(FIXTURES / folder)
        return self

    def override(self, path: str, *, status=200, body=b"", headers=None, query=None, times=None):
        """Answer `path` (any query, unless given) this way instead, `times` times (None: always)."""
        if isinstance(body, dict | list):
            body = json.dumps(body).encode()
        self.overrides.append(
            {
                "path": path,
                "query": query,
                "status": status,
                "body": body,
                "headers": headers or {},
                "times": times,
            }  # fmt: skip
        )

    def replace_body(self, path: str, body: bytes | dict, *, etag: str, query=None):
        """Make the recorded resource change: a new body under a new ETag."""
        exchange = self.recording.exchanges[Recording.key(path, query or {})]
        exchange.body = json.dumps(body).encode() if isinstance(body, dict | list) else body
        exchange.headers["ETag"] = etag

    def _rate_headers(self) -> dict:
        if self.rate_headers == "github":
            return {
                "X-RateLimit-Limit": str(self.rate_limit),
                "X-RateLimit-Remaining": str(max(0, self.remaining)),
                "X-RateLimit-Reset": str(self.reset_at),
                "X-RateLimit-Used": str(self.rate_limit - max(0, self.remaining)),
            }
        if self.rate_headers == "gitlab":
            return {
                "RateLimit-Limit": str(self.rate_limit),
                "RateLimit-Remaining": str(max(0, self.remaining)),
                "RateLimit-Reset": str(self.reset_at),
            }
        return {}

    def _handle(self, request: Request) -> Response:
        query = {k: v for k, v in request.args.items()}
        status, headers, body = self._answer(request, query)
        if status != 304:
            self.remaining -= 1
        headers = {**self._rate_headers(), **headers}  # an override's own headers win
        self.requests.append(
            Seen(
                request.path,
                query,
                dict(request.headers),
                request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI", ""),
                status,
            )
        )
        return Response(body, status=status, headers=headers)

    def _answer(self, request, query):
        for override in self.overrides:
            if override["path"] != request.path or override["times"] == 0:
                continue
            if override["query"] is not None and override["query"] != query:
                continue
            if override["times"] is not None:
                override["times"] -= 1
            headers = {"Content-Type": "application/json; charset=utf-8", **override["headers"]}
            return override["status"], headers, override["body"]
        return self.recording.answer(request.path, query, request.headers.get("If-None-Match"))

    # -- what tests check -------------------------------------------------
    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    def statuses(self) -> list[int]:
        return [seen.status for seen in self.requests]

    def forget(self) -> None:
        self.requests.clear()


def register_github(api: ReplayAPI, settings, *, token_env: str = "") -> RepositoryHost:
    """github.com (seeded by the migration) pointed at the replay API through GITHUB_API_URL."""
    settings.GITHUB_API_URL = api.url
    return set_repository_host(name="github.com", kind="github", token_env=token_env).host


def real_payload(relative: str):
    path = REAL_PAYLOADS / relative
    if not path.exists():
        pytest.skip(f"real payload {relative} not available ({REAL_PAYLOADS} is absent)")
    return json.loads(path.read_text())


def register_gitlab(api: ReplayAPI, name: str = "gitlab.esrf.fr") -> RepositoryHost:
    return set_repository_host(name=name, kind="gitlab", api_url=f"{api.url}/api/v4").host


# -- fixtures (imported by the test_repositories_* modules) ----------------
@pytest.fixture(name="harvest_settings")
def harvest_settings_fixture(settings):
    """Loopback allowed (127.0.0.1 only), no pause between calls, quick retries."""
    settings.HARVEST_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.REPOSITORY_SECONDS_BETWEEN_REQUESTS = 0
    settings.HARVEST_BACKOFF_SECONDS = 0.01
    settings.HARVEST_MAX_BACKOFF_SECONDS = 0.05
    settings.HARVEST_READ_TIMEOUT = 5
    return settings


@pytest.fixture(name="github_api")
def github_api_fixture(server, harvest_settings, home):
    """The recorded GitHub repositories on loopback, as github.com's API (GITHUB_API_URL)."""
    api = ReplayAPI(server)
    for folder in ("silx-kit/silx", "silx-kit/pyFAI", "example-facility/old-beamline-gui"):
        api.load(Path("github") / folder)
    register_github(api, harvest_settings)
    return api


@pytest.fixture(name="gitlab_server")
def gitlab_server_fixture():
    from pytest_httpserver import HTTPServer

    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.clear()
    httpserver.stop()


@pytest.fixture(name="gitlab_api")
def gitlab_api_fixture(gitlab_server, harvest_settings, home):
    """gitlab.esrf.fr's recorded ewoks project (with subgroups), not yet registered as a host."""
    api = ReplayAPI(gitlab_server, rate_headers="")
    api.load("gitlab/gitlab.esrf.fr/workflow/ewoks/ewoks")
    return api


@pytest.fixture(name="_no_leftover_locks", autouse=True)
def no_leftover_locks_fixture():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_entry(title: str, repository_url: str, **fields):
    """A published software entry (with a revision, as an editor leaves it)."""
    from tests.software.factories import SoftwareEntryFactory, publish

    return publish(SoftwareEntryFactory(title=title, repository_url=repository_url, **fields))
