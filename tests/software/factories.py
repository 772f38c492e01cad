"""Factories for the software catalogue's tests, and a fast way to make thousands of entries."""

import uuid
from datetime import timedelta

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from registry.collaborations.models import Collaboration, CollaborationIndexPage
from registry.facilities.models import Facility, FacilityIndexPage
from registry.software.models import (
    Interface,
    ProgrammingLanguage,
    RepositoryMetrics,
    SoftwareEntry,
    SoftwareIndexPage,
)
from registry.vocabularies.models import Technique

# The shared names of the brief every engineer builds against.
BRIEF_FACILITIES = [
    "ESRF", "ILL", "HZDR", "Elettra", "SESAME", "ALBA", "MAX IV", "SOLEIL", "ESS", "DESY",
    "Diamond", "European XFEL", "HZB", "PSI", "KIT", "SOLARIS", "ISIS", "MLZ", "LLB",
]  # fmt: skip
BRIEF_COLLABORATIONS = [
    "epics", "tango", "lima", "mxcube", "icepap", "sardana", "taurus", "ispyb",
    "pan-software-catalogue", "icat", "umbrellaid", "silx", "em", "pandabox",
    "calipsoplus-jra2", "panosc", "expands", "leaps-innov", "visa", "scicat", "nexus",
    "mcstas", "oasys", "simex",
]  # fmt: skip


class FacilityFactory(wagtail_factories.PageFactory):
    class Meta:
        model = Facility

    acronym = factory.Sequence(lambda n: f"FAC{n}")
    title = factory.LazyAttribute(lambda o: f"{o.acronym} test facility")
    slug = factory.LazyAttribute(lambda o: slugify(o.acronym))
    country = "France"
    country_code = "FR"
    city = "Grenoble"
    parent = factory.LazyFunction(lambda: FacilityIndexPage.objects.get())


class CollaborationFactory(wagtail_factories.PageFactory):
    class Meta:
        model = Collaboration

    slug = factory.Sequence(lambda n: f"collaboration-{n}")
    title = factory.LazyAttribute(lambda o: o.slug)
    category = Collaboration.Category.DATA_ANALYSIS
    brief = "A collaboration made by a test."
    parent = factory.LazyFunction(lambda: CollaborationIndexPage.objects.get())


class SoftwareEntryFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SoftwareEntry

    title = factory.Sequence(lambda n: f"Software {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = "Analyses data recorded at a beamline."
    parent = factory.LazyFunction(lambda: SoftwareIndexPage.objects.get())


def publish(page):
    """Publish the page's current state as a revision, as an editor would."""
    page.save_revision().publish()
    return SoftwareEntry.objects.get(pk=page.pk) if isinstance(page, SoftwareEntry) else page


def brief_facilities() -> dict[str, Facility]:
    return {acronym: FacilityFactory(acronym=acronym) for acronym in BRIEF_FACILITIES}


def brief_collaborations() -> dict[str, Collaboration]:
    return {slug: CollaborationFactory(slug=slug) for slug in BRIEF_COLLABORATIONS}


def bulk_entries(count: int, *, facilities=(), harvested_every: int = 2) -> list[int]:
    """Create `count` live entries in a few statements (treebeard paths computed here).

    Each entry gets two languages, an interface, two techniques, a developing
    facility and (for every `harvested_every`-th) harvested metrics, so the
    list's prefetches have real rows to load. Returns the new page ids.
    """
    index = SoftwareIndexPage.objects.get()
    content_type = ContentType.objects.get_for_model(SoftwareEntry)
    locale = Locale.get_default()
    last = index.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    now = timezone.now()
    pages = []
    for i in range(count):
        slug = f"bulk-{start + i}"
        pages.append(
            Page(
                title=f"Bulk software {start + i}",
                draft_title=f"Bulk software {start + i}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, index.depth + 1, start + i),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale=locale,
                translation_key=uuid.uuid4(),
            )
        )
    pages = Page.objects.bulk_create(pages, batch_size=500)
    if connection.vendor != "postgresql":
        # SQLite returns ids from bulk_create only on recent versions; read them back to be sure.
        by_slug = dict(
            Page.objects.filter(slug__in=[p.slug for p in pages]).values_list("slug", "pk")
        )
        for page in pages:
            page.pk = page.id = by_slug[page.slug]
    entries = [
        SoftwareEntry(
            page_ptr_id=page.pk,
            summary="Reduces data of a thousand detectors.",
            licence=("MIT", "BSD-3-Clause", "GPL-3.0-or-later", "")[i % 4],
        )
        for i, page in enumerate(pages)
    ]
    # Multi-table inheritance: the page rows exist, insert only the entry table's rows.
    SoftwareEntry._base_manager._insert(
        entries,
        fields=[f for f in SoftwareEntry._meta.local_concrete_fields],
        using="default",
    )
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    ids = [page.pk for page in pages]
    _bulk_relations(ids, facilities=facilities, harvested_every=harvested_every, now=now)
    return ids


def _bulk_relations(ids, *, facilities, harvested_every, now):
    languages = list(ProgrammingLanguage.objects.all()) or [
        ProgrammingLanguage.objects.create(name="Python", slug="python"),
        ProgrammingLanguage.objects.create(name="C++", slug="cpp"),
    ]
    interfaces = list(Interface.objects.all())
    techniques = list(Technique.objects.order_by("pk")[:10])
    through = SoftwareEntry.programming_languages.through
    through.objects.bulk_create(
        [
            through(
                softwareentry_id=pk, programminglanguage_id=languages[(i + k) % len(languages)].pk
            )
            for i, pk in enumerate(ids)
            for k in range(min(2, len(languages)))
        ],
        batch_size=1000,
    )
    through = SoftwareEntry.interfaces.through
    through.objects.bulk_create(
        [
            through(softwareentry_id=pk, interface_id=interfaces[i % len(interfaces)].pk)
            for i, pk in enumerate(ids)
        ],
        batch_size=1000,
    )
    through = SoftwareEntry.techniques.through
    through.objects.bulk_create(
        [
            through(softwareentry_id=pk, technique_id=techniques[(i + k) % len(techniques)].pk)
            for i, pk in enumerate(ids)
            for k in range(2)
        ],
        batch_size=1000,
    )
    if facilities:
        facilities = list(facilities)
        through = SoftwareEntry.developing_facilities.through
        through.objects.bulk_create(
            [
                through(softwareentry_id=pk, facility_id=facilities[i % len(facilities)].pk)
                for i, pk in enumerate(ids)
            ],
            batch_size=1000,
        )
    RepositoryMetrics.objects.bulk_create(
        [
            RepositoryMetrics(
                entry_id=pk,
                host="github.com",
                stars=i % 500,
                last_commit_at=now - timedelta(days=(i * 7) % 1200),
                archived=i % 97 == 0,
                harvested_at=now,
            )
            for i, pk in enumerate(ids)
            if i % harvested_every == 0
        ],
        batch_size=1000,
    )
