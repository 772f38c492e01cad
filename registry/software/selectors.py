"""Reads of the software catalogue, shared by pages, facility pages, feeds and the API.

The list is one query for the page of entries plus one per prefetched
relation, one count and one query per facet, however many entries there
are (tests/software/test_catalogue_queries.py proves it). Facets count
"disjunctively": a facet's numbers apply every other facet's choices but not
its own, so ticking a second language shows how many more entries it adds.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Lower

from registry.curation.stale import exclude_stale
from registry.facilities.models import Facility
from registry.vocabularies.models import Technique

from .filters import NO_LICENCE, CatalogueFilters
from .maintenance import LABELS as MAINTENANCE_LABELS
from .maintenance import maintenance_expression
from .models import Interface, ProgrammingLanguage, SoftwareEntry, SoftwareRelation

PANET_BASE = "http://purl.org/pan-science/PaNET/"
PAGE_SIZE = 24


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    link: str


@dataclass(frozen=True)
class Facet:
    param: str
    legend: str
    values: list[FacetValue]


def published_entries(*, index=None):
    entries = SoftwareEntry.objects.live().public()
    if index is not None:
        entries = entries.child_of(index)
    return entries


def search_ids(query: str, *, index=None) -> list[int]:
    """Primary keys of the entries matching a full-text query (Wagtail's search backend)."""
    return [page.pk for page in published_entries(index=index).search(query, operator="and")]


def _subquery(**lookups):
    return SoftwareEntry.objects.filter(**lookups).values("pk")


def apply_filters(entries, filters: CatalogueFilters, *, matched_ids=None):
    """Narrow `entries` to the filters; `matched_ids`: the full-text matches when `q` is set."""
    if matched_ids is not None:
        entries = entries.filter(pk__in=matched_ids)
    # Subqueries rather than joins: an entry with two chosen languages appears once.
    if chosen := filters.chosen("technique"):
        iris = [PANET_BASE + value for value in chosen]
        entries = entries.filter(pk__in=_subquery(techniques__iri__in=iris))
    if chosen := filters.chosen("facility"):
        entries = entries.filter(
            Q(pk__in=_subquery(developing_facilities__slug__in=chosen))
            | Q(pk__in=_subquery(using_facilities__slug__in=chosen))
        )
    if chosen := filters.chosen("language"):
        entries = entries.filter(pk__in=_subquery(programming_languages__slug__in=chosen))
    if chosen := filters.chosen("interface"):
        entries = entries.filter(pk__in=_subquery(interfaces__slug__in=chosen))
    if chosen := filters.chosen("licence"):
        licences = [c for c in chosen if c != NO_LICENCE]
        condition = Q(licence__in=licences)
        if NO_LICENCE in chosen:
            condition |= Q(licence="")
        entries = entries.filter(condition)
    if chosen := filters.chosen("maintenance"):
        entries = entries.alias(maintenance=maintenance_expression()).filter(maintenance__in=chosen)
    if filters.hide_stale:
        entries = exclude_stale(entries)
    return entries


def ordered(entries, sort: str):
    if sort == "stars":
        return entries.order_by(F("metrics__stars").desc(nulls_last=True), Lower("title"), "pk")
    if sort == "updated":
        return entries.order_by(
            F("metrics__last_commit_at").desc(nulls_last=True),
            F("last_published_at").desc(nulls_last=True),
            "pk",
        )
    return entries.order_by(Lower("title"), "pk")


def software_list(entries, filters: CatalogueFilters, *, matched_ids=None):
    """The filtered, sorted entries with everything a catalogue card shows."""
    entries = apply_filters(entries, filters, matched_ids=matched_ids)
    return (
        ordered(entries, filters.sort)
        .annotate(maintenance=maintenance_expression())
        .select_related("metrics")
        .prefetch_related(
            "programming_languages", "interfaces", "techniques", "developing_facilities"
        )
    )


def facets(entries, filters: CatalogueFilters, *, matched_ids=None) -> list[Facet]:
    def subset(param):
        return apply_filters(entries, filters.without(param), matched_ids=matched_ids).values("pk")

    def values(param, rows):
        """rows: (value, label, count); chosen values stay listed even at zero."""
        chosen = filters.chosen(param)
        seen = {value for value, _, _ in rows}
        rows = list(rows) + [(value, value, 0) for value in chosen if value not in seen]
        return [
            FacetValue(value, label, count, value in chosen, filters.toggled(param, value))
            for value, label, count in rows
            if count or value in chosen
        ]

    techniques = (
        Technique.objects.filter(software_entries__in=subset("technique"))
        .annotate(n=Count("software_entries"))
        .order_by("-n", "name")
    )
    matching = SoftwareEntry.objects.filter(
        pk__in=subset("facility"),
    ).filter(Q(developing_facilities=OuterRef("pk")) | Q(using_facilities=OuterRef("pk")))
    facility_count = Subquery(
        matching.order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(c=Count("pk", distinct=True))
        .values("c")[:1]
    )
    facilities = (
        Facility.objects.live()
        .annotate(n=facility_count)
        .filter(Q(n__gt=0) | Q(slug__in=filters.chosen("facility")))
        .order_by("-n", "acronym")
    )
    languages = (
        ProgrammingLanguage.objects.filter(software_entries__in=subset("language"))
        .annotate(n=Count("software_entries"))
        .order_by("-n", "name")
    )
    interfaces = (
        Interface.objects.filter(software_entries__in=subset("interface"))
        .annotate(n=Count("software_entries"))
        .order_by("name")
    )
    licences = (
        SoftwareEntry.objects.filter(pk__in=subset("licence"))
        .order_by()
        .values("licence")
        .annotate(n=Count("pk"))
    )
    maintenance = (
        SoftwareEntry.objects.filter(pk__in=subset("maintenance"))
        .annotate(status=maintenance_expression())
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    maintenance_counts = {row["status"]: row["n"] for row in maintenance}
    licence_rows = sorted(
        (
            (row["licence"] or NO_LICENCE, row["licence"] or "Not recorded", row["n"])
            for row in licences
        ),
        key=lambda row: (-row[2], row[1].lower()),
    )
    return [
        Facet(
            "technique",
            "PaN technique",
            values("technique", [(t.panet_id, t.label, t.n) for t in techniques]),
        ),
        Facet(
            "facility",
            "Facility (develops or uses it)",
            values("facility", [(f.slug, f.acronym, f.n or 0) for f in facilities]),
        ),
        Facet(
            "language",
            "Programming language",
            values("language", [(lang.slug, lang.name, lang.n) for lang in languages]),
        ),
        Facet("licence", "Licence", values("licence", licence_rows)),
        Facet(
            "interface",
            "Interface",
            values("interface", [(i.slug, i.name, i.n) for i in interfaces]),
        ),
        Facet(
            "maintenance",
            "Maintenance",
            values(
                "maintenance",
                [
                    (key, label, maintenance_counts.get(key, 0))
                    for key, label in MAINTENANCE_LABELS.items()
                ],
            ),
        ),
    ]


def software_for_facility(facility):
    """Live entries the facility develops or uses, each marked `developed_here` / `used_here`."""
    developing = SoftwareEntry.developing_facilities.through.objects.filter(
        softwareentry_id=OuterRef("pk"), facility_id=facility.pk
    )
    using = SoftwareEntry.using_facilities.through.objects.filter(
        softwareentry_id=OuterRef("pk"), facility_id=facility.pk
    )
    return (
        published_entries()
        .annotate(developed_here=Exists(developing), used_here=Exists(using))
        .filter(Q(developed_here=True) | Q(used_here=True))
        .order_by(Lower("title"))
    )


@dataclass(frozen=True)
class RelationGroup:
    label: str
    entries: list


def entry_relations(entry) -> list[RelationGroup]:
    """Related software in both directions: what this entry points at and what points at it."""
    forward = SoftwareRelation.FORWARD_LABELS
    reverse = SoftwareRelation.REVERSE_LABELS
    groups: dict[str, list] = {}

    def add(label, other):
        if other.live and other not in groups.setdefault(label, []):
            groups[label].append(other)

    for relation in entry.relations.all():
        add(forward[relation.kind], relation.target)
    if entry.pk:
        incoming = SoftwareRelation.objects.filter(target_id=entry.pk).select_related("entry")
        for relation in incoming:
            add(reverse[relation.kind], relation.entry)
    order = [
        forward[SoftwareRelation.Kind.ADD_ON_OF],
        reverse[SoftwareRelation.Kind.ADD_ON_OF],
        forward[SoftwareRelation.Kind.BUILDS_ON],
        reverse[SoftwareRelation.Kind.BUILDS_ON],
        forward[SoftwareRelation.Kind.RELATED],
    ]
    return [RelationGroup(label, groups[label]) for label in order if groups.get(label)]
