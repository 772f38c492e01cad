"""GitHub REST answers → badge figures. Pure functions: JSON in, plain dicts out.

Each function maps one API resource; the reader calls them, `figures.py`
combines their results. Dates are kept as ISO 8601 text in UTC so the dicts
can be stored as they are (RepositoryResource.data).
"""

from __future__ import annotations

import base64
import binascii
import re

from django.core.exceptions import ValidationError
from requests.utils import parse_header_links

from registry.vocabularies.licences import normalise_spdx

from . import values
from .reading import MalformedAnswer

CITATION_FILES = ("CITATION.cff", "codemeta.json")
NO_RELEASE = {"latest_release": "", "latest_release_at": None, "latest_release_url": ""}
_PAGE = re.compile(r"[?&]page=(\d+)")

# Check-run conclusions (docs.github.com, "REST API endpoints for check runs").
_CHECK_FAILING = {"failure", "timed_out", "startup_failure"}
_CHECK_PASSING = {"success"}
# cancelled, skipped, neutral and stale say nothing about the code: not counted either way.
_CHECK_WAITING = {"action_required"}


def spdx_from_host(key: str) -> str:
    """A host's licence id as SPDX (GitHub's "LGPL-3.0" → "LGPL-3.0-only"), or "" if not one."""
    if not key or key.upper() in ("NOASSERTION", "OTHER"):
        return ""
    try:
        return normalise_spdx(key)
    except ValidationError:
        return ""


def repository(data) -> dict:
    what = "repository"
    data = values.expect_object(data, what=what)
    licence = data.get("license")
    if licence is not None:
        licence = values.expect_object(licence, what="repository licence")
    return {
        "full_name": values.text(data, "full_name", what=what, max_length=255),
        "default_branch": values.text(data, "default_branch", what=what, max_length=255),
        "stars": values.count(data, "stargazers_count", what=what),
        "forks": values.count(data, "forks_count", what=what),
        # GitHub counts open pull requests as issues here; `open_pulls` is subtracted.
        "open_issues_and_pulls": values.count(data, "open_issues_count", what=what),
        "has_issues": values.flag(data, "has_issues", what=what),
        "licence": spdx_from_host(values.text(licence, "spdx_id", what=what)) if licence else "",
        "archived": bool(values.flag(data, "archived", what=what)),
        "html_url": values.web_url(data, "html_url", what=what),
    }


def last_page(headers: dict, *, what: str) -> int | None:
    """The page number of rel="last" in a Link header (with per_page=1: the item count)."""
    link = headers.get("link", "")
    if not link:
        return None
    for item in parse_header_links(link):
        if item.get("rel") == "last":
            match = _PAGE.search(item.get("url", ""))
            if not match:
                raise MalformedAnswer(f"{what}: the Link header has no page number: {link!r}.")
            return int(match.group(1))
    return None


def listed_count(status: int, headers: dict, data, *, what: str) -> int:
    """How many items a list has, asked with per_page=1: from Link's last page, else the page."""
    if status == 204:  # GitHub's answer for an empty repository
        return 0
    items = values.expect_list(data, what=what)
    pages = last_page(headers, what=what)
    return pages if pages is not None else len(items)


def open_pulls(status: int, headers: dict, data) -> dict:
    return {"open_pulls": listed_count(status, headers, data, what="open pull requests")}


def contributors(status: int, headers: dict, data) -> dict:
    return {"contributors": listed_count(status, headers, data, what="contributors")}


def release(data) -> dict:
    what = "latest release"
    data = values.expect_object(data, what=what)
    name = values.text(data, "tag_name", what=what, max_length=120) or values.text(
        data, "name", what=what, max_length=120
    )
    if not name:
        raise MalformedAnswer(f"{what}: neither tag_name nor name.")
    return {
        "latest_release": name,
        "latest_release_at": values.timestamp(data, "published_at", what=what)
        or values.timestamp(data, "created_at", what=what),
        "latest_release_url": values.web_url(data, "html_url", what=what),
    }


def releases(data) -> dict:
    """The latest release from the newest-first list: the first that is neither draft nor pre-release.

    The list, unlike /releases/latest, answers a repository without releases
    with an empty list and an ETag, so it costs a 304 (not a counted 404)
    on every later run.
    """
    what = "releases"
    for item in values.expect_list(data, what=what):
        item = values.expect_object(item, what=what)
        if not values.flag(item, "draft", what=what) and not values.flag(
            item, "prerelease", what=what
        ):
            return release(item)
    return dict(NO_RELEASE)


