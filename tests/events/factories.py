"""Factories of the events tests: events go through the real service, so they have revisions,
publication dates and every derived field exactly as in production."""

import datetime as dt
import zoneinfo

import factory
from django.utils.text import slugify

from registry.collaborations.models import Collaboration, CollaborationIndexPage
from registry.events.models import Event
from registry.events.services import event_create
from registry.facilities.models import Facility, FacilityIndexPage

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class FacilityFactory(factory.Factory):
    class Meta:
        model = Facility

    acronym = factory.Sequence(lambda n: f"FAC{n}")
    title = factory.LazyAttribute(lambda o: f"Facility {o.acronym}")
    slug = factory.LazyAttribute(lambda o: slugify(o.acronym))
    city = "Grenoble"
    country = "France"
    country_code = "FR"
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.org/")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        facility = model_class(**kwargs)
        FacilityIndexPage.objects.get().add_child(instance=facility)
        facility.save_revision().publish()
        return facility


class CollaborationFactory(factory.Factory):
    class Meta:
        model = Collaboration

    title = factory.Sequence(lambda n: f"Collaboration {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    category = Collaboration.Category.DATA_ANALYSIS
    brief = "A collaboration used by the tests."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        collaboration = model_class(**kwargs)
        CollaborationIndexPage.objects.get().add_child(instance=collaboration)
        collaboration.save_revision().publish()
        return collaboration


class EventFactory(factory.DictFactory):
    """A timed workshop in Paris a month ahead unless told otherwise.

    Pass `start`/`end` (aware) for a timed event, or `all_day=True` with
    `start_date`/`end_date`; `facilities`, `collaborations` and `keywords` are lists.
    """

    title = factory.Sequence(lambda n: f"Data analysis workshop {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    event_type = Event.Type.WORKSHOP
    timezone = "Europe/Paris"
    start = factory.LazyFunction(
        lambda: dt.datetime.combine(
            dt.date.today() + dt.timedelta(days=30), dt.time(9), tzinfo=PARIS
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=8) if o.start else None)
    city = "Grenoble"
    country = "FR"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        publish = kwargs.pop("publish", True)
        origin = kwargs.pop("origin", Event.Origin.EDITOR)
        if kwargs.get("all_day"):
            kwargs.pop("start", None)
            kwargs.pop("end", None)
        return event_create(data=kwargs, origin=origin, publish=publish)
