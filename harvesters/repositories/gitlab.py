"""Reading a GitLab project (gitlab.com or a facility's own instance) through python-gitlab.

The client comes from `harvesters.fetch.safe_gitlab`, so each request goes
through the safe session (address check after DNS resolution and on every
redirect, size cap, User-Agent). Requests go through python-gitlab's
``http_request`` with ``obey_rate_limit=False``: python-gitlab would
otherwise sleep through a 429 for as long as Retry-After says, inside a
worker. python-gitlab raises on any status outside 2xx and drops the
headers, so a response hook on its session keeps the last answer's status
and headers (the 304s and the RateLimit-* headers are what we need).

Resources per project (project path URL-encoded, subgroups included):
``/projects/:id?license=true``, ``/releases?per_page=1`` (newest first),
``/repository/branches/:default``, ``/languages``,
``/repository/contributors?per_page=1`` (X-Total),
``/pipelines?ref=:default&per_page=1`` (latest pipeline), and
``/repository/tree?ref=:default`` for the citation files, whose blobs are
fetched only when their id changed. GitLab answers If-None-Match with 304
when nothing changed (it still counts the call against its rate limit).
"""

from __future__ import annotations

import threading
from urllib.parse import quote

import gitlab
import requests
from gitlab.utils import EncodedId

from harvesters.fetch import AddressRefused, FetchLimits, ResponseTooLarge, safe_gitlab

from . import gitlab_mapping as gl
from .base import HostReader, RawAnswer
from .reading import HostUnavailable, MalformedAnswer, Reading, Stored, lower_headers
from .references import RepositoryRef
from .values import parse_json

API_SUFFIX = "/api/v4"
MAX_TREE_PAGES = 5


