"""Reading a GitHub repository through PyGithub, conditionally, resource by resource.

PyGithub's `Github` client (made by `harvesters.fetch.safe_github`, so every
connection passes the safe fetcher's address check, size cap and
User-Agent) sends the requests; we use its Requester rather than its object
API because only the Requester lets us send If-None-Match on every resource
and read the status and headers of each answer (304s and rate-limit headers
are the point). Its own retry policy is replaced: PyGithub would otherwise
sleep until a rate-limit reset (up to an hour) inside a worker.

Resources per repository (all conditional; 304s do not count against an
authenticated client's rate limit):

1. ``/repos/{o}/{r}`` — stars, forks, open issues + pull requests, licence,
   archived, default branch;
2. ``/repos/{o}/{r}/pulls?state=open&per_page=1`` — open pull requests (the
   Link header's last page), subtracted from (1) to give open issues;
3. ``/repos/{o}/{r}/releases?per_page=10`` — the newest release that is not a
   draft or pre-release (an empty list when there is none: still a 304 later);
4. ``/repos/{o}/{r}/branches/{default}`` — last commit date on the default branch;
5. ``/repos/{o}/{r}/languages`` — bytes per language;
6. ``/repos/{o}/{r}/contributors?per_page=1`` — contributors (Link's last page);
7. ``/repos/{o}/{r}/commits/{default}/status`` and ``.../check-runs`` — CI;
8. ``/repos/{o}/{r}/git/trees/{default}`` — is there a CITATION.cff or
   codemeta.json at the root? Their blobs are fetched only when their id changed.
"""

from __future__ import annotations

from urllib.parse import quote

import requests
from django.conf import settings
from github import Auth
from urllib3.util.retry import Retry

from harvesters.fetch import AddressRefused, FetchLimits, ResponseTooLarge, safe_github

from . import github_mapping as gh
from .base import HostReader, RawAnswer
from .reading import HostUnavailable, MalformedAnswer, Reading, Stored, lower_headers
from .references import RepositoryRef
from .values import parse_json

NO_BRANCH = {"last_commit_at": None, "head_sha": ""}
NO_TREE = {"files": {}}