def branch(data) -> dict:
    what = "default branch"
    data = values.expect_object(data, what=what)
    commit = values.expect_object(data.get("commit"), what=f"{what} commit")
    details = values.expect_object(commit.get("commit") or {}, what=f"{what} commit details")
    committer = values.expect_object(details.get("committer") or {}, what=f"{what} committer")
    return {
        "last_commit_at": values.timestamp(committer, "date", what=what),
        "head_sha": values.text(commit, "sha", what=what, max_length=64),
    }


def languages(data) -> dict:
    return {"languages": values.primary_languages(data, what="languages")}


def combined_status(data) -> dict:
    """The combined commit status of the branch head (statuses posted by external CI)."""
    what = "combined status"
    data = values.expect_object(data, what=what)
    statuses = values.expect_list(data.get("statuses") or [], what=f"{what} statuses")
    contexts = sorted(
        {
            values.text(values.expect_object(s, what=what), "context", what=what, max_length=60)
            for s in statuses
        }
        - {""}
    )
    return {
        "state": values.text(data, "state", what=what, max_length=20),
        "count": values.count(data, "total_count", what=what) or len(statuses),
        "contexts": contexts,
    }


def check_runs(data) -> dict:
    """The check runs of the branch head (GitHub Actions and other GitHub Apps)."""
    what = "check runs"
    data = values.expect_object(data, what=what)
    runs = values.expect_list(data.get("check_runs") or [], what=what)
    conclusions: dict[str, int] = {}
    in_progress = 0
    apps = set()
    for run in runs:
        run = values.expect_object(run, what=what)
        if values.text(run, "status", what=what, max_length=20) != "completed":
            in_progress += 1
        else:
            conclusion = values.text(run, "conclusion", what=what, max_length=20)
            conclusions[conclusion] = conclusions.get(conclusion, 0) + 1
        app = run.get("app")
        if isinstance(app, dict) and isinstance(app.get("name"), str):
            apps.add(app["name"].strip()[:60])
    return {
        "count": values.count(data, "total_count", what=what) or len(runs),
        "conclusions": conclusions,
        "in_progress": in_progress,
        "apps": sorted(apps),
    }


def ci_figures(statuses: dict, checks: dict, *, html_url: str, branch: str, sha: str) -> dict:
    """One CI state from both mechanisms GitHub offers; unknown when neither is used."""
    failing = pending = passing = 0
    if statuses.get("count"):
        state = statuses.get("state")
        failing += state in ("failure", "error")
        pending += state == "pending"
        passing += state == "success"
    conclusions = checks.get("conclusions") or {}
    failing += sum(conclusions.get(c, 0) for c in _CHECK_FAILING)
    pending += checks.get("in_progress", 0) + sum(conclusions.get(c, 0) for c in _CHECK_WAITING)
    passing += sum(conclusions.get(c, 0) for c in _CHECK_PASSING)
    if failing:
        status = "failing"
    elif pending:
        status = "pending"
    elif passing:
        status = "passing"
    else:
        return {"ci_status": "", "ci_status_source": "", "ci_url": ""}
    names = list(checks.get("apps") or []) + list(statuses.get("contexts") or [])
    source = ", ".join(names[:3]) or "GitHub checks"
    if len(names) > 3:
        source += f" and {len(names) - 3} more"
    source = f"{source} on {branch}" if branch else source
    url = f"{html_url}/commit/{sha}" if html_url and sha else ""
    return {"ci_status": status, "ci_status_source": source[:120], "ci_url": url}


def tree(data) -> dict:
    """Which citation files the root of the default branch holds, with their blob ids."""
    what = "repository tree"
    data = values.expect_object(data, what=what)
    files = {}
    for item in values.expect_list(data.get("tree") or [], what=what):
        item = values.expect_object(item, what=what)
        path = item.get("path")
        if path in CITATION_FILES and item.get("type") == "blob":
            files[path] = {
                "sha": values.text(item, "sha", what=what, max_length=64),
                "size": values.count(item, "size", what=what),
            }
    return {"files": files}


def blob(data, *, what: str) -> bytes:
    data = values.expect_object(data, what=what)
    content = data.get("content")
    if not isinstance(content, str) or data.get("encoding") != "base64":
        raise MalformedAnswer(f"{what}: expected base64 content.")
    try:
        return base64.b64decode(content, validate=False)
    except (binascii.Error, ValueError) as error:
        raise MalformedAnswer(f"{what}: the base64 content does not decode ({error}).") from None
