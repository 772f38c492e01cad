"""Models of the software catalogue, one module per idea; import them from here."""

from .entry import (
    AttachedMaterial,
    SoftwareEntry,
    SoftwareEntryTag,
    SoftwareIndexPage,
    SoftwarePerson,
    SoftwareRelation,
    SoftwareVersion,
)
from .feedback import FacilityUseReport, ProblemReport
from .metrics import RepositoryMetrics
from .vocabulary import (
    DataFormat,
    Interface,
    OperatingSystem,
    ProgrammingLanguage,
    ScientificDomain,
)

__all__ = [
    "AttachedMaterial",
    "DataFormat",
    "FacilityUseReport",
    "Interface",
    "OperatingSystem",
    "ProblemReport",
    "ProgrammingLanguage",
    "RepositoryMetrics",
    "ScientificDomain",
    "SoftwareEntry",
    "SoftwareEntryTag",
    "SoftwareIndexPage",
    "SoftwarePerson",
    "SoftwareRelation",
    "SoftwareVersion",
]
