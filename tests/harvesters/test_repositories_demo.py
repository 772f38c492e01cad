"""The demo's sample badges: harvested from recorded payloads on loopback, labelled, harmless."""

import io
import json

import pytest
from django.core.management import call_command

from harvesters.repositories import refresh_repositories
from harvesters.repositories.demo import harvest_recorded_samples
from harvesters.repositories.models import RepositoryHost
from registry.software.models import RepositoryMetrics, SoftwareEntry

from .repository_replay import (  # noqa: F401 - fixtures
    github_api_fixture,
    harvest_settings_fixture,
    make_entry,
)

pytestmark = pytest.mark.django_db


def test_the_demo_command_shows_sample_badges_labelled_and_harmless(client):
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert (
        "sample badges from recorded demo payloads (github.com): silx refreshed" in out.getvalue()
    )
    silx = SoftwareEntry.objects.get(slug="silx")
    metrics = RepositoryMetrics.objects.get(entry=silx)
    assert metrics.sample_data and metrics.stars is not None and metrics.harvested_at
    html = client.get(silx.url).content.decode()
    assert "Sample figures:" in html and "recorded demo payload" in html
    # A made-up release is never cited nor exported as the software's version.
    assert metrics.latest_release and metrics.latest_release not in html.split("Cite silx")[1]
    codemeta = client.get(silx.url + "codemeta.json").json()
    assert codemeta.get("version") != metrics.latest_release
    # The local server was for this run only: github.com still points at GitHub's API.
    assert RepositoryHost.objects.get(name="github.com").api_url == ""
    # The recordings' citation files carry a made-up DOI (test prefix 10.5072) and
    # ORCID's fictitious researcher: none of it may reach a real entry.
    for entry in SoftwareEntry.objects.filter(slug__in=["silx", "pyfai"]):
        assert "10.5072" not in entry.doi and "Carberry" not in entry.preferred_citation
        assert entry.metrics.has_citation_file is None  # not checked, rather than a made-up "no"


def test_a_second_demo_run_costs_a_304_and_writes_no_figures(home):
    make_entry("silx", "https://github.com/silx-kit/silx")
    make_entry("pyFAI", "https://github.com/silx-kit/pyFAI")
    harvest_recorded_samples(stdout=io.StringIO())
    before = {m.entry_id: (m.harvested_at, m.etag) for m in RepositoryMetrics.objects.all()}

    out = io.StringIO()
    harvest_recorded_samples(stdout=out)

    assert "silx unchanged, pyFAI unchanged" in out.getvalue()
    after = {m.entry_id: (m.harvested_at, m.etag) for m in RepositoryMetrics.objects.all()}
    assert after == before and len(after) == 2


def test_a_live_harvest_replaces_the_sample_figures_and_their_label(github_api):
    silx = make_entry("silx", "https://github.com/silx-kit/silx")
    harvest_recorded_samples(stdout=io.StringIO())
    assert RepositoryMetrics.objects.get(entry=silx).sample_data is True
    recorded = json.loads(github_api.exchanges[("/repos/silx-kit/silx", ())].body)
    github_api.replace_body(
        "/repos/silx-kit/silx", {**recorded, "stargazers_count": 1}, etag='W/"live"'
    )

    refresh_repositories(entries=[silx], sync=True)

    metrics = RepositoryMetrics.objects.get(entry=silx)
    assert metrics.sample_data is False and metrics.stars == 1
