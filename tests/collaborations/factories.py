"""Factories for collaboration and facility pages, news items and job postings."""

import factory
import wagtail_factories
from django.utils import timezone

from registry.collaborations.models import Collaboration, JobPosting, NewsItem
from registry.facilities.models import Facility


class FacilityFactory(wagtail_factories.PageFactory):
    class Meta:
        model = Facility

    acronym = factory.Sequence(lambda n: f"FAC{n}")
    title = factory.LazyAttribute(lambda o: f"Facility {o.acronym}")
    slug = factory.LazyAttribute(lambda o: o.acronym.lower())
    city = "Grenoble"
    country = "France"
    country_code = "FR"
    is_synchrotron = True
    leaps_member = True


class CollaborationFactory(wagtail_factories.PageFactory):
    class Meta:
        model = Collaboration
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Collaboration {n}")
    slug = factory.LazyAttribute(lambda o: o.title.lower().replace(" ", "-"))
    category = Collaboration.Category.CONTROL_SYSTEM
    brief = "A collaboration made for a test."
    start_year = 2012

    @factory.post_generation
    def facilities(self, create, extracted, **kwargs):
        if extracted:
            self.facilities.set(extracted)
            if create:
                self.save()


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title = factory.Sequence(lambda n: f"News {n}")
    url = factory.Sequence(lambda n: f"https://example.org/news/{n}")
    published_at = factory.LazyFunction(timezone.now)
    live = True


class JobPostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobPosting

    title = factory.Sequence(lambda n: f"Software engineer {n}")
    url = factory.Sequence(lambda n: f"https://example.org/jobs/{n}")
    live = True
