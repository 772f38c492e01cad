"""From an entry's repository URL to (registered host, project path on that host).

GitHub paths are ``owner/name``; GitLab paths are the project's full path,
subgroups included (``workflow/ewoks/ewoks``). Whatever follows the project
in a browser URL (``/tree/main``, GitLab's ``/-/issues``), a ``.git`` suffix
or a trailing slash is dropped. A host that is not registered as a
`RepositoryHost` is reported, never guessed at: gitlab.example.org could be
a GitLab, a Gitea or a web page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# GitHub URL segments after owner/name that are pages, not part of the path.
_GITHUB_RESERVED_OWNERS = {"orgs", "users", "settings", "marketplace", "topics", "features"}
# Project sub-pages of GitLab versions before 12, which had no "-" separator.
_GITLAB_OLD_SUBPAGES = {"tree", "blob", "issues", "merge_requests", "wikis", "commits", "tags"}


class RepositoryUrlError(ValueError):
    """The URL does not name a project on a registered host; the message says why."""

    def __init__(self, message: str, *, unknown_host: str = ""):
        super().__init__(message)
        self.unknown_host = unknown_host


@dataclass(frozen=True)
class RepositoryRef:
    host: str  # host name, lower case: github.com, gitlab.esrf.fr
    kind: str  # RepositoryHost.Kind value
    path: str  # owner/name (GitHub) or full path with subgroups (GitLab)

    def __str__(self) -> str:
        return f"{self.host}/{self.path}"

    @property
    def web_url(self) -> str:
        return f"https://{self.host}/{self.path}"


def host_of(url: str) -> str:
    """The host name of `url`, lower case, without a port or a leading www."""
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.")


def parse_repository_url(url: str, *, hosts: dict[str, str]) -> RepositoryRef:
    """Parse `url` given the registered hosts (name → kind); raise RepositoryUrlError."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RepositoryUrlError(f"“{url}” is not an http(s) URL.")
    host = host_of(url)
    kind = hosts.get(host)
    if kind is None:
        raise RepositoryUrlError(
            f"{host} is not a registered repository host. If it is a GitLab instance, an "
            f"operator registers it with: manage.py set_repository_host {host} --kind gitlab "
            f"--api-url https://{host}/api/v4",
            unknown_host=host,
        )
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if kind == "gitlab":
        # GitLab puts every project sub-page after a "-" segment.
        if "-" in segments:
            segments = segments[: segments.index("-")]
        for index, segment in enumerate(segments[2:], start=2):
            if segment in _GITLAB_OLD_SUBPAGES:
                segments = segments[:index]
                break
    else:
        segments = segments[:2]
    if segments:
        segments[-1] = segments[-1].removesuffix(".git")
    if len(segments) < 2 or not all(segments):
        raise RepositoryUrlError(
            f"“{url}” names no project: expected https://{host}/owner/name"
            + (" (with subgroups, if any)" if kind == "gitlab" else "")
            + "."
        )
    if kind == "github" and segments[0].lower() in _GITHUB_RESERVED_OWNERS:
        raise RepositoryUrlError(f"“{url}” is a GitHub page, not a repository.")
    return RepositoryRef(host=host, kind=kind, path="/".join(segments))