class GitLabReader(HostReader):
    kind = "gitlab"
    label = "GitLab"
    calls_per_repository = 8

    def __init__(self, host, *, budget):
        super().__init__(host, budget=budget)
        limits = FetchLimits.from_settings()
        self.attempts = limits.attempts
        api = host.effective_api_url
        if not api:
            raise HostUnavailable(f"{host.name} has no API URL: run manage.py set_repository_host.")
        token = host.token()
        self.client = safe_gitlab(
            api.removesuffix(API_SUFFIX),
            private_token=token or None,
            timeout=limits.read_timeout,
            retry_transient_errors=True,
        )
        self._last = threading.local()
        self.client.session.hooks["response"].append(self._keep_answer)

    def _keep_answer(self, response, *args, **kwargs):
        self._last.response = response

    def _send(self, path: str, params: dict, headers: dict) -> RawAnswer:
        self._last.response = None
        try:
            response = self.client.http_request(
                "get",
                path,
                query_data=params,
                obey_rate_limit=False,
                max_retries=max(0, self.attempts - 1),
                extra_headers=headers,
            )
            return RawAnswer(
                response.status_code, lower_headers(response.headers), response.content
            )
        except gitlab.GitlabHttpError:
            response = self._last.response
            if response is None:
                raise HostUnavailable(f"{self.host.name}: no answer recorded.") from None
            return RawAnswer(
                response.status_code, lower_headers(response.headers), response.content
            )
        except AddressRefused as error:
            raise HostUnavailable(f"{self.host.name}: refused address ({error}).") from None
        except ResponseTooLarge as error:
            raise MalformedAnswer(f"{path}: {error}") from None
        except requests.Timeout:
            raise HostUnavailable(f"{self.host.name} did not answer in time.") from None
        except (requests.RequestException, gitlab.GitlabError) as error:
            raise HostUnavailable(f"{self.host.name}: {error}") from None

    def read(self, ref: RepositoryRef, stored: dict[str, Stored]) -> Reading:
        reading = Reading(notes=list(self.notes))
        base = f"/projects/{EncodedId(ref.path)}"

        def json_of(mapper):
            return lambda raw: mapper(parse_json(raw.body, what=mapper.__name__))

        project = self.resource(
            reading,
            stored,
            "repository",
            base,
            params={"license": "true"},
            mapper=json_of(gl.project),
            not_found=f"{ref.host} has no public project {ref.path} (moved, deleted or private?).",
        )
        self.resource(
            reading,
            stored,
            "release",
            f"{base}/releases",
            params={"per_page": 1, "order_by": "released_at", "sort": "desc"},
            mapper=json_of(gl.releases),
            absent={403: dict(gl.NO_RELEASE)},  # releases hidden from anonymous users
        )
        branch = project.data.get("default_branch") or ""
        if not branch:  # an empty project
            return reading
        self.resource(
            reading,
            stored,
            "branch",
            f"{base}/repository/branches/{quote(branch, safe='')}",
            mapper=json_of(gl.branch),
            absent={404: {"last_commit_at": None, "head_sha": ""}},
        )
        self.resource(
            reading, stored, "languages", f"{base}/languages", mapper=json_of(gl.languages)
        )
        self.resource(
            reading,
            stored,
            "contributors",
            f"{base}/repository/contributors",
            params={"per_page": 1},
            mapper=lambda raw: gl.contributors(
                raw.headers, parse_json(raw.body, what="contributors")
            ),
            absent={403: {"contributors": None}},
        )
        self.resource(
            reading,
            stored,
            "ci-pipeline",
            f"{base}/pipelines",
            params={"ref": branch, "per_page": 1},
            mapper=lambda raw: gl.pipeline(parse_json(raw.body, what="pipelines"), branch=branch),
            # Pipelines private to members, or CI switched off: no CI figure, not a failure.
            absent={403: {}, 404: {}},
        )
        tree = self.resource(
            reading,
            stored,
            "tree",
            f"{base}/repository/tree",
            params={"ref": branch, "per_page": 100},
            mapper=lambda raw: self._tree(reading, base, branch, raw),
            absent={404: {"files": {}}},
        )
        self.citation_files(reading, stored, tree, self._blob_fetcher(base))
        return reading

    def _tree(self, reading: Reading, base: str, branch: str, first: RawAnswer) -> dict:
        files = gl.tree(parse_json(first.body, what="repository tree"))
        raw, pages = first, 1
        # Roots with more than 100 entries are paged; the citation files may be further on.
        while raw.headers.get("x-next-page", "").strip().isdigit() and pages < MAX_TREE_PAGES:
            raw = self.request(
                reading,
                f"{base}/repository/tree",
                {"ref": branch, "per_page": 100, "page": int(raw.headers["x-next-page"])},
            )
            if raw.status != 200:
                raise HostUnavailable(f"GitLab answered HTTP {raw.status} for a tree page.")
            files.update(gl.tree(parse_json(raw.body, what="repository tree")))
            pages += 1
        return {"files": files}

    def _blob_fetcher(self, base: str):
        def fetch(reading: Reading, sha: str, blob: dict) -> bytes:
            raw = self.request(reading, f"{base}/repository/blobs/{sha}/raw")
            if raw.status != 200:
                raise HostUnavailable(f"GitLab answered HTTP {raw.status} for blob {sha}.")
            return raw.body if isinstance(raw.body, bytes) else raw.body.encode()

        return fetch

    def figures(self, ref: RepositoryRef, reading: Reading) -> dict:
        project = reading.data("repository")
        tree = reading.answers.get("tree")
        ci = reading.data("ci-pipeline")
        return {
            "host": ref.host,
            "full_name": project.get("full_name") or ref.path,
            "default_branch": project.get("default_branch") or "",
            "stars": project.get("stars"),
            "forks": project.get("forks"),
            "open_issues": project.get("open_issues"),
            "licence": project.get("licence") or "",
            "archived": bool(project.get("archived")),
            **{key: reading.data("release").get(key) for key in gl.NO_RELEASE},
            "last_commit_at": reading.data("branch").get("last_commit_at"),
            "contributors": reading.data("contributors").get("contributors"),
            "languages": reading.data("languages").get("languages") or [],
            "ci_status": ci.get("ci_status", ""),
            "ci_status_source": ci.get("ci_status_source", ""),
            "ci_url": ci.get("ci_url", ""),
            "has_citation_file": bool(tree.data.get("files")) if tree is not None else None,
        }
