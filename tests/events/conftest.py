"""Fixtures of the events tests: the page tree and a few facilities and collaborations."""

import datetime as dt
import zoneinfo

import pytest

from .factories import CollaborationFactory, FacilityFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
UTC = dt.UTC


@pytest.fixture
def calendar(home):
    """The events index page, as `setup_site` creates it."""
    from registry.events.models import EventIndexPage

    return EventIndexPage.objects.get()


@pytest.fixture
def esrf(home):
    return FacilityFactory(
        acronym="ESRF", slug="esrf", title="European Synchrotron Radiation Facility"
    )


@pytest.fixture
def ill(home):
    return FacilityFactory(acronym="ILL", slug="ill", title="Institut Laue-Langevin")


@pytest.fixture
def panosc(home):
    return CollaborationFactory(title="PaNOSC", slug="panosc", website="https://www.panosc.eu/")


def future(days, hour=9, zone=PARIS):
    """An aware datetime `days` from today at `hour` o'clock in `zone`."""
    day = dt.date.today() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=zone)
