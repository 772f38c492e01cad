"""Fixtures of the curation tests: entries of each kind, a loopback server, a canary, users."""

import pytest
from django.contrib.auth.models import Group
from pytest_httpserver import HTTPServer

from registry.core.site_setup import CURATORS, PARTNER_EDITORS
from tests.harvesters.conftest import canary  # noqa: F401 - the fixture


@pytest.fixture
def server():
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.clear()
    httpserver.stop()


@pytest.fixture
def only_127_0_0_1(settings):
    settings.HARVEST_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.LINK_CHECK_HOST_DELAY = 0
    return settings


@pytest.fixture
def curator(home, django_user_model):
    user = django_user_model.objects.create_user("curator", password="pw")
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


@pytest.fixture
def partner(home, django_user_model):
    """A partner editor as site setup makes them: in the admin for its own entries, no curator."""
    user = django_user_model.objects.create_user("partner", password="pw")
    user.groups.add(Group.objects.get(name=PARTNER_EDITORS))
    return user
