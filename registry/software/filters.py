"""The catalogue's filters as they travel in the URL (GET parameters), and links that change them.

`/software/?technique=PaNET01188&language=python&language=c&sort=stars&page=2`:
values within one facet are alternatives (Python or C), facets combine (and
SAXS). Links the page draws (toggle a value, sort, next page) are built here
so every one of them keeps the other choices.
"""

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

FACET_PARAMS = ("technique", "facility", "language", "licence", "interface", "maintenance")

SORTS = {
    "name": "Name",
    "updated": "Recently updated",
    "stars": "Most starred",
}
DEFAULT_SORT = "name"
NO_LICENCE = "none"  # the facet value for entries whose licence is not recorded
MAX_VALUES = 30  # per facet; more is not a person choosing, and keeps the SQL small


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    page: str = "1"
    # Leave out entries with an open stale flag (registry.curation): besides the
    # repository rules of the maintenance facet, broken links.
    hide_stale: bool = False

    @classmethod
    def from_query(cls, query) -> "CatalogueFilters":
        values = {}
        for param in FACET_PARAMS:
            chosen = []
            for value in query.getlist(param):
                value = value.strip()
                if value and value not in chosen:
                    chosen.append(value)
            if chosen:
                values[param] = tuple(chosen[:MAX_VALUES])
        sort = query.get("sort", DEFAULT_SORT)
        return cls(
            q=query.get("q", "").strip()[:200],
            values=values,
            sort=sort if sort in SORTS else DEFAULT_SORT,
            page=query.get("page", "1"),
            hide_stale=query.get("hide_stale") == "1",
        )

    def chosen(self, param: str) -> tuple[str, ...]:
        return self.values.get(param, ())

    @property
    def active(self) -> bool:
        return bool(self.q or self.values or self.hide_stale)

    def without(self, param: str) -> "CatalogueFilters":
        """The same filters except those of one facet (for that facet's counts)."""
        return replace(self, values={k: v for k, v in self.values.items() if k != param})

    def _pairs(self, *, values=None, sort=None, page=None) -> list[tuple[str, str]]:
        pairs = [("q", self.q)] if self.q else []
        for param in FACET_PARAMS:
            pairs += [
                (param, v) for v in (values if values is not None else self.values).get(param, ())
            ]
        if self.hide_stale:
            pairs.append(("hide_stale", "1"))
        sort = sort or self.sort
        if sort != DEFAULT_SORT:
            pairs.append(("sort", sort))
        if page and page != 1:
            pairs.append(("page", str(page)))
        return pairs

    def querystring(self, **kwargs) -> str:
        pairs = self._pairs(**kwargs)
        return "?" + urlencode(pairs) if pairs else "?"

    def toggled(self, param: str, value: str) -> str:
        """Query string with `value` of facet `param` switched on or off (back to page 1)."""
        current = list(self.chosen(param))
        if value in current:
            current.remove(value)
        else:
            current.append(value)
        values = {**self.values, param: tuple(current)}
        return self.querystring(values=values)

    def sorted_by(self, sort: str) -> str:
        return self.querystring(sort=sort)

    def page_link(self, number: int) -> str:
        return self.querystring(page=number)
