"""No repository API call reaches a refused address: checked before any connection is opened.

A canary listener on 127.0.0.2 must see nothing while only 127.0.0.1/32 is
allowed, whether the address comes from GITHUB_API_URL, a registered GitLab's
API URL or a redirect.
"""

import pytest

from harvesters.repositories import Result
from harvesters.repositories.hosts import set_repository_host
from harvesters.repositories.models import RepositoryHarvestState
from harvesters.repositories.refresh import refresh_entry
from registry.software.models import RepositoryMetrics

from .repository_replay import (  # noqa: F401 - fixtures (*_fixture) and helpers
    gitlab_api_fixture,
    gitlab_server_fixture,
    harvest_settings_fixture,
    make_entry,
    no_leftover_locks_fixture,
    register_gitlab,
)

pytestmark = pytest.mark.django_db


def test_a_github_api_url_on_a_refused_address_is_never_contacted(canary, harvest_settings, home):
    harvest_settings.GITHUB_API_URL = canary.url().rstrip("/")
    entry = make_entry("silx", "https://github.com/silx-kit/silx")

    outcome = refresh_entry(entry.pk)

    assert outcome.result == Result.FAILED
    assert "refused address" in outcome.reason and "127.0.0.2" in outcome.reason
    assert not canary.was_contacted()
    assert not RepositoryMetrics.objects.filter(entry=entry).exists()
    assert RepositoryHarvestState.objects.get(entry=entry).outcome == "failed"


def test_a_registered_gitlab_on_a_refused_address_is_never_contacted(
    canary, harvest_settings, home
):
    set_repository_host(name="gitlab.esrf.fr", kind="gitlab", api_url=canary.url("/api/v4"))
    entry = make_entry("ewoks", "https://gitlab.esrf.fr/workflow/ewoks/ewoks")

    outcome = refresh_entry(entry.pk)

    assert outcome.result == Result.FAILED and "refused address" in outcome.reason
    assert not canary.was_contacted()


def test_a_gitlab_redirect_to_a_refused_address_is_not_followed(canary, gitlab_api):
    register_gitlab(gitlab_api)
    gitlab_api.override(
        "/api/v4/projects/workflow/ewoks/ewoks",
        status=302,
        headers={"Location": canary.url("/api/v4/projects/1093")},
    )
    entry = make_entry("ewoks", "https://gitlab.esrf.fr/workflow/ewoks/ewoks")

    outcome = refresh_entry(entry.pk)

    assert outcome.result == Result.FAILED and "refused address" in outcome.reason
    assert not canary.was_contacted()


def test_stored_figures_survive_a_host_moved_to_a_refused_address(
    canary, gitlab_api, harvest_settings
):
    register_gitlab(gitlab_api)
    entry = make_entry("ewoks", "https://gitlab.esrf.fr/workflow/ewoks/ewoks")
    assert refresh_entry(entry.pk).result == Result.REFRESHED
    set_repository_host(name="gitlab.esrf.fr", kind="gitlab", api_url=canary.url("/api/v4"))

    outcome = refresh_entry(entry.pk)

    assert outcome.result == Result.FAILED
    assert RepositoryMetrics.objects.get(entry=entry).stars == 12
    assert not canary.was_contacted()
