"""Reads for the site frame: what the home page shows about every section.

A fixed number of queries: one for the section index pages, one count per
section, and the few lists the home page draws.
"""

from dataclasses import dataclass

from wagtail.models import Page

from .context_processors import NAVIGATION
from .navigation import SECTION_BLURBS, SECTION_NOUNS, section_index_urls, site_root_path


@dataclass(frozen=True)
class SectionSummary:
    label: str
    url: str
    blurb: str
    available: bool
    count: int | None  # live entries, when the section exists
    nouns: tuple[str, str] = ("entry", "entries")

    @property
    def noun(self) -> str:
        return self.nouns[0] if self.count == 1 else self.nouns[1]


def section_summaries(request) -> list[SectionSummary]:
    urls = section_index_urls([url for _, url in NAVIGATION])
    root = site_root_path(request) or ""
    paths = {root.rstrip("/") + url: url for url in urls}
    indexes = {paths[p.url_path]: p for p in Page.objects.live().filter(url_path__in=list(paths))}
    summaries = []
    for label, url in NAVIGATION:
        if url not in urls:
            continue
        index = indexes.get(url)
        count = None
        if index is not None:
            # Entries are the live pages below the index that are not themselves indexes.
            count = (
                Page.objects.live()
                .descendant_of(index)
                .exclude(content_type__model__endswith="indexpage")
                .count()
            )
        summaries.append(
            SectionSummary(
                label=label,
                url=url,
                blurb=SECTION_BLURBS.get(url, ""),
                available=index is not None,
                count=count,
                nouns=SECTION_NOUNS.get(url, ("entry", "entries")),
            )
        )
    return summaries


def home_page_context(request) -> dict:
    from registry.collaborations.selectors import latest_collaborations
    from registry.facilities.selectors import live_facilities

    facilities = list(live_facilities().order_by("acronym"))
    return {
        "sections": section_summaries(request),
        "latest_collaborations": latest_collaborations(limit=5),
        "leaps_facilities": [f for f in facilities if f.leaps_member],
        "lens_facilities": [f for f in facilities if f.lens_member],
        "facility_count": len(facilities),
    }
