"""Fixtures of the partner-submission tests: two facilities, a partner of each, a curator."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from registry.core.site_setup import CURATORS
from registry.partners.accounts import partner_ensure
from registry.software.models import SoftwareEntry, SoftwareIndexPage
from tests.software.factories import FacilityFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate limits and throttles count in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def esrf(home):
    return FacilityFactory(
        acronym="ESRF", slug="esrf", title="European Synchrotron Radiation Facility"
    )


@pytest.fixture
def ill(home):
    return FacilityFactory(acronym="ILL", slug="ill", title="Institut Laue-Langevin")


def _partner(username, acronym):
    user, _ = partner_ensure(
        username=username, facility_acronyms=[acronym], email=f"{username}@example.org"
    )
    user.set_password("secret-pass-123")
    user.save()
    return user


@pytest.fixture
def partner(esrf):
    """A partner editor of the ESRF."""
    return _partner("partner-esrf", "ESRF")


@pytest.fixture
def other_partner(ill):
    """A partner editor of the ILL."""
    return _partner("partner-ill", "ILL")


@pytest.fixture
def curator(home):
    user = get_user_model().objects.create_user(
        "curator", email="curator@example.org", password="secret-pass-123"
    )
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


def make_entry(title, *, facilities, live=True):
    index = SoftwareIndexPage.objects.get()
    entry = SoftwareEntry(title=title, summary="Reduces data.", live=live)
    entry.developing_facilities = list(facilities)
    index.add_child(instance=entry)
    revision = entry.save_revision()
    if live:
        revision.publish()
    return SoftwareEntry.objects.get(pk=entry.pk)


@pytest.fixture
def esrf_entry(esrf):
    return make_entry("PyMca", facilities=[esrf])


@pytest.fixture
def ill_entry(ill):
    return make_entry("Mantid", facilities=[ill])


@pytest.fixture
def ill_draft(ill):
    return make_entry("LAMP draft", facilities=[ill], live=False)
