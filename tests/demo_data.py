"""The real demo data as pytest fixtures: facilities and collaborations from fixtures/.

Area conftests import these so page tests check real names from the real
fixtures, loaded the way `manage.py load_demo` loads them.

Loading 45 pages with revisions takes seconds, so it happens once per test
module, inside a transaction that is rolled back when the module ends (the
pattern of Django's `TestCase.setUpTestData`). Each test still runs in its
own savepoint, so what a test changes is undone before the next one. Tests
that need committed transactions (`transactional_db`, `live_server`) must not
use these fixtures.
"""

import io

import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def _demo_data_for_module(django_db_setup, django_db_blocker):
    from registry.collaborations import demo as collaborations_demo
    from registry.core.site_setup import ensure_site
    from registry.facilities import demo as facilities_demo

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_site()
        out = io.StringIO()
        facilities_demo.load(stdout=out)
        collaborations_demo.load(stdout=out)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_data(_demo_data_for_module, db):
    """The home page of a site holding the real facilities and collaborations."""
    from registry.core.models import HomePage

    return HomePage.objects.get()
