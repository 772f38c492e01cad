"""Faceted filtering shown as plain GET forms: what each list page's facets look like.

A list page (collaborations, facilities, and later software, training,
events) builds `Facet`s from its selector's counts; the templates
`core/includes/facets.html` and `core/includes/active_filters.html` draw the
form (checkboxes and a submit button: works without JavaScript) and the
removable "active filter" chips with the result count. Nothing here touches
the database.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str  # the GET parameter
    legend: str
    options: Sequence[FacetOption]

    @property
    def selected(self) -> list[FacetOption]:
        return [option for option in self.options if option.selected]


@dataclass(frozen=True)
class ActiveFilter:
    legend: str
    label: str
    remove_url: str  # the current query string without this value ("?..." or "?")


@dataclass
class FilterState:
    """What the page shows above its results: active filters, each removable, and the count."""

    facets: Sequence[Facet]
    query: QueryDict
    result_count: int
    ignored: list[str] = field(default_factory=list)  # values that matched no option

    @property
    def active(self) -> list[ActiveFilter]:
        chips = []
        for facet in self.facets:
            for option in facet.selected:
                chips.append(
                    ActiveFilter(
                        legend=facet.legend,
                        label=option.label,
                        remove_url=query_without(self.query, facet.name, option.value),
                    )
                )
        return chips

    @property
    def clear_url(self) -> str:
        names = {facet.name for facet in self.facets}
        kept = [
            (k, v) for k, values in self.query.lists() if k not in names | {"page"} for v in values
        ]
        return "?" + urlencode(kept)


def build_facet(
    name: str,
    legend: str,
    choices: Iterable[tuple[str, str]],
    counts: dict[str, int],
    selected: Iterable[str],
    *,
    hide_empty: bool = True,
) -> Facet:
    """A facet whose options are `choices` (value, label), with counts; empty unselected ones hidden."""
    selected = set(selected)
    options = [
        FacetOption(
            value=value, label=label, count=counts.get(value, 0), selected=value in selected
        )
        for value, label in choices
        if not hide_empty or counts.get(value, 0) or value in selected
    ]
    return Facet(name=name, legend=legend, options=options)


def query_without(query: QueryDict, name: str, value: str) -> str:
    """The query string with one value of one parameter removed (and the page number reset)."""
    kept = [
        (key, v)
        for key, values in query.lists()
        if key != "page"
        for v in values
        if not (key == name and v == value)
    ]
    return "?" + urlencode(kept)
