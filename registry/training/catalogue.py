"""The /training/ catalogue: search, facets, sort and pages from the query string.

Everything is plain GET parameters, so the catalogue works without
JavaScript, every view of it has a URL to share, and the page is cacheable.
Facets are disjunctive: values ticked within one facet widen the results
(type = video OR notebook), facets combine with AND, and each facet's counts
are computed with every *other* facet applied, so a count always says how
many results ticking that box would add. One aggregate query per facet plus
the page of results: the query count never depends on the number of rows.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower

from registry.curation.stale import exclude_stale
from registry.facilities.models import Facility

from .models import Audience, TrainingMaterial
from .models.materials import LANGUAGE_NAMES
from .review import REVIEW_STATES, review_state_expression

PAGE_SIZE = 24
PANET_ID = re.compile(r"^PaNET\d{5}$")


@dataclass(frozen=True)
class Facet:
    """One filter group: its GET parameter, how values filter and how they are counted."""

    param: str
    heading: str
    value_field: str  # the column counted, grouped by (after annotations)
    label_field: str | None = None  # a column holding the option's label, if not the value
    to_param: Callable[[str], str] = str  # column value → GET value
    to_q: Callable[[list[str]], Q] | None = None  # GET values → filter, default value_field__in
    label_of: Callable[[str], str] | None = None  # GET value → label, when no label_field
    valid: Callable[[str], bool] = bool
    many: bool = False  # a many-to-many column: filter through a subquery

    def q(self, values: list[str]) -> Q:
        if self.to_q is not None:
            return self.to_q(values)
        return Q(**{f"{self.value_field}__in": values})


def _technique_q(values: list[str]) -> Q:
    q = Q()
    for panet_id in values:
        q |= Q(techniques__iri__endswith=f"/{panet_id}")
    return q


TYPE_LABELS = dict(TrainingMaterial.Type.choices)
DIFFICULTY_LABELS = dict(TrainingMaterial.Difficulty.choices)

FACETS = [
    Facet(
        "type",
        "Type",
        "material_type",
        label_of=lambda v: TYPE_LABELS.get(v, v),
        valid=TYPE_LABELS.__contains__,
    ),
    Facet("audience", "Audience", "audiences__slug", label_field="audiences__name", many=True),
    Facet(
        "difficulty",
        "Difficulty",
        "difficulty",
        label_of=lambda v: DIFFICULTY_LABELS.get(v, v),
        valid=DIFFICULTY_LABELS.__contains__,
    ),
    # Facilities by page slug (esrf, max-iv), like the other catalogues' filters.
    Facet(
        "facility",
        "Providing facility",
        "providing_facility__slug",
        label_field="providing_facility__acronym",
    ),
    Facet(
        "technique",
        "PaN technique",
        "techniques__iri",
        label_field="techniques__name",
        to_param=lambda iri: iri.rsplit("/", 1)[-1],
        to_q=_technique_q,
        valid=lambda v: bool(PANET_ID.match(v)),
        many=True,
    ),
    Facet(
        "language",
        "Language",
        "language",
        label_of=lambda v: LANGUAGE_NAMES.get(v, v),
        valid=LANGUAGE_NAMES.__contains__,
    ),
    Facet(
        "review",
        "Review status",
        "review_state",
        label_of=lambda v: REVIEW_STATES[v].label if v in REVIEW_STATES else v,
        valid=REVIEW_STATES.__contains__,
    ),
]

SORTS = {
    "relevance": ("Best match", None),
    "title": ("Title A–Z", [Lower("title")]),
    "newest": ("Newest first", [F("first_published_at").desc(nulls_last=True), Lower("title")]),
    "reviewed": ("Recently reviewed", [F("last_reviewed").desc(nulls_last=True), Lower("title")]),
    "shortest": ("Shortest first", [F("duration").asc(nulls_last=True), Lower("title")]),
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    facet: Facet
    options: list[FacetOption]

    @property
    def any_selected(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class Catalogue:
    query: str
    sort: str
    sorts: list[tuple[str, str]]
    facets: list[FacetGroup]
    results: PaginatorPage
    total: int
    active: list[tuple[str, str, str]] = field(default_factory=list)  # label, value, remove-URL
    params: dict = field(default_factory=dict)  # the normalised query string, for links

    def page_url(self, number: int) -> str:
        return "?" + urlencode(self.params | {"page": str(number)}, doseq=True)

    @property
    def previous_url(self) -> str:
        page = self.results
        return self.page_url(page.previous_page_number()) if page.has_previous() else ""

    @property
    def next_url(self) -> str:
        page = self.results
        return self.page_url(page.next_page_number()) if page.has_next() else ""

    @property
    def page_links(self) -> list[tuple[int | None, str, bool]]:
        """(number, URL, is current) around the current page; None marks a gap."""
        page = self.results
        numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        return [
            (None, "", False)
            if number == page.paginator.ELLIPSIS
            else (number, self.page_url(number), number == page.number)
            for number in numbers
        ]


def training_catalogue(*, index, params, today: date, page_size: int = PAGE_SIZE) -> Catalogue:
    query = params.get("q", "").strip()[:200]
    selected = {
        facet.param: [v for v in dict.fromkeys(params.getlist(facet.param)) if facet.valid(v)]
        for facet in FACETS
    }
    base = (
        TrainingMaterial.objects.live()
        .public()
        .child_of(index)
        .annotate(review_state=review_state_expression(today))
    )
    hide_stale = params.get("hide_stale") == "1"
    if hide_stale:
        base = exclude_stale(base)
    ranked_ids: list[int] | None = None
    if query:
        # The search backend (database or Elasticsearch) ranks; facets then
        # narrow the ranked ids.
        ranked_ids = [
            page.pk for page in TrainingMaterial.objects.live().child_of(index).search(query)
        ]
        base = base.filter(pk__in=ranked_ids)

    groups = [
        FacetGroup(facet, _options(facet, _filtered(base, selected, but=facet), selected))
        for facet in FACETS
    ]
    results = _filtered(base, selected).select_related("providing_facility")
    results = results.prefetch_related("audiences")

    default_sort = "relevance" if ranked_ids is not None else "title"
    sort = params.get("sort", "")
    if sort not in SORTS or (sort == "relevance" and ranked_ids is None):
        sort = default_sort
    if sort == "relevance":
        # Keep the backend's order: page through the ranked ids that pass the
        # filters, then load only the page's materials.
        passing = set(results.values_list("pk", flat=True))
        paginator = Paginator([pk for pk in ranked_ids if pk in passing], page_size)
        page = paginator.get_page(params.get("page"))
        loaded = results.in_bulk(list(page.object_list))
        page.object_list = [loaded[pk] for pk in page.object_list]
    else:
        paginator = Paginator(results.order_by(*SORTS[sort][1]), page_size)
        page = paginator.get_page(params.get("page"))
        page.object_list = list(page.object_list)
    for material in page.object_list:
        material.review_label = REVIEW_STATES[material.review_state].label
    base_params = {"q": query} if query else {}
    base_params |= {name: values for name, values in selected.items() if values}
    if hide_stale:
        base_params["hide_stale"] = "1"
    if sort != default_sort:
        base_params["sort"] = sort
    return Catalogue(
        query=query,
        sort=sort,
        sorts=[(key, label) for key, (label, _) in SORTS.items() if key != "relevance" or query],
        facets=groups,
        results=page,
        total=paginator.count,
        active=_active_filters(groups, base_params),
        params=base_params,
    )


def _filtered(base: QuerySet, selected: dict[str, list[str]], but: Facet | None = None):
    for facet in FACETS:
        values = selected[facet.param]
        if not values or facet is but:
            continue
        if facet.many:
            # Through a subquery, so a material matching two ticked values is
            # still one row.
            base = base.filter(pk__in=TrainingMaterial.objects.filter(facet.q(values)).values("pk"))
        else:
            base = base.filter(facet.q(values))
    return base


def _options(facet: Facet, queryset: QuerySet, selected: dict[str, list[str]]) -> list[FacetOption]:
    columns = [facet.value_field] + ([facet.label_field] if facet.label_field else [])
    rows = (
        queryset.exclude(**{f"{facet.value_field}__isnull": True})
        .exclude(**{facet.value_field: ""})
        .values(*columns)
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    chosen = selected[facet.param]
    options = {}
    for row in rows:
        value = facet.to_param(row[facet.value_field])
        label = row[facet.label_field] if facet.label_field else facet.label_of(value)
        options[value] = FacetOption(value, label, row["n"], value in chosen)
    for value in chosen:
        # A ticked value with no result left stays visible so it can be unticked.
        options.setdefault(value, FacetOption(value, _label_for(facet, value), 0, True))
    return sorted(options.values(), key=lambda o: (-o.count, o.label.lower()))


def _label_for(facet: Facet, value: str) -> str:
    if facet.label_of is not None:
        return facet.label_of(value)
    if facet.param == "audience":
        audience = Audience.objects.filter(slug=value).first()
        return audience.name if audience else value
    if facet.param == "facility":
        facility = Facility.objects.filter(slug=value).first()
        return facility.acronym if facility else value
    return value


def _active_filters(groups: list[FacetGroup], params: dict) -> list[tuple[str, str, str]]:
    active = []
    for group in groups:
        for option in group.options:
            if option.selected:
                # Same parameters in the same order, less this one value.
                rest = {
                    k: [x for x in v if x != option.value] if k == group.facet.param else v
                    for k, v in params.items()
                }
                rest = {k: v for k, v in rest.items() if v}
                active.append(
                    (
                        f"{group.facet.heading}: {option.label}",
                        option.value,
                        "?" + urlencode(rest, doseq=True),
                    )
                )
    return active
