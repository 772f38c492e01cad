"""The training catalogue's models: materials under /training/, workflows under /training/workflows/."""

from .materials import (
    Audience,
    TrainingIndexPage,
    TrainingMaterial,
    TrainingMaterialAuthor,
    TrainingMaterialTag,
)
from .workflows import Workflow, WorkflowIndexPage

__all__ = [
    "Audience",
    "TrainingIndexPage",
    "TrainingMaterial",
    "TrainingMaterialAuthor",
    "TrainingMaterialTag",
    "Workflow",
    "WorkflowIndexPage",
]
