"""Demo loader: the facilities' GitLabs, then sample badge figures from recorded payloads.

Runs after the facilities and software loaders (DEMO_STEPS).

1. Register the public GitLab of every facility that names one
   (Facility.gitlab_url), so that entries hosted there (gitlab.esrf.fr,
   gitlab.desy.de...) can be harvested. A host an operator changed keeps its
   settings.
2. Harvest the repositories recorded in fixtures/github (silx, pyFAI) from a
   server on 127.0.0.1, through the same code as a live harvest, so that a
   newcomer sees badges at once. Those recordings are our own, with made-up
   figures (fixtures/github/README.md): the figures are marked as sample data
   and the page says so; the recorded citation files are not served, so no
   made-up DOI or author reaches a real entry. The hosts in the database are
   not changed: the readers of this run point at the local server.

Idempotent: a second run says "unchanged" and costs one 304 per repository.
"""

from __future__ import annotations

import copy
from pathlib import Path

from django.conf import settings
from django.test.utils import override_settings

from registry.software.models import RepositoryMetrics, SoftwareEntry

from .hosts import seed_facility_gitlabs
from .refresh import Readers, refresh_entry
from .replay import Recording, serve

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

#: Recorded repositories (fixtures/<folder>) harvested by the demo, by host.
RECORDINGS = {"github.com": ("github/silx-kit/silx", "github/silx-kit/pyFAI")}

#: Paths not served to the demo harvest: the recorded citation files hold made-up people and DOIs.
CITATION_PATHS = ("/git/trees/", "/git/blobs/", "/contents/")


def load(*, stdout) -> None:
    changes = seed_facility_gitlabs()
    changed = [change for change in changes if change.changes]
    for change in changed:
        stdout.write(f"  {change.describe()}")
    stdout.write(
        f"  repository hosts: {len(changed)} registered or updated, "
        f"{len(changes) - len(changed)} unchanged"
    )
    harvest_recorded_samples(stdout=stdout)


def harvest_recorded_samples(*, stdout) -> None:
    for host_name, folders in RECORDINGS.items():
        recording = Recording()
        for folder in folders:
            recording.load(FIXTURES / folder)
        urls = [f"https://{host_name}/{folder.split('/', 1)[1]}" for folder in folders]
        entries = list(SoftwareEntry.objects.filter(repository_url__in=urls).order_by("pk"))
        if not entries:
            continue
        with (
            serve(recording, refuse=CITATION_PATHS) as api_url,
            override_settings(
                HARVEST_ALLOWED_NETWORKS=["127.0.0.1/32"], REPOSITORY_SECONDS_BETWEEN_REQUESTS=0
            ),
        ):
            readers = Readers()
            local = copy.copy(readers.hosts[host_name])
            local.api_url = api_url  # this run only; the stored host keeps its real API
            readers.hosts[host_name] = local
            outcomes = [refresh_entry(entry.pk, readers=readers) for entry in entries]
        marked = RepositoryMetrics.objects.filter(entry__in=entries, sample_data=False).update(
            sample_data=True, has_citation_file=None
        )
        results = ", ".join(f"{o.label} {o.result}" for o in outcomes)
        stdout.write(
            f"  sample badges from recorded demo payloads ({host_name}): {results}"
            f"{'' if not marked else f'; {marked} marked as sample data'}"
        )
