"""Fixtures of the software catalogue's tests."""

import pytest
from django.core.cache import cache

from registry.software.models import SoftwareIndexPage


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The feedback rate limit counts in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(home):
    """The /software/ index page of a fresh site."""
    return SoftwareIndexPage.objects.get()
