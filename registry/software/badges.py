"""Embeddable SVG badges a project puts in its README, drawn by pybadges2 (the maintained fork of Google's pybadges).

pybadges2 measures text with Verdana metrics, as shields.io does, so the
badges sit well next to the usual README badges. Colours keep white text at
WCAG AA contrast. A badge's bytes depend only on the entry's data, so its
ETag is a hash of them and an unchanged badge costs a 304.
"""

import hashlib
from dataclasses import dataclass

import pybadges2

from registry.software.fair import fair_level
from registry.software.maintenance import MAINTAINED, UNMAINTAINED, maintenance_of

LABEL = "PaN Registry"
BLUE = "#0d3b66"
GREEN = "#1e6e3a"
ORANGE = "#8a4b00"
GREY = "#4f5b6b"


@dataclass(frozen=True)
class Badge:
    variant: str
    title: str  # what the badge says, for alt text and the snippets
    svg: str

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.svg.encode()).hexdigest()[:32] + '"'


VARIANTS = {
    "listed": "Listed in PaN Registry",
    "maintenance": "Maintenance status",
    "fair": "FAIR software level",
    "stars": "Repository stars",
}


def render_badge(entry, variant: str) -> Badge:
    """The SVG badge `variant` of `entry` (one of VARIANTS); KeyError for an unknown variant."""
    left, right, colour = _TEXTS[variant](entry)
    title = f"{left}: {right}"
    svg = pybadges2.badge(
        left_text=left,
        right_text=right,
        left_color="#333",
        right_color=colour,
        whole_title=title,
    )
    return Badge(variant=variant, title=title, svg=svg)


def _listed(entry):
    return LABEL, "listed", BLUE


def _maintenance(entry):
    status = maintenance_of(entry.repository_metrics).status
    if status == MAINTAINED:
        return "maintenance", "active", GREEN
    if status == UNMAINTAINED:
        return "maintenance", "possibly unmaintained", ORANGE
    return "maintenance", "unknown", GREY


def _fair(entry):
    level = fair_level(entry)
    colour = GREEN if level.score == level.total else BLUE if level.score >= 3 else ORANGE
    return "FAIR software", f"{level.score}/{level.total}", colour


def _stars(entry):
    metrics = entry.repository_metrics
    if metrics is None or not metrics.harvested or metrics.stars is None:
        return "stars", "not harvested", GREY
    return "stars", f"{metrics.stars:,}", BLUE


_TEXTS = {"listed": _listed, "maintenance": _maintenance, "fair": _fair, "stars": _stars}
