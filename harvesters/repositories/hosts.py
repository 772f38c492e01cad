"""Services for repository hosts: register or update one, seed the facilities' GitLabs, make readers.

`set_repository_host` is what ``manage.py set_repository_host`` and the demo
loader call; it is idempotent and returns what it changed, so a second run
says "unchanged". Readers are made per host per run (`reader_for`): one API
client and one rate-limit budget shared by every repository of that host.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from .models import ENV_NAME, RepositoryHost
from .reading import Budget
from .references import host_of

GITLAB_API_SUFFIX = "/api/v4"


@dataclass
class HostChange:
    host: RepositoryHost
    created: bool
    changes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.created:
            return f"Registered {self.host.name}: " + "; ".join(self.changes) + "."
        if not self.changes:
            return f"{self.host.name} unchanged."
        return f"Updated {self.host.name}: " + "; ".join(self.changes) + "."


def normalise_host_name(name: str) -> str:
    name = (name or "").strip().lower()
    if "://" in name or "/" in name or not name or " " in name:
        raise ValidationError(
            f"“{name}” is not a host name: give it as it appears in repository URLs, "
            f"e.g. gitlab.esrf.fr (no https://, no path)."
        )
    return name.removeprefix("www.")


def normalise_api_url(url: str, *, kind: str) -> str:
    url = (url or "").strip().rstrip("/")
    if not url:
        return ""
    URLValidator(schemes=["http", "https"])(url)
    if kind == RepositoryHost.Kind.GITLAB and not urlsplit(url).path.endswith(GITLAB_API_SUFFIX):
        url += GITLAB_API_SUFFIX  # GitLab's REST API lives under /api/v4
    return url


@transaction.atomic
def set_repository_host(
    *,
    name: str,
    kind: str,
    api_url: str = "",
    token_env: str | None = None,
    facility=None,
) -> HostChange:
    """Create or update the host `name`; `token_env=None` leaves the token variable as it is."""
    name = normalise_host_name(name)
    if kind not in RepositoryHost.Kind.values:
        raise ValidationError(f"Kind must be one of {', '.join(RepositoryHost.Kind.values)}.")
    api_url = normalise_api_url(api_url, kind=kind)
    if not api_url and not (kind == RepositoryHost.Kind.GITHUB and name == "github.com"):
        raise ValidationError(
            f"Give the API URL of {name}, e.g. https://{name}/api/v4 for a GitLab "
            f"or https://{name}/api/v3 for GitHub Enterprise."
        )
    if token_env:
        ENV_NAME(token_env)
    host = RepositoryHost.objects.select_for_update().filter(name=name).first()
    created = host is None
    if created:
        host = RepositoryHost(name=name)
    wanted = {"kind": kind, "api_url": api_url}
    if token_env is not None:
        wanted["token_env"] = token_env
    if facility is not None and host.facility_id is None:
        wanted["facility"] = facility
    changes = []
    for attribute, value in wanted.items():
        current = getattr(host, attribute)
        if created or current != value:
            shown = value if attribute != "facility" else value.acronym
            old = current if attribute != "facility" else None
            label = attribute.replace("_", " ")
            if created or old in ("", None):
                changes.append(f"{label} {shown or '(none)'}")
            else:
                changes.append(f"{label} {old} → {shown or '(none)'}")
            setattr(host, attribute, value)
    if created and kind == RepositoryHost.Kind.GITHUB and not api_url:
        changes.append(f"API URL from the GITHUB_API_URL setting ({settings.GITHUB_API_URL})")
    if changes:
        host.full_clean()
        host.save()
    return HostChange(host=host, created=created, changes=changes)


def seed_facility_gitlabs() -> list[HostChange]:
    """Register the public GitLab of every facility that names one (Facility.gitlab_url)."""
    from registry.facilities.models import Facility

    results = []
    for facility in Facility.objects.exclude(gitlab_url="").order_by("acronym"):
        name = host_of(facility.gitlab_url)
        existing = RepositoryHost.objects.filter(name=name).first()
        if existing is not None:
            # Never overwrite what an operator set; only link the facility if unlinked.
            if existing.facility_id is None:
                existing.facility = facility
                existing.save(update_fields=["facility"])
                results.append(HostChange(existing, False, [f"facility {facility.acronym}"]))
            else:
                results.append(HostChange(existing, False))
            continue
        results.append(
            set_repository_host(
                name=name,
                kind=RepositoryHost.Kind.GITLAB,
                api_url=f"https://{name}{GITLAB_API_SUFFIX}",
                facility=facility,
            )
        )
    return results


def registered_hosts() -> dict[str, RepositoryHost]:
    return {host.name: host for host in RepositoryHost.objects.select_related("facility")}


def reader_for(host: RepositoryHost):
    """A reader (one API client, one budget) for `host`."""
    from .github import GitHubReader
    from .gitlab import GitLabReader

    budget = Budget(host.name, reserve=settings.REPOSITORY_RATE_LIMIT_RESERVE)
    cls = GitHubReader if host.kind == RepositoryHost.Kind.GITHUB else GitLabReader
    return cls(host, budget=budget)
