"""Where each box and arrow of a workflow diagram goes, computed on the server.

The page draws the workflow as inline SVG that needs no JavaScript: steps in
layers (graph.layers: longest path from a starting step), one column per
layer on a wide screen, one row per layer on a phone. Within a layer, steps
are ordered by the mean position of the steps that feed them (one barycentre
sweep), which removes most crossings in graphs of this size. The boxes come
out in reading order (layer by layer), so keyboard and screen-reader users
meet the steps in the order the data flows.
"""

import textwrap
from dataclasses import dataclass, field

from .graph import layers

# Box sizes in SVG user units (CSS pixels at full size). The tall (phone)
# layout uses narrower boxes so that two steps side by side fit a 375 px
# screen at nearly full size.
NODE_WIDTH = {"horizontal": 176, "vertical": 150}
NODE_PADDING = 10
LAYER_GAP = {"horizontal": 64, "vertical": 56}  # room for the arrow and its label
SIBLING_GAP = {"horizontal": 22, "vertical": 16}
MARGIN = 12
# Characters per line at the stylesheet's 15 px (labels) and 13 px (details).
LABEL_CHARS = {"horizontal": 18, "vertical": 15}
DETAIL_CHARS = {"horizontal": 22, "vertical": 17}
LINE_HEIGHT = 19


@dataclass(frozen=True)
class DiagramStep:
    """A step as the diagram needs it: what to write, where the box links, what it is called."""

    key: str
    number: int
    label: str
    kind: str
    kind_label: str
    detail: str  # format and facility, or the software, on the box's last line
    href: str
    accessible_name: str


@dataclass(frozen=True)
class TextLine:
    text: str
    y: float
    emphasis: bool


@dataclass(frozen=True)
class PlacedStep:
    step: DiagramStep
    x: float
    y: float
    width: float
    height: float
    lines: list[TextLine]

    @property
    def text_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class PlacedConnection:
    source: str
    target: str
    path: str
    start: tuple[float, float]
    end: tuple[float, float]
    label: str
    label_x: float
    label_y: float
    label_anchor: str


@dataclass
class Diagram:
    orientation: str
    width: float
    height: float
    steps: list[PlacedStep] = field(default_factory=list)
    connections: list[PlacedConnection] = field(default_factory=list)

    def step(self, key: str) -> PlacedStep:
        return next(placed for placed in self.steps if placed.step.key == key)


def reading_order(
    steps: list[DiagramStep], connections: list[tuple[str, str, str]]
) -> list[list[str]]:
    """The step ids of each layer, in the order they are drawn and read."""
    keys = [step.key for step in steps]
    pairs = [(source, target) for source, target, _ in connections]
    layer_of = layers(keys, pairs)
    by_layer: list[list[str]] = [[] for _ in range(max(layer_of.values(), default=-1) + 1)]
    for key in keys:
        by_layer[layer_of[key]].append(key)
    predecessors: dict[str, list[str]] = {key: [] for key in keys}
    for source, target in pairs:
        predecessors[target].append(source)
    position: dict[str, float] = {key: i for i, key in enumerate(by_layer[0] if by_layer else [])}
    editor_order = {key: i for i, key in enumerate(keys)}
    for n in range(1, len(by_layer)):

        def barycentre(key: str) -> tuple[float, int]:
            placed = [position[p] for p in predecessors[key] if p in position]
            return (sum(placed) / len(placed) if placed else 0.0, editor_order[key])

        by_layer[n].sort(key=barycentre)
        position.update({key: i for i, key in enumerate(by_layer[n])})
    return by_layer


