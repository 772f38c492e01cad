"""What a collaboration page lists below its facts, one section per kind of item.

The same pattern as `registry/facilities/sections.py`: a `Section` names a
heading, a selector `f(collaboration) -> iterable` (prefetched) and the
include drawing one item (`item` in its context). A section without a
selector is a placeholder that shows its empty text.

"Conferences and workshops" is such a placeholder until the events app
lands: it plugs in by appending one line with the same key, e.g.

    Section("events", "Conferences and workshops",
            "registry.events.selectors.upcoming_events_for_collaboration",
            "events/includes/event_item.html",
            "No upcoming conferences or workshops.")

A later line replaces an earlier one with the same key, so nobody edits the
lines above it.
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Section:
    key: str  # anchor id on the page
    heading: str
    selector: str | None  # dotted path of `f(collaboration) -> iterable`
    item_template: str | None  # include drawing one item (`item` in its context)
    empty_text: str

    def items(self, collaboration) -> list:
        if self.selector is None:
            return []
        module, name = self.selector.rsplit(".", 1)
        return list(getattr(import_module(module), name)(collaboration))


SECTIONS = [
    Section(
        "news",
        "News",
        "registry.collaborations.selectors.news_for_collaboration",
        "collaborations/includes/news_item.html",
        "No news from this collaboration yet.",
    ),
    Section(
        "jobs",
        "Job announcements",
        "registry.collaborations.selectors.open_jobs_for_collaboration",
        "collaborations/includes/job_posting.html",
        "No open positions announced for this collaboration.",
    ),
    Section(
        "events",
        "Conferences and workshops",
        None,
        None,
        "No conferences or workshops listed yet: the events calendar is coming.",
    ),
    Section(
        "events",
        "Conferences and workshops",
        "registry.events.selectors.events_for_collaboration",
        "events/includes/event_item.html",
        "No conference, workshop or other event of this collaboration is listed yet.",
    ),
]


def sections_for(collaboration) -> list[tuple[Section, list]]:
    by_key = {section.key: section for section in SECTIONS}  # later lines win
    return [(section, section.items(collaboration)) for section in by_key.values()]
