"""Curators see each entry's last repository harvest (read-only); hosts are edited with the same rules."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from harvesters.repositories.models import RepositoryHarvestState, RepositoryHost
from registry.core.site_setup import CURATORS

from .repository_replay import make_entry

pytestmark = pytest.mark.django_db
STATES = "/admin/snippets/harvesters/repositoryharveststate/"
HOSTS = "/admin/snippets/harvesters/repositoryhost/"


@pytest.fixture
def curator(home, client):
    user = get_user_model().objects.create_user("cura", "cura@example.org", "pw")
    user.groups.add(Group.objects.get(name=CURATORS))
    client.force_login(user)
    return user


def test_curators_see_why_a_repository_was_not_harvested_and_cannot_edit_it(client, curator):
    entry = make_entry("ewoks", "https://gitlab.esrf.fr/workflow/ewoks/ewoks")
    state = RepositoryHarvestState.objects.create(
        entry=entry,
        outcome="failed",
        path="workflow/ewoks/ewoks",
        reason="GitLab answered HTTP 502 for languages",
        since=timezone.now(),
        consecutive_failures=3,
    )

    listing = client.get(STATES)

    assert listing.status_code == 200
    html = listing.content.decode()
    assert "GitLab answered HTTP 502 for languages" in html and "ewoks" in html
    assert client.get(f"{STATES}inspect/{state.pk}/").status_code == 200
    assert client.get(f"{STATES}add/").status_code in (302, 403)
    assert client.get(f"{STATES}edit/{state.pk}/").status_code in (302, 403)
    assert client.get(HOSTS).status_code == 200
    assert client.get(f"{HOSTS}add/").status_code in (302, 403)


def test_an_admin_editing_a_gitlab_host_gets_the_api_path_added(client, home):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)

    response = client.post(
        f"{HOSTS}add/",
        {
            "name": "GitLab.ESS.eu",
            "kind": "gitlab",
            "api_url": "https://gitlab.ess.eu",
            "token_env": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    host = RepositoryHost.objects.get(name="gitlab.ess.eu")
    assert host.api_url == "https://gitlab.ess.eu/api/v4"