def layout(
    steps: list[DiagramStep], connections: list[tuple[str, str, str]], *, orientation: str
) -> Diagram:
    """Place the steps and draw the connections (source, target, label) for one orientation."""
    if orientation not in LAYER_GAP:
        raise ValueError(f"orientation must be horizontal or vertical, not {orientation!r}")
    horizontal = orientation == "horizontal"
    by_key = {step.key: step for step in steps}
    grid = reading_order(steps, connections)
    widest = max((len(layer) for layer in grid), default=0)
    # Text is wrapped, never cut: every box gets the height of the fullest one.
    lines = {step.key: text_lines(step, orientation) for step in steps}
    height = NODE_PADDING * 2 + LINE_HEIGHT * max((len(v) for v in lines.values()), default=1)
    width = NODE_WIDTH[orientation]
    main_size, cross_size = (width, height) if horizontal else (height, width)
    main_step = main_size + LAYER_GAP[orientation]
    cross_step = cross_size + SIBLING_GAP[orientation]

    diagram = Diagram(orientation=orientation, width=0, height=0)
    for layer_index, layer in enumerate(grid):
        # Centre a short layer against the widest one.
        offset = (widest - len(layer)) * cross_step / 2
        for slot, key in enumerate(layer):
            main = MARGIN + layer_index * main_step
            cross = MARGIN + offset + slot * cross_step
            x, y = (main, cross) if horizontal else (cross, main)
            diagram.steps.append(_place(by_key[key], lines[key], x, y, width, height))
    main_extent = len(grid) * main_step - LAYER_GAP[orientation] + 2 * MARGIN
    cross_extent = widest * cross_step - SIBLING_GAP[orientation] + 2 * MARGIN
    diagram.width, diagram.height = (
        (main_extent, cross_extent) if horizontal else (cross_extent, main_extent)
    )
    for source, target, label in connections:
        diagram.connections.append(
            _connect(diagram.step(source), diagram.step(target), label, horizontal)
        )
    return diagram


def text_lines(step: DiagramStep, orientation: str) -> list[tuple[str, bool]]:
    """The box's lines as (text, is the label): label, kind, then format/facility/software.

    The kind is written out, not only coloured, for readers who cannot tell
    the colours apart. Joined with spaces, the lines give back the full text,
    which the box's accessible name repeats (WCAG 2.5.3, label in name).
    """
    label = textwrap.wrap(step.label, LABEL_CHARS[orientation]) or [""]
    detail = textwrap.wrap(step.detail, DETAIL_CHARS[orientation])
    return (
        [(text, True) for text in label]
        + [(step.kind_label, False)]
        + [(text, False) for text in detail]
    )


def _place(step, lines, x: float, y: float, width: float, height: float) -> PlacedStep:
    # Centre the block of lines in the box; y is each line's baseline.
    top = y + (height - len(lines) * LINE_HEIGHT) / 2 + LINE_HEIGHT * 0.75
    placed_lines = [
        TextLine(text=text, y=round(top + i * LINE_HEIGHT, 1), emphasis=emphasis)
        for i, (text, emphasis) in enumerate(lines)
    ]
    return PlacedStep(step=step, x=x, y=y, width=width, height=height, lines=placed_lines)


def _connect(a: PlacedStep, b: PlacedStep, label: str, horizontal: bool) -> PlacedConnection:
    if horizontal:
        start = (a.x + a.width, a.y + a.height / 2)
        end = (b.x, b.y + b.height / 2)
        bend = (end[0] - start[0]) / 2
        c1, c2 = (start[0] + bend, start[1]), (end[0] - bend, end[1])
    else:
        start = (a.x + a.width / 2, a.y + a.height)
        end = (b.x + b.width / 2, b.y)
        bend = (end[1] - start[1]) / 2
        c1, c2 = (start[0], start[1] + bend), (end[0], end[1] - bend)
    path = "M{:.1f},{:.1f} C{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}".format(
        *start, *c1, *c2, *end
    )
    # The curve is symmetric, so its midpoint is the midpoint of its ends.
    mid_x, mid_y = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    return PlacedConnection(
        source=a.step.key,
        target=b.step.key,
        path=path,
        start=start,
        end=end,
        label=label,
        # Above the arrow on a wide diagram, beside it on a tall one.
        label_x=round(mid_x if horizontal else mid_x + 8, 1),
        label_y=round(mid_y - 6 if horizontal else mid_y + 4, 1),
        label_anchor="middle" if horizontal else "start",
    )
