"""Demo loader: register the public GitLab of every facility that names one (Facility.gitlab_url).

Runs after the facilities and software loaders (DEMO_STEPS). github.com and
gitlab.com are seeded by a migration; the facility GitLabs come from the
facilities fixture, so that entries hosted there (gitlab.esrf.fr,
gitlab.desy.de...) can be harvested. Idempotent: a second run says
"unchanged", and a host an operator changed keeps its settings.
"""

from .hosts import seed_facility_gitlabs


def load(*, stdout) -> None:
    changes = seed_facility_gitlabs()
    changed = [change for change in changes if change.changes]
    for change in changed:
        stdout.write(f"  {change.describe()}")
    stdout.write(
        f"  repository hosts: {len(changed)} registered or updated, "
        f"{len(changes) - len(changed)} unchanged"
    )
