"""Fixtures of the curation tests: entries of each kind, a loopback server, a canary, users."""

import pytest
from django.contrib.auth.models import Group
from pytest_httpserver import HTTPServer

from registry.core.site_setup import CURATORS
from tests.harvesters.conftest import Canary


@pytest.fixture
def server():
    httpserver = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpserver.start()
    yield httpserver
    httpserver.clear()
    httpserver.stop()


@pytest.fixture
def canary():
    listener = Canary()
    yield listener
    listener.close()


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
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("partner", password="pw")
    # A partner reaches the Wagtail admin (to edit its own entries) but is no curator.
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user
