"""The timeline picture of the LEAPS appendix (Figures 1 and 2), computed from the data.

Collaborations are placed by start year (across) against their participating
facilities (down), one panel per period: 1999-2009 and 2010-2019 as in the
appendix, plus "2020 onwards" and "before 1999" when the data reaches them.
Each collaboration is a vertical stroke joining a dot per participating
facility, labelled with its name. A collaboration whose facilities are not
recorded gets a hollow dot on a "not recorded" row; one without an exact
start year is not placed and is listed under the picture instead.

This module only computes geometry (plain numbers and strings, no ORM, no
HTML): `collaborations/includes/timeline.html` draws it as inline SVG and the
table next to it is the text alternative. Because it runs on every render
(behind the page cache), a curator who publishes a collaboration changes the
picture at once.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Geometry, in SVG user units (1 unit = 1 CSS pixel at natural size).
FONT_SIZE = 13
CHAR_WIDTH = 7.6  # generous average advance of the system sans-serif at 13px
ROW_HEIGHT = 26
SLOT = 26  # horizontal room per collaboration within a year band
MIN_BAND = 36  # width of a year without collaborations
BAND_PADDING = 10
LABEL_ANGLE = 55  # degrees, names rise to the right above the plot
DOT_RADIUS = 5
MARGIN = 12
AXIS_HEIGHT = 30
NOT_RECORDED = "not recorded"
COLOUR_CLASSES = ("tl-c0", "tl-c1", "tl-c2")

APPENDIX_PERIODS = ((1999, 2009), (2010, 2019))


@dataclass(frozen=True)
class TimelineItem:
    title: str
    url: str
    start_year: int | None
    started: str  # the start in words: a year or the source's period
    facilities: tuple[str, ...]  # acronyms
    category: str = ""
    end_year: int | None = None

    @property
    def ended(self) -> str:
        return str(self.end_year) if self.end_year else ""


@dataclass(frozen=True)
class Row:
    label: str
    y: float
    recorded: bool  # False for the "not recorded" row


@dataclass(frozen=True)
class YearBand:
    year: int
    x: float  # left edge
    width: float

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Mark:
    item: TimelineItem
    x: float
    dots: tuple[float, ...]  # y of each dot
    hollow: bool
    colour: str
    label_x: float
    label_y: float

    @property
    def y_top(self) -> float:
        return min(self.dots)

    @property
    def y_bottom(self) -> float:
        return max(self.dots)

    @property
    def spans(self) -> bool:
        return len(self.dots) > 1


@dataclass(frozen=True)
class Panel:
    key: str
    first_year: int
    last_year: int
    items: tuple[TimelineItem, ...]
    width: float = 0
    height: float = 0
    plot_left: float = 0
    plot_right: float = 0
    plot_top: float = 0
    plot_bottom: float = 0
    rows: tuple[Row, ...] = ()
    years: tuple[YearBand, ...] = ()
    marks: tuple[Mark, ...] = ()

    @property
    def period(self) -> str:
        return f"{self.first_year}–{self.last_year}"

    @property
    def title(self) -> str:
        return f"LEAPS IT collaborations {self.period}"

    @property
    def description(self) -> str:
        """The picture in words, for the SVG's <desc>."""
        if not self.items:
            return f"No collaboration with a known start year in {self.period}."
        parts = [
            f"{item.title} ({item.start_year}): "
            + (", ".join(item.facilities) if item.facilities else "facilities not recorded")
            for item in self.items
        ]
        return (
            f"{len(self.items)} collaboration{'s' if len(self.items) != 1 else ''} by start year "
            f"(across) and participating facilities (down). " + "; ".join(parts) + "."
        )

    @property
    def axis_y(self) -> float:
        return round(self.plot_bottom + AXIS_HEIGHT - 10, 1)

    @property
    def plot_height(self) -> float:
        return round(self.plot_bottom - self.plot_top, 1)

    @property
    def row_label_x(self) -> float:
        return round(self.plot_left - MARGIN / 2, 1)

    @property
    def label_rotation(self) -> int:
        return -LABEL_ANGLE


@dataclass(frozen=True)
class Timeline:
    panels: tuple[Panel, ...]
    unplaced: tuple[TimelineItem, ...]  # no exact start year: listed, not drawn

    @property
    def placed_count(self) -> int:
        return sum(len(panel.items) for panel in self.panels)


