"""The FAIR software level of an entry: which of the five fair-software.eu recommendations it meets.

The recommendations (https://fair-software.eu/recommendations): a public
repository with version control, a licence, registration in a community
registry (being listed here counts), citation metadata, a software quality
checklist. Each is decided from the entry's own data and its harvested
repository figures; a missing step comes with what the maintainer can do.
"""

from dataclasses import dataclass

FAIR_SOFTWARE_URL = "https://fair-software.eu/recommendations"


@dataclass(frozen=True)
class Recommendation:
    key: str
    title: str
    met: bool
    evidence: str  # why it counts as met, or what is known so far
    how: str  # what the maintainer can do when it is not met


@dataclass(frozen=True)
class FairLevel:
    recommendations: tuple[Recommendation, ...]

    @property
    def score(self) -> int:
        return sum(r.met for r in self.recommendations)

    @property
    def total(self) -> int:
        return len(self.recommendations)

    @property
    def missing(self) -> list[Recommendation]:
        return [r for r in self.recommendations if not r.met]


def fair_level(entry) -> FairLevel:
    metrics = entry.repository_metrics
    return FairLevel(
        (
            _repository(entry),
            _licence(entry, metrics),
            Recommendation(
                "registry",
                "Registered in a community registry",
                True,
                "Listed in the PaN Registry software catalogue.",
                "",
            ),
            _citation(entry, metrics),
            _checklist(entry),
        )
    )


def _repository(entry) -> Recommendation:
    return Recommendation(
        "repository",
        "Public repository with version control",
        bool(entry.repository_url),
        f"Code at {entry.repository_url}" if entry.repository_url else "No repository recorded.",
        "Publish the source code in a public version-controlled repository (GitHub, GitLab, a "
        "facility GitLab) and add its URL to this entry.",
    )


def _licence(entry, metrics) -> Recommendation:
    if entry.licence:
        evidence = f"Licensed under {entry.licence}."
    elif metrics is not None and metrics.licence:
        evidence = (
            f"The repository host reports {metrics.licence}; a curator has not confirmed it yet."
        )
    else:
        evidence = "No licence recorded."
    return Recommendation(
        "licence",
        "Licence",
        bool(entry.licence),
        evidence,
        "Add a LICENSE file with an open-source licence to the repository "
        "(https://choosealicense.com helps) and record its SPDX identifier here.",
    )


def _citation(entry, metrics) -> Recommendation:
    has_file = metrics is not None and metrics.has_citation_file is True
    if entry.doi and has_file:
        evidence = f"DOI {entry.doi} and a citation file in the repository."
    elif entry.doi:
        evidence = f"Citable through its DOI {entry.doi}."
    elif has_file:
        evidence = "The repository holds a CITATION.cff or codemeta.json file."
    elif entry.reference_publication_doi:
        evidence = (
            "A reference paper is recorded, but the software itself has no DOI or citation file."
        )
    else:
        evidence = "No DOI or citation file recorded."
    return Recommendation(
        "citation",
        "Citation metadata",
        bool(entry.doi) or has_file,
        evidence,
        "Add a CITATION.cff file to the repository (this page offers one to start from) and "
        "archive releases with a DOI, e.g. through Zenodo's GitHub integration.",
    )


def _checklist(entry) -> Recommendation:
    return Recommendation(
        "checklist",
        "Software quality checklist",
        bool(entry.quality_checklist_url),
        f"Follows {entry.quality_checklist_url}"
        if entry.quality_checklist_url
        else "No quality checklist recorded.",
        "Work through a software quality checklist such as the OpenSSF Best Practices badge "
        "(https://www.bestpractices.dev) and add the link of your project's page here.",
    )
