"""Reads of the collaborations directory, shared by pages, feeds and the API.

Every function returns what a page shows with its relations prefetched, so
the number of queries a page makes does not grow with the number of
collaborations, facilities, news items or jobs (tests/collaborations proves
it for the directory).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q
from django.http import QueryDict
from django.utils import timezone

from registry.core.facets import FilterState, build_facet
from registry.facilities.models import Facility

from .models import Collaboration, JobPosting, NewsItem

SORTS = {
    "name": ("Name", ("title",)),
    "start": ("Oldest first", (F("start_year").asc(nulls_last=True), "title")),
    "-start": ("Newest first", (F("start_year").desc(nulls_last=True), "title")),
}
DEFAULT_SORT = "name"


@dataclass
class CollaborationDirectory:
    collaborations: list[Collaboration]
    filters: FilterState
    sort: str
    sorts: list[tuple[str, str]]


def live_collaborations():
    return Collaboration.objects.live().public()


def _with_facilities(queryset):
    facilities = Facility.objects.live().order_by("acronym")
    return queryset.prefetch_related(Prefetch("facilities", queryset=facilities))


def collaboration_directory(query: QueryDict) -> CollaborationDirectory:
    """The directory filtered by category, facility (slug) and decade, with facet counts.

    Within a facet the chosen values are alternatives (OR); facets combine
    with AND. Each facet's counts apply the other facets only, so a visitor
    sees how many results each extra choice would add.
    """
    base = live_collaborations()
    through = Collaboration.facilities.through
    facility_choices = list(
        Facility.objects.live()
        .filter(
            pk__in=through.objects.filter(collaboration__in=base.values("pk")).values("facility_id")
        )
        .order_by("acronym")
        .values_list("slug", "acronym")
    )
    category_choices = list(Collaboration.Category.choices)

    chosen, ignored = {}, []
    known = {
        "category": {value for value, _ in category_choices},
        "facility": {slug for slug, _ in facility_choices},
        "decade": None,  # any decade written as four digits ending in 0
    }
    for name, allowed in known.items():
        values = []
        for value in dict.fromkeys(query.getlist(name)):
            valid = value in allowed if allowed is not None else _is_decade(value)
            if valid:
                values.append(value)
            else:
                ignored.append(value)
        chosen[name] = values

    def filtered(skip: str | None = None):
        queryset = base
        if chosen["category"] and skip != "category":
            queryset = queryset.filter(category__in=chosen["category"])
        if chosen["facility"] and skip != "facility":
            queryset = queryset.filter(
                pk__in=through.objects.filter(facility__slug__in=chosen["facility"]).values(
                    "collaboration_id"
                )
            )
        if chosen["decade"] and skip != "decade":
            queryset = queryset.filter(start_decade__in=[int(d) for d in chosen["decade"]])
        return queryset

    category_counts = _count_by(filtered(skip="category"), "category")
    decade_counts = {
        str(k): v for k, v in _count_by(filtered(skip="decade"), "start_decade").items() if k
    }
    facility_counts = dict(
        through.objects.filter(collaboration__in=filtered(skip="facility").values("pk"))
        .values_list("facility__slug")
        .annotate(n=Count("collaboration_id", distinct=True))
        .order_by()
    )
    decades = sorted(set(decade_counts) | set(chosen["decade"]))
    facets = [
        build_facet("category", "Category", category_choices, category_counts, chosen["category"]),
        build_facet("facility", "Facility", facility_choices, facility_counts, chosen["facility"]),
        build_facet(
            "decade", "Started in", [(d, f"{d}s") for d in decades], decade_counts, chosen["decade"]
        ),
    ]

    sort = query.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        sort = DEFAULT_SORT
    collaborations = list(_with_facilities(filtered()).order_by(*SORTS[sort][1]))
    return CollaborationDirectory(
        collaborations=collaborations,
        filters=FilterState(
            facets=facets, query=query, result_count=len(collaborations), ignored=ignored
        ),
        sort=sort,
        sorts=[(key, label) for key, (label, _) in SORTS.items()],
    )


def _is_decade(value: str) -> bool:
    return len(value) == 4 and value.isdigit() and value.endswith("0")


def _count_by(queryset, field: str) -> dict:
    return dict(
        Collaboration.objects.filter(pk__in=queryset.values("pk"))
        .order_by()
        .values_list(field)
        .annotate(n=Count("pk"))
    )


def timeline_collaborations() -> list[Collaboration]:
    """Every live collaboration with its facilities: the input of the timeline picture."""
    return list(
        _with_facilities(live_collaborations()).order_by(
            F("start_year").asc(nulls_last=True), "title"
        )
    )


def latest_collaborations(limit: int = 5) -> list[Collaboration]:
    """The most recently started collaborations, for the home page."""
    queryset = live_collaborations().filter(start_year__isnull=False)
    return list(_with_facilities(queryset).order_by("-start_year", "title")[:limit])


def collaboration_detail(collaboration: Collaboration) -> dict:
    """What a collaboration page shows besides its own fields."""
    # Read through the relations (not fresh queries) so that a preview of an
    # unsaved revision shows its own facilities and repositories.
    facilities = [f for f in collaboration.facilities.all() if f.live]
    return {
        "facilities": sorted(facilities, key=lambda f: f.acronym.casefold()),
        "repositories": list(collaboration.repositories.all()),
        "links": list(collaboration.links.all()),
    }


def collaborations_for_facility(facility):
    return (
        live_collaborations()
        .filter(facilities=facility)
        .order_by(F("start_year").asc(nulls_last=True), "title")
    )


def _open_jobs():
    today = timezone.localdate()
    return (
        JobPosting.objects.filter(live=True)
        .filter(Q(closing_date__isnull=True) | Q(closing_date__gte=today))
        .select_related("facility", "collaboration")
        .order_by(F("closing_date").asc(nulls_last=True), "-published_at")
    )


def _live_news():
    return (
        NewsItem.objects.filter(live=True)
        .select_related("facility", "collaboration")
        .order_by("-published_at")
    )


NEWS_LIMIT = 10


def news_for_collaboration(collaboration):
    return _live_news().filter(collaboration=collaboration)[:NEWS_LIMIT]


def open_jobs_for_collaboration(collaboration):
    return _open_jobs().filter(collaboration=collaboration)


def news_for_facility(facility):
    return _live_news().filter(facility=facility)[:NEWS_LIMIT]


def open_jobs_for_facility(facility):
    return _open_jobs().filter(facility=facility)