def build_timeline(items: Iterable[TimelineItem]) -> Timeline:
    items = list(items)
    dated = [item for item in items if item.start_year]
    unplaced = tuple(
        sorted((i for i in items if not i.start_year), key=lambda i: i.title.casefold())
    )
    return Timeline(
        panels=tuple(_layout(panel) for panel in _periods(dated)),
        unplaced=unplaced,
    )


def _periods(dated: list[TimelineItem]) -> list[Panel]:
    """The appendix's two periods always; earlier and later ones when data reaches them."""
    years = [item.start_year for item in dated]
    spans = list(APPENDIX_PERIODS)
    if years and min(years) < APPENDIX_PERIODS[0][0]:
        spans.insert(0, (min(years), APPENDIX_PERIODS[0][0] - 1))
    if years and max(years) > APPENDIX_PERIODS[-1][1]:
        spans.append((APPENDIX_PERIODS[-1][1] + 1, max(years)))
    panels = []
    for first, last in spans:
        chosen = sorted(
            (item for item in dated if first <= item.start_year <= last),
            key=lambda item: (item.start_year, item.title.casefold()),
        )
        panels.append(
            Panel(key=f"{first}-{last}", first_year=first, last_year=last, items=tuple(chosen))
        )
    return panels


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _layout(panel: Panel) -> Panel:
    if not panel.items:
        return panel
    acronyms = sorted({a for item in panel.items for a in item.facilities}, key=str.casefold)
    labels = [*acronyms, *([NOT_RECORDED] if any(not i.facilities for i in panel.items) else [])]

    sin, cos = math.sin(math.radians(LABEL_ANGLE)), math.cos(math.radians(LABEL_ANGLE))
    longest_name = max(_text_width(item.title) for item in panel.items)
    plot_left = round(MARGIN + max(_text_width(label) for label in labels) + MARGIN, 1)
    plot_top = round(MARGIN + longest_name * sin + FONT_SIZE, 1)
    rows = tuple(
        Row(
            label=label,
            y=round(plot_top + ROW_HEIGHT * (i + 0.5), 1),
            recorded=label != NOT_RECORDED,
        )
        for i, label in enumerate(labels)
    )
    row_y = {row.label: row.y for row in rows}
    plot_bottom = round(plot_top + ROW_HEIGHT * len(rows), 1)

    by_year: dict[int, list[TimelineItem]] = {}
    for item in panel.items:
        by_year.setdefault(item.start_year, []).append(item)

    bands, marks, x = [], [], plot_left
    for year in range(panel.first_year, panel.last_year + 1):
        in_year = by_year.get(year, [])
        width = max(MIN_BAND, SLOT * len(in_year) + 2 * BAND_PADDING)
        bands.append(YearBand(year=year, x=round(x, 1), width=width))
        first_slot = x + (width - SLOT * len(in_year)) / 2
        for j, item in enumerate(in_year):
            mark_x = round(first_slot + SLOT * (j + 0.5), 1)
            dots = tuple(row_y[a] for a in item.facilities) or (row_y[NOT_RECORDED],)
            marks.append(
                Mark(
                    item=item,
                    x=mark_x,
                    dots=tuple(sorted(dots)),
                    hollow=not item.facilities,
                    colour=COLOUR_CLASSES[len(marks) % len(COLOUR_CLASSES)],
                    label_x=mark_x,
                    label_y=round(plot_top - 8, 1),
                )
            )
        x += width
    plot_right = round(x, 1)
    # Rotated names lean right: the widest reach decides the picture's width.
    reach = max(m.label_x + _text_width(m.item.title) * cos for m in marks)
    width = math.ceil(max(plot_right, reach) + MARGIN)
    height = math.ceil(plot_bottom + AXIS_HEIGHT)
    return Panel(
        key=panel.key,
        first_year=panel.first_year,
        last_year=panel.last_year,
        items=panel.items,
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        rows=rows,
        years=tuple(bands),
        marks=tuple(marks),
    )


def items_from_collaborations(collaborations: Sequence, request=None) -> list[TimelineItem]:
    """Timeline items from Collaboration pages whose `facilities` are prefetched."""
    return [
        TimelineItem(
            title=c.title,
            url=c.get_url(request) or "",
            start_year=c.start_year,
            started=c.started,
            facilities=tuple(sorted((f.acronym for f in c.facilities.all()), key=str.casefold)),
            category=c.get_category_display(),
            end_year=c.end_year,
        )
        for c in collaborations
    ]
