"""Maintenance status and FAIR software level, computed from data and explained."""

from datetime import timedelta

import pytest
from django.utils import timezone

from registry.software.fair import fair_level
from registry.software.maintenance import (
    MAINTAINED,
    UNKNOWN,
    UNMAINTAINED,
    maintenance_expression,
    maintenance_of,
)
from registry.software.models import RepositoryMetrics, SoftwareEntry

from .factories import SoftwareEntryFactory, publish

NOW = timezone.now()
CASES = {
    "never-harvested": (None, UNKNOWN),
    "harvested-no-commit-date": (dict(harvested_at=NOW), UNKNOWN),
    "recent-commit": (dict(harvested_at=NOW, last_commit_at=NOW - timedelta(days=30)), MAINTAINED),
    "seventeen-months": (
        dict(harvested_at=NOW, last_commit_at=NOW - timedelta(days=517)),
        MAINTAINED,
    ),
    "nineteen-months": (
        dict(harvested_at=NOW, last_commit_at=NOW - timedelta(days=580)),
        UNMAINTAINED,
    ),
    "archived-but-recent": (
        dict(harvested_at=NOW, archived=True, last_commit_at=NOW - timedelta(days=3)),
        UNMAINTAINED,
    ),
    "metrics-row-not-harvested": (dict(stars=5), UNKNOWN),
}


def test_python_rule_and_sql_rule_agree_on_every_case(catalogue):
    expected = {}
    for slug, (metrics, status) in CASES.items():
        entry = SoftwareEntryFactory(title=slug, slug=slug)
        if metrics is not None:
            RepositoryMetrics.objects.create(entry=entry, **metrics)
        expected[slug] = status
    in_sql = dict(
        SoftwareEntry.objects.annotate(m=maintenance_expression()).values_list("slug", "m")
    )
    in_python = {
        e.slug: maintenance_of(e.repository_metrics).status
        for e in SoftwareEntry.objects.select_related("metrics")
    }
    assert in_sql == expected
    assert in_python == expected


def test_unmaintained_status_gives_its_reason():
    metrics = RepositoryMetrics(harvested_at=NOW, last_commit_at=NOW - timedelta(days=700))
    maintenance = maintenance_of(metrics)
    assert maintenance.label == "Possibly unmaintained"
    assert "more than 18 months" in maintenance.reason


@pytest.fixture
def bare(catalogue):
    return publish(SoftwareEntryFactory(title="Bare", slug="bare"))


def test_bare_entry_meets_only_the_registry_recommendation_and_learns_what_to_do(bare):
    level = fair_level(bare)
    assert (level.score, level.total) == (1, 5)
    assert [r.key for r in level.missing] == ["repository", "licence", "citation", "checklist"]
    assert all(r.how for r in level.missing)


def test_full_entry_meets_all_five(bare):
    bare.repository_url = "https://github.com/example/bare"
    bare.licence = "MIT"
    bare.doi = "10.5281/zenodo.1"
    bare.quality_checklist_url = "https://www.bestpractices.dev/projects/1"
    assert fair_level(publish(bare)).score == 5


def test_a_citation_file_in_the_repository_counts_but_a_paper_doi_alone_does_not(bare):
    bare.reference_publication_doi = "10.1107/S1600576715004306"
    bare = publish(bare)
    citation = {r.key: r for r in fair_level(bare).recommendations}["citation"]
    assert not citation.met and "reference paper" in citation.evidence
    RepositoryMetrics.objects.create(entry=bare, harvested_at=NOW, has_citation_file=True)
    bare = SoftwareEntry.objects.get(pk=bare.pk)
    assert {r.key: r for r in fair_level(bare).recommendations}["citation"].met


def test_licence_reported_by_the_host_is_mentioned_but_not_counted(bare):
    RepositoryMetrics.objects.create(entry=bare, harvested_at=NOW, licence="Apache-2.0")
    bare = SoftwareEntry.objects.get(pk=bare.pk)
    licence = {r.key: r for r in fair_level(bare).recommendations}["licence"]
    assert not licence.met and "Apache-2.0" in licence.evidence
