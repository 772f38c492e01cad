"""What a workflow page shows: the diagram in both orientations and its text alternative.

Turns a Workflow's steps (with their software and facility pages) into the
plain DiagramSteps that diagram.py places, decides where each box links
(the software's catalogue entry, else the step's own link, else the step's
description further down the page, so every box is a link), and writes the
accessible name of each box and the ordered list of steps that is the
diagram's text alternative.
"""

from dataclasses import dataclass, field

from .blocks import StepKind
from .diagram import Diagram, DiagramStep, layout, reading_order
from .graph import routes


@dataclass(frozen=True)
class StepDescription:
    """One item of the text alternative."""

    number: int
    step: object  # models.workflows.WorkflowStep
    href: str
    leads_to: list[tuple[int, str, str]]  # (number, label, connection label)


@dataclass
class WorkflowDrawing:
    problems: list[str] = field(default_factory=list)
    horizontal: Diagram | None = None
    vertical: Diagram | None = None
    descriptions: list[StepDescription] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)

    @property
    def drawable(self) -> bool:
        return not self.problems and self.horizontal is not None


def workflow_drawing(workflow, *, request=None) -> WorkflowDrawing:
    problems = workflow.graph_problems()
    if problems:
        # A published page never gets here (the editor refuses the graph);
        # a preview of a broken draft says what is wrong instead of drawing.
        return WorkflowDrawing(problems=problems.messages())
    steps = {step.key: step for step in workflow.steps()}
    connections = [(c.source, c.target, c.label) for c in workflow.connections()]
    if not steps:
        return WorkflowDrawing(problems=["This workflow has no steps yet."])

    provisional = [_diagram_step(step, 0, 0, "") for step in steps.values()]
    order = [key for layer in reading_order(provisional, connections) for key in layer]
    number = {key: n for n, key in enumerate(order, start=1)}
    hrefs = {key: _href(steps[key], request) for key in order}
    diagram_steps = [
        _diagram_step(steps[key], number[key], len(order), hrefs[key]) for key in order
    ]
    following: dict[str, list[tuple[int, str, str]]] = {key: [] for key in order}
    for source, target, label in connections:
        following[source].append((number[target], steps[target].label, label))

    return WorkflowDrawing(
        horizontal=layout(diagram_steps, connections, orientation="horizontal"),
        vertical=layout(diagram_steps, connections, orientation="vertical"),
        descriptions=[
            StepDescription(
                number=number[key],
                step=steps[key],
                href=hrefs[key],
                leads_to=sorted(following[key]),
            )
            for key in order
        ],
        routes=[
            " → ".join(_short_name(steps[key]) for key in route)
            for route in routes(order, [(s, t) for s, t, _ in connections])
        ],
    )


def _href(step, request) -> str:
    if step.software is not None:
        url = step.software.get_url(request=request)
        if url:
            return url
    return step.url or f"#step-{step.key}"


def _details(step) -> list[str]:
    details = []
    if step.data_format:
        details.append(step.data_format)
    if step.facility is not None:
        details.append(getattr(step.facility, "acronym", "") or step.facility.title)
    if step.software is not None and step.software.title.lower() not in step.label.lower():
        details.append(step.software.title)
    return details


def _diagram_step(step, number: int, total: int, href: str) -> DiagramStep:
    kind_label = StepKind.LABELS.get(step.kind, step.kind)
    detail = " · ".join(_details(step))
    # The name starts with what the box shows, in the same order, then adds
    # what the box abbreviates (full facility name, the software).
    spoken = [step.label, kind_label] + ([detail] if detail else [])
    extra = []
    if step.facility is not None:
        extra.append(f"from {step.facility.title}")
    if step.software is not None:
        extra.append(f"done with {step.software.title}")
    return DiagramStep(
        key=step.key,
        number=number,
        label=step.label,
        kind=step.kind,
        kind_label=kind_label,
        detail=detail,
        href=href,
        accessible_name=", ".join(spoken)
        + f". Step {number} of {total}"
        + (f", {', '.join(extra)}" if extra else ""),
    )


def _short_name(step) -> str:
    if step.kind == StepKind.DATASET and step.facility is not None:
        return f"{step.label} ({getattr(step.facility, 'acronym', '') or step.facility.title})"
    return step.label
