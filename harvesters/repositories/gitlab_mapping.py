"""GitLab REST (v4) answers → badge figures. Pure functions: JSON in, plain dicts out."""

from __future__ import annotations

from . import values
from .github_mapping import CITATION_FILES, NO_RELEASE, spdx_from_host
from .reading import MalformedAnswer

# Pipeline statuses (docs.gitlab.com, "Pipelines API"). canceled, skipped and
# manual say nothing about the code: the CI state is then unknown.
_PIPELINE = {
    "success": "passing",
    "failed": "failing",
    "running": "pending",
    "pending": "pending",
    "created": "pending",
    "preparing": "pending",
    "waiting_for_resource": "pending",
    "waiting_for_callback": "pending",
    "scheduled": "pending",
}


def project(data) -> dict:
    what = "project"
    data = values.expect_object(data, what=what)
    licence = data.get("license")
    if licence is not None:
        licence = values.expect_object(licence, what="project licence")
    return {
        "full_name": values.text(data, "path_with_namespace", what=what, max_length=255),
        "default_branch": values.text(data, "default_branch", what=what, max_length=255),
        "stars": values.count(data, "star_count", what=what),
        "forks": values.count(data, "forks_count", what=what),
        # Present only when the project has issues switched on.
        "open_issues": values.count(data, "open_issues_count", what=what),
        "licence": spdx_from_host(values.text(licence, "key", what=what)) if licence else "",
        "archived": bool(values.flag(data, "archived", what=what)),
        "web_url": values.web_url(data, "web_url", what=what),
    }


def releases(data) -> dict:
    what = "releases"
    items = values.expect_list(data, what=what)
    if not items:
        return dict(NO_RELEASE)
    latest = values.expect_object(items[0], what=what)
    links = latest.get("_links") if isinstance(latest.get("_links"), dict) else {}
    name = values.text(latest, "tag_name", what=what, max_length=120) or values.text(
        latest, "name", what=what, max_length=120
    )
    if not name:
        raise MalformedAnswer(f"{what}: neither tag_name nor name.")
    return {
        "latest_release": name,
        "latest_release_at": values.timestamp(latest, "released_at", what=what)
        or values.timestamp(latest, "created_at", what=what),
        "latest_release_url": values.web_url(links, "self", what=what),
    }


def branch(data) -> dict:
    what = "default branch"
    data = values.expect_object(data, what=what)
    commit = values.expect_object(data.get("commit"), what=f"{what} commit")
    return {
        "last_commit_at": values.timestamp(commit, "committed_date", what=what),
        "head_sha": values.text(commit, "id", what=what, max_length=64),
    }


def languages(data) -> dict:
    return {"languages": values.primary_languages(data, what="languages")}


def contributors(headers: dict, data) -> dict:
    """Asked with per_page=1: X-Total (or X-Total-Pages) is the count; absent on huge lists."""
    items = values.expect_list(data, what="contributors")
    for header in ("x-total", "x-total-pages"):
        value = headers.get(header, "").strip()
        if value.isdigit():
            return {"contributors": int(value)}
    if not headers.get("x-next-page", "").strip():
        return {"contributors": len(items)}  # everything fitted on the one page
    return {"contributors": None}


def pipeline(data, *, branch: str) -> dict:
    what = "pipelines"
    items = values.expect_list(data, what=what)
    if not items:
        return {"ci_status": "", "ci_status_source": "", "ci_url": ""}
    latest = values.expect_object(items[0], what=what)
    status = _PIPELINE.get(values.text(latest, "status", what=what, max_length=40), "")
    if not status:
        return {"ci_status": "", "ci_status_source": "", "ci_url": ""}
    return {
        "ci_status": status,
        "ci_status_source": f"GitLab CI/CD, latest pipeline on {branch}"[:120],
        "ci_url": values.web_url(latest, "web_url", what=what),
    }


def tree(items) -> dict:
    """Citation files among one page of the root tree: {name: {"sha", "size"}}."""
    what = "repository tree"
    files = {}
    for item in values.expect_list(items, what=what):
        item = values.expect_object(item, what=what)
        if item.get("path") in CITATION_FILES and item.get("type") == "blob":
            files[item["path"]] = {
                "sha": values.text(item, "id", what=what, max_length=64),
                "size": None,
            }
    return files
