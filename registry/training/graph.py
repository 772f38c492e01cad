"""The shape of a workflow: a small directed graph of steps and connections.

Pure functions over step ids and (from, to) pairs, no ORM: the admin's
StreamField validation (blocks.py), the demo loader and the diagram
(diagram.py) all ask the same questions here. A workflow flows one way, so
the graph must be acyclic; its steps are then placed in layers by the
longest path from a starting step, which is also the reading order.
"""

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class GraphProblems:
    """Everything wrong with a graph, located so an editor can find each mistake.

    Indexes refer to the position of the step or connection in the lists
    that were checked.
    """

    duplicate_steps: dict[int, str] = field(default_factory=dict)
    missing_ends: dict[int, dict[str, str]] = field(default_factory=dict)  # {"source": msg}
    connection_errors: dict[int, str] = field(default_factory=dict)
    cycle: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.duplicate_steps or self.missing_ends or self.connection_errors or self.cycle
        )

    def messages(self) -> list[str]:
        """Every problem as one sentence, for loaders and the page preview."""
        out = list(self.duplicate_steps.values())
        for index, ends in sorted(self.missing_ends.items()):
            out += [f"Connection {index + 1}: {message}" for message in ends.values()]
        out += [f"Connection {i + 1}: {m}" for i, m in sorted(self.connection_errors.items())]
        if self.cycle:
            out.append(cycle_message(self.cycle))
        return out


def cycle_message(cycle: list[str]) -> str:
    return (
        f"These connections form a loop: {' → '.join(cycle)}. "
        "A workflow flows one way; remove or reverse one of them."
    )


def find_problems(step_ids: list[str], connections: list[tuple[str, str]]) -> GraphProblems:
    problems = GraphProblems()
    seen: set[str] = set()
    for index, step_id in enumerate(step_ids):
        if step_id in seen:
            problems.duplicate_steps[index] = (
                f"Another step already has the id “{step_id}”: each step needs its own id."
            )
        seen.add(step_id)

    known = set(step_ids)
    pairs: set[tuple[str, str]] = set()
    valid: list[tuple[str, str]] = []
    for index, (source, target) in enumerate(connections):
        ends = {}
        for end, step_id in (("source", source), ("target", target)):
            if step_id not in known:
                ends[end] = _unknown_step_message(step_id, step_ids)
        if ends:
            problems.missing_ends[index] = ends
            continue
        if source == target:
            problems.connection_errors[index] = (
                f"“{source}” is connected to itself; a step cannot feed itself."
            )
            continue
        if (source, target) in pairs:
            problems.connection_errors[index] = (
                f"“{source}” → “{target}” is already connected above."
            )
            continue
        pairs.add((source, target))
        valid.append((source, target))
    problems.cycle = find_cycle(list(dict.fromkeys(step_ids)), valid)
    return problems


def _unknown_step_message(step_id: str, step_ids: list[str]) -> str:
    if not step_id:
        return "Give the id of a step."
    listing = ", ".join(f"“{s}”" for s in dict.fromkeys(step_ids)) or "none yet"
    return f"There is no step with the id “{step_id}”. The step ids are: {listing}."


def find_cycle(step_ids: list[str], connections: list[tuple[str, str]]) -> list[str]:
    """One loop as [a, b, ..., a], or [] when the graph is acyclic (iterative depth-first search)."""
    successors = _successors(step_ids, connections)
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(step_ids, white)
    for start in step_ids:
        if colour[start] != white:
            continue
        path = [start]
        colour[start] = grey
        stack = [iter(successors[start])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                colour[path.pop()] = black
                stack.pop()
            elif colour[nxt] == grey:
                return path[path.index(nxt) :] + [nxt]
            elif colour[nxt] == white:
                colour[nxt] = grey
                path.append(nxt)
                stack.append(iter(successors[nxt]))
    return []


def layers(step_ids: list[str], connections: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layering: every step one layer after its furthest predecessor, so
    every connection points to a later layer; starting steps sit just before the
    first step they feed."""
    order = topological_order(step_ids, connections)
    predecessors = defaultdict(list)
    for source, target in connections:
        predecessors[target].append(source)
    layer: dict[str, int] = {}
    for step_id in order:
        layer[step_id] = max((layer[p] + 1 for p in predecessors[step_id]), default=0)
    # A starting step that feeds only a late step (a second input joining the
    # flow) moves right, next to that step, so its arrow does not cross the
    # layers in between.
    successors = _successors(step_ids, connections)
    for step_id in order:
        if not predecessors[step_id] and successors[step_id]:
            layer[step_id] = min(layer[s] for s in successors[step_id]) - 1
    return layer


def topological_order(step_ids: list[str], connections: list[tuple[str, str]]) -> list[str]:
    """Kahn's algorithm; ties keep the editor's order. Raises ValueError on a loop."""
    successors = _successors(step_ids, connections)
    indegree = dict.fromkeys(step_ids, 0)
    for _, target in connections:
        indegree[target] += 1
    position = {step_id: i for i, step_id in enumerate(step_ids)}
    ready = sorted((s for s in step_ids if indegree[s] == 0), key=position.__getitem__)
    order = []
    while ready:
        step_id = ready.pop(0)
        order.append(step_id)
        for nxt in successors[step_id]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
                ready.sort(key=position.__getitem__)
    if len(order) != len(step_ids):
        raise ValueError(cycle_message(find_cycle(step_ids, connections)))
    return order


def routes(
    step_ids: list[str], connections: list[tuple[str, str]], limit: int = 12
) -> list[list[str]]:
    """The paths from each starting step to each end step (at most `limit`), in reading order."""
    successors = _successors(step_ids, connections)
    has_predecessor = {target for _, target in connections}
    found: list[list[str]] = []

    def walk(path: list[str]) -> None:
        if len(found) >= limit:
            return
        following = successors[path[-1]]
        if not following:
            found.append(path)
        for nxt in following:
            walk(path + [nxt])

    for start in step_ids:
        if start not in has_predecessor:
            walk([start])
    return found


def _successors(step_ids, connections) -> dict[str, list[str]]:
    successors: dict[str, list[str]] = {step_id: [] for step_id in step_ids}
    for source, target in connections:
        successors[source].append(target)
    return successors
