"""The workflow editor: StreamField blocks for steps and the connections between them.

Curators and partners describe a workflow in the Wagtail admin without code:
they add steps (a dataset, an analysis or visualisation done by catalogued
software, a result) and connections "from step id → to step id". The graph
block checks the whole at once and pins each mistake on the block that holds
it: a connection naming a step that does not exist, a duplicate id, a loop.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from .graph import cycle_message, find_problems


class StepKind:
    DATASET = "dataset"
    ANALYSIS = "analysis"
    VISUALISATION = "visualisation"
    RESULT = "result"

    CHOICES = [
        (DATASET, "Dataset"),
        (ANALYSIS, "Analysis step"),
        (VISUALISATION, "Visualisation"),
        (RESULT, "Result"),
    ]
    LABELS = dict(CHOICES)
    # Steps done by a program must name it, so the node links to its entry.
    NEEDS_SOFTWARE = (ANALYSIS, VISUALISATION)


step_id_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$",
    "Use lower-case letters, digits and hyphens, e.g. raw-projections.",
)


class WorkflowStepBlock(blocks.StructBlock):
    step_id = blocks.CharBlock(
        label="Step id",
        max_length=40,
        validators=[step_id_validator],
        help_text="A short id that connections refer to, e.g. raw-projections.",
    )
    label = blocks.CharBlock(max_length=80, help_text="What visitors read in the box.")
    kind = blocks.ChoiceBlock(choices=StepKind.CHOICES, default=StepKind.DATASET)
    software = blocks.PageChooserBlock(
        page_type="software.SoftwareEntry",
        required=False,
        help_text="For analysis and visualisation steps: the catalogued program that does it.",
    )
    data_format = blocks.CharBlock(
        required=False, max_length=80, help_text="For data: its format, e.g. HDF5 / NeXus (NXtomo)."
    )
    facility = blocks.PageChooserBlock(
        page_type="facilities.Facility",
        required=False,
        help_text="For data: the facility where it is measured or kept.",
    )
    url = blocks.URLBlock(
        required=False,
        label="Link",
        help_text="Where the step leads: a dataset's DOI or landing page, a format's "
        "specification. Software steps link to their catalogue entry.",
    )
    note = blocks.CharBlock(
        required=False, max_length=200, help_text="One sentence on what happens at this step."
    )

    class Meta:
        icon = "placeholder"
        label = "Step"
        # Shown in the block's header, so a folded list still reads as the graph.
        label_format = "{label} ({step_id})"
        form_classname = "workflow-step-block"

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] in StepKind.NEEDS_SOFTWARE and not value["software"]:
            raise StructBlockValidationError(
                block_errors={
                    "software": ValidationError(
                        "Choose the catalogued software that does this step "
                        "(add it to the software catalogue first if it is missing)."
                    )
                }
            )
        return value


class WorkflowConnectionBlock(blocks.StructBlock):
    source = blocks.CharBlock(label="From step id", max_length=40)
    target = blocks.CharBlock(label="To step id", max_length=40)
    label = blocks.CharBlock(
        required=False, max_length=40, help_text="Optional, e.g. “integrate” or “reconstruct”."
    )

    class Meta:
        icon = "arrow-right"
        label = "Connection"
        label_format = "{source} → {target}"


class WorkflowGraphBlock(blocks.StreamBlock):
    """Steps and connections in one stream, validated together."""

    step = WorkflowStepBlock()
    connection = WorkflowConnectionBlock()

    class Meta:
        min_num = 1
        block_counts = {"step": {"min_num": 1}}

    def clean(self, value):
        value = super().clean(value)
        step_indexes = [i for i, child in enumerate(value) if child.block_type == "step"]
        link_indexes = [i for i, child in enumerate(value) if child.block_type == "connection"]
        problems = find_problems(
            [value[i].value["step_id"] for i in step_indexes],
            [(value[i].value["source"], value[i].value["target"]) for i in link_indexes],
        )
        if not problems:
            return value
        block_errors = {}
        for n, message in problems.duplicate_steps.items():
            block_errors[step_indexes[n]] = StructBlockValidationError(
                block_errors={"step_id": ValidationError(message)}
            )
        for n, ends in problems.missing_ends.items():
            block_errors[link_indexes[n]] = StructBlockValidationError(
                block_errors={end: ValidationError(message) for end, message in ends.items()}
            )
        for n, message in problems.connection_errors.items():
            block_errors[link_indexes[n]] = StructBlockValidationError(
                non_block_errors=[ValidationError(message)]
            )
        non_block = [ValidationError(cycle_message(problems.cycle))] if problems.cycle else []
        raise StreamBlockValidationError(block_errors=block_errors, non_block_errors=non_block)
