"""Reads of the facility index: facilities filtered by kind, network and country, with counts.

A fixed number of queries whatever the number of facilities (one per facet
count, one for the list with its collaboration counts annotated).
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import QueryDict

from registry.core.facets import FilterState, build_facet

from .models import Facility

KINDS = Facility.KIND_FIELDS  # key -> (boolean field, label)
NETWORKS = {"leaps": ("leaps_member", "LEAPS"), "lens": ("lens_member", "LENS")}  # same shape


@dataclass
class FacilityDirectory:
    facilities: list[Facility]
    filters: FilterState


def live_facilities():
    return Facility.objects.live().public()


def _any_flag(flags: dict, chosen: list[str]) -> Q:
    q = Q()
    for key in chosen:
        q |= Q(**{flags[key][0]: True})
    return q


def facility_directory(query: QueryDict) -> FacilityDirectory:
    """Facilities matching any chosen kind, any chosen network and any chosen country."""
    base = live_facilities()
    countries = dict(base.order_by("country").values_list("country_code", "country").distinct())

    ignored: list[str] = []

    def chosen_values(name: str, allowed) -> list[str]:
        values = []
        for value in dict.fromkeys(query.getlist(name)):
            (values if value in allowed else ignored).append(value)
        return values

    chosen = {
        "kind": chosen_values("kind", KINDS),
        "network": chosen_values("network", NETWORKS),
        "country": chosen_values("country", countries),
    }

    def filtered(skip: str | None = None):
        queryset = base
        if chosen["kind"] and skip != "kind":
            queryset = queryset.filter(_any_flag(KINDS, chosen["kind"]))
        if chosen["network"] and skip != "network":
            queryset = queryset.filter(_any_flag(NETWORKS, chosen["network"]))
        if chosen["country"] and skip != "country":
            queryset = queryset.filter(country_code__in=chosen["country"])
        return queryset

    kind_counts = filtered(skip="kind").aggregate(
        **{key: Count("pk", filter=Q(**{field: True})) for key, (field, _) in KINDS.items()}
    )
    network_counts = filtered(skip="network").aggregate(
        **{key: Count("pk", filter=Q(**{field: True})) for key, (field, _) in NETWORKS.items()}
    )
    country_counts = dict(
        filtered(skip="country").order_by().values_list("country_code").annotate(n=Count("pk"))
    )
    facets = [
        build_facet(
            "kind",
            "Kind of source",
            [(k, label) for k, (_, label) in KINDS.items()],
            kind_counts,
            chosen["kind"],
        ),
        build_facet(
            "network",
            "Network",
            [(k, label) for k, (_, label) in NETWORKS.items()],
            network_counts,
            chosen["network"],
        ),
        build_facet(
            "country",
            "Country",
            sorted(countries.items(), key=lambda c: c[1]),
            country_counts,
            chosen["country"],
        ),
    ]
    facilities = list(
        filtered()
        .annotate(
            collaboration_count=Count(
                "collaborations", filter=Q(collaborations__live=True), distinct=True
            )
        )
        .order_by("acronym")
    )
    return FacilityDirectory(
        facilities=facilities,
        filters=FilterState(
            facets=facets, query=query, result_count=len(facilities), ignored=ignored
        ),
    )