class GitHubReader(HostReader):
    kind = "github"
    label = "GitHub"
    calls_per_repository = 10

    def __init__(self, host, *, budget):
        super().__init__(host, budget=budget)
        limits = FetchLimits.from_settings()
        token = host.token()
        self.client = safe_github(
            base_url=host.effective_api_url,
            auth=Auth.Token(token) if token else None,
            timeout=int(limits.read_timeout),
            # Transient failures only; rate limits are rescheduled, never slept through.
            retry=Retry(
                total=max(0, limits.attempts - 1),
                connect=max(0, limits.attempts - 1),
                read=max(0, limits.attempts - 1),
                status_forcelist=(500, 502, 503, 504),
                allowed_methods=("GET",),
                backoff_factor=limits.backoff,
                backoff_max=limits.max_backoff,
                respect_retry_after_header=False,
                raise_on_status=False,
            ),
            seconds_between_requests=settings.REPOSITORY_SECONDS_BETWEEN_REQUESTS,
        )
        self.requester = self.client.requester

    def _send(self, path: str, params: dict, headers: dict) -> RawAnswer:
        try:
            status, answer_headers, body = self.requester.requestJson(
                "GET", path, parameters=params or None, headers=dict(headers)
            )
        except AddressRefused as error:
            raise HostUnavailable(f"{self.host.name}: refused address ({error}).") from None
        except ResponseTooLarge as error:
            raise MalformedAnswer(f"{path}: {error}") from None
        except requests.Timeout:
            raise HostUnavailable(f"{self.host.name} did not answer in time.") from None
        except (requests.RequestException, RuntimeError) as error:
            # RuntimeError: PyGithub refusing a redirect to another host or scheme.
            raise HostUnavailable(f"{self.host.name}: {error}") from None
        return RawAnswer(status, lower_headers(answer_headers), body)

    def read(self, ref: RepositoryRef, stored: dict[str, Stored]) -> Reading:
        reading = Reading(notes=list(self.notes))
        base = f"/repos/{ref.path}"

        def json_of(mapper):
            return lambda raw: mapper(parse_json(raw.body, what=raw_what(mapper)))

        def counted(mapper):
            return lambda raw: mapper(
                raw.status, raw.headers, parse_json(raw.body, what="list") if raw.body else []
            )

        repo = self.resource(
            reading,
            stored,
            "repository",
            base,
            mapper=json_of(gh.repository),
            not_found=f"GitHub has no public repository {ref.path} (renamed, deleted or private?).",
        )
        self.resource(
            reading,
            stored,
            "pulls",
            f"{base}/pulls",
            params={"state": "open", "per_page": 1},
            mapper=counted(gh.open_pulls),
        )
        self.resource(
            reading,
            stored,
            "release",
            f"{base}/releases",
            params={"per_page": 10},
            mapper=json_of(gh.releases),
        )
        branch = repo.data.get("default_branch") or ""
        if not branch:  # an empty repository has no branch, commits, languages or files
            return reading
        ref_part = quote(branch, safe="")
        self.resource(
            reading,
            stored,
            "branch",
            f"{base}/branches/{ref_part}",
            mapper=json_of(gh.branch),
            absent={404: NO_BRANCH},
        )
        self.resource(
            reading, stored, "languages", f"{base}/languages", mapper=json_of(gh.languages)
        )
        self.resource(
            reading,
            stored,
            "contributors",
            f"{base}/contributors",
            params={"per_page": 1},
            mapper=counted(gh.contributors),
            # GitHub refuses to count contributors of very large histories: unknown, not 0.
            absent={403: {"contributors": None}},
        )
        self.resource(
            reading,
            stored,
            "ci-statuses",
            f"{base}/commits/{ref_part}/status",
            mapper=json_of(gh.combined_status),
            absent={404: {}, 422: {}},
        )
        self.resource(
            reading,
            stored,
            "ci-checks",
            f"{base}/commits/{ref_part}/check-runs",
            params={"per_page": 100},
            mapper=json_of(gh.check_runs),
            absent={403: {}, 404: {}, 422: {}},
        )
        tree = self.resource(
            reading,
            stored,
            "tree",
            f"{base}/git/trees/{ref_part}",
            mapper=json_of(gh.tree),
            absent={404: NO_TREE, 409: NO_TREE},
        )
        self.citation_files(reading, stored, tree, self._blob_fetcher(base))
        return reading

    def _blob_fetcher(self, base: str):
        def fetch(reading: Reading, sha: str, blob: dict) -> bytes:
            raw = self.request(reading, f"{base}/git/blobs/{sha}")
            if raw.status != 200:
                raise HostUnavailable(f"GitHub answered HTTP {raw.status} for blob {sha}.")
            return gh.blob(parse_json(raw.body, what="blob"), what=f"blob {sha}")

        return fetch

    def figures(self, ref: RepositoryRef, reading: Reading) -> dict:
        repo = reading.data("repository")
        pulls = reading.data("pulls").get("open_pulls")
        issues_and_pulls = repo.get("open_issues_and_pulls")
        if repo.get("has_issues") is False or issues_and_pulls is None or pulls is None:
            open_issues = None  # issues switched off (or not said): no figure, not 0
        else:
            open_issues = max(0, issues_and_pulls - pulls)
        branch = reading.data("branch")
        tree = reading.answers.get("tree")
        html_url = repo.get("html_url") or ref.web_url
        return {
            "host": ref.host,
            "full_name": repo.get("full_name") or ref.path,
            "default_branch": repo.get("default_branch") or "",
            "stars": repo.get("stars"),
            "forks": repo.get("forks"),
            "open_issues": open_issues,
            "licence": repo.get("licence") or "",
            "archived": bool(repo.get("archived")),
            **{key: reading.data("release").get(key) for key in gh.NO_RELEASE},
            "last_commit_at": branch.get("last_commit_at"),
            "contributors": reading.data("contributors").get("contributors"),
            "languages": reading.data("languages").get("languages") or [],
            **gh.ci_figures(
                reading.data("ci-statuses"),
                reading.data("ci-checks"),
                html_url=html_url,
                branch=repo.get("default_branch") or "",
                sha=branch.get("head_sha") or "",
            ),
            "has_citation_file": bool(tree.data.get("files")) if tree is not None else None,
        }


def raw_what(mapper) -> str:
    return mapper.__name__.replace("_", " ")
