"""What a facility page lists, one section per capability.

A facility's page shows everything linked to it. Each capability adds one
`Section` line below when it lands: a heading, a selector returning what to
show for the facility (prefetched: the page's query count must not grow with
the rows) and the include template that draws one item. The facility app
never imports the other apps' models itself.
"""

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Section:
    key: str  # anchor id on the page
    heading: str
    selector: str  # dotted path of `f(facility) -> iterable`
    item_template: str  # include drawing one item (`item` in its context)
    empty_text: str

    def items(self, facility):
        module, name = self.selector.rsplit(".", 1)
        return list(getattr(import_module(module), name)(facility))


SECTIONS = [
    Section(
        "collaborations",
        "IT collaborations",
        "registry.collaborations.selectors.collaborations_for_facility",
        "collaborations/includes/collaboration_item.html",
        "This facility takes part in no collaboration listed here yet.",
    ),
    Section(
        "software",
        "Software developed or used here",
        "registry.software.selectors.software_for_facility",
        "software/includes/facility_item.html",
        "No software in the catalogue is linked to this facility yet.",
    ),
    Section(
        "training",
        "Training provided",
        "registry.training.selectors.training_for_facility",
        "training/includes/material_item.html",
        "No training material from this facility is listed here yet.",
    ),
    Section(
        "events",
        "Events",
        "registry.events.selectors.events_for_facility",
        "events/includes/event_item.html",
        "No event organised by this facility is listed yet.",
    ),
    Section(
        "news",
        "News",
        "registry.collaborations.selectors.news_for_facility",
        "collaborations/includes/news_item.html",
        "No news from this facility yet.",
    ),
    Section(
        "jobs",
        "Job announcements",
        "registry.collaborations.selectors.open_jobs_for_facility",
        "collaborations/includes/job_posting.html",
        "No open IT positions announced by this facility.",
    ),
]


def sections_for(facility) -> list[tuple[Section, list]]:
    return [(section, section.items(facility)) for section in SECTIONS]
