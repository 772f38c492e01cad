"""A workflow's graph: what the editor accepts, what it refuses and how it says so."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError

from registry.training.blocks import WorkflowGraphBlock
from registry.training.graph import find_cycle, find_problems, layers, routes, topological_order

from .factories import WorkflowFactory, connection, step


def test_longest_path_layering_puts_every_step_after_all_its_inputs():
    steps = ["calibrant", "calibrate", "poni", "images", "integrate", "patterns"]
    links = [
        ("calibrant", "calibrate"),
        ("calibrate", "poni"),
        ("poni", "integrate"),
        ("images", "integrate"),
        ("integrate", "patterns"),
    ]
    layer = layers(steps, links)
    assert layer == {
        "calibrant": 0,
        "calibrate": 1,
        "poni": 2,
        # A second input joins next to the step it feeds, not in the first column.
        "images": 2,
        "integrate": 3,
        "patterns": 4,
    }
    assert all(layer[a] < layer[b] for a, b in links)


def test_topological_order_keeps_the_editors_order_between_independent_steps():
    assert topological_order(["b", "a", "c"], [("b", "c"), ("a", "c")]) == ["b", "a", "c"]


def test_a_loop_is_found_and_named_in_flow_order():
    assert find_cycle(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]) == ["a", "b", "c", "a"]
    assert find_cycle(["a", "b"], [("a", "b")]) == []
    with pytest.raises(ValueError, match="loop: a → b → c → a"):
        topological_order(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")])


def test_problems_locate_dangling_duplicate_and_self_connections():
    problems = find_problems(
        ["raw", "rec", "raw"],
        [("raw", "rec"), ("rec", "volume"), ("rec", "rec"), ("raw", "rec")],
    )
    assert set(problems.duplicate_steps) == {2}
    assert problems.missing_ends == {
        1: {"target": "There is no step with the id “volume”. The step ids are: “raw”, “rec”."}
    }
    assert set(problems.connection_errors) == {2, 3}
    assert problems.cycle == []


def test_routes_follow_every_path_from_start_to_end():
    assert routes(["a", "b", "c", "d"], [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]) == [
        ["a", "b", "d"],
        ["a", "c", "d"],
    ]


def clean_graph(raw: list[dict]):
    block = WorkflowGraphBlock()
    return block.clean(block.to_python(raw))


def test_editor_pins_a_dangling_connection_on_its_block():
    raw = [step("raw", "Raw data"), step("out", "Result", "result"), connection("raw", "volume")]
    with pytest.raises(StreamBlockValidationError) as caught:
        clean_graph(raw)
    error = caught.value
    assert set(error.block_errors) == {2}
    target_error = error.block_errors[2].block_errors["target"]
    assert "no step with the id “volume”" in target_error.messages[0]


def test_editor_refuses_a_loop_with_the_loop_spelled_out():
    raw = [
        step("a", "A"),
        step("b", "B"),
        connection("a", "b"),
        connection("b", "a"),
    ]
    with pytest.raises(StreamBlockValidationError) as caught:
        clean_graph(raw)
    [message] = caught.value.non_block_errors.as_data()
    assert "loop: a → b → a" in message.messages[0]


@pytest.mark.django_db
def test_editor_requires_software_for_an_analysis_step():
    with pytest.raises(StreamBlockValidationError) as caught:
        clean_graph([step("rec", "Reconstruction", "analysis")])
    assert "software" in caught.value.block_errors[0].block_errors


def test_editor_accepts_a_valid_graph():
    value = clean_graph(
        [step("raw", "Raw data"), step("out", "Result", "result"), connection("raw", "out")]
    )
    assert [child.block_type for child in value] == ["step", "step", "connection"]


@pytest.mark.django_db
def test_model_validation_refuses_a_broken_graph_and_keeps_the_stored_one(home):
    workflow = WorkflowFactory()
    stored = list(workflow.graph.raw_data)
    workflow.graph = [step("raw", "Raw"), connection("raw", "missing")]
    with pytest.raises(ValidationError) as caught:
        workflow.full_clean()
    assert "no step with the id “missing”" in str(caught.value.message_dict["graph"])
    workflow.refresh_from_db()
    assert list(workflow.graph.raw_data) == stored


@pytest.mark.django_db
def test_software_named_by_the_steps_is_linked_for_the_software_page(home, software):
    workflow = WorkflowFactory(
        graph=[
            step("raw", "Raw"),
            step("rec", "Reconstruction", "analysis", software=software["nabu"].pk),
            step("view", "View", "visualisation", software=software["silx"].pk),
            connection("raw", "rec"),
            connection("rec", "view"),
        ]
    )
    assert set(workflow.software.all()) == {software["nabu"], software["silx"]}
    assert list(software["nabu"].workflows.all()) == [workflow]
    workflow.graph = [
        step("raw", "Raw"),
        step("rec", "Rec", "analysis", software=software["tomopy"].pk),
        connection("raw", "rec"),
    ]
    workflow.save()
    assert list(workflow.software.all()) == [software["tomopy"]]
    assert not software["nabu"].workflows.exists()
