"""Embeddable SVG badges: valid SVG, right content type, cacheable, and saying the truth."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from registry.software.models import RepositoryMetrics

from .factories import SoftwareEntryFactory, publish

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def entry(catalogue):
    return publish(SoftwareEntryFactory(title="silx", slug="silx", licence="MIT"))


def _svg(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    return root, "".join(root.itertext())


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("badge.svg", ["PaN Registry", "listed"]),
        ("badge/listed.svg", ["PaN Registry", "listed"]),
        ("badge/maintenance.svg", ["maintenance", "unknown"]),
        ("badge/fair.svg", ["FAIR software", "2/5"]),
        ("badge/stars.svg", ["stars", "not harvested"]),
    ],
)
def test_each_badge_is_valid_svg_with_a_title(client, entry, path, words):
    root, text = _svg(client.get(f"/software/silx/{path}"))
    assert root.find(f"{SVG}title") is not None
    for word in words:
        assert word in text


def test_badges_follow_the_harvested_figures(client, entry):
    metrics = RepositoryMetrics.objects.create(
        entry=entry, stars=1234, last_commit_at=timezone.now() - timedelta(days=10),
        harvested_at=timezone.now(),
    )  # fmt: skip
    assert "active" in _svg(client.get("/software/silx/badge/maintenance.svg"))[1]
    assert "1,234" in _svg(client.get("/software/silx/badge/stars.svg"))[1]
    metrics.archived = True
    metrics.save()
    assert "possibly unmaintained" in _svg(client.get("/software/silx/badge/maintenance.svg"))[1]


def test_badge_is_cacheable_and_answers_304_to_its_etag(client, entry):
    response = client.get("/software/silx/badge.svg")
    assert "max-age=3600" in response["Cache-Control"] and "public" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/software/silx/badge.svg", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag


def test_badge_etag_changes_when_the_badge_changes(client, entry):
    before = client.get("/software/silx/badge/fair.svg")["ETag"]
    entry.quality_checklist_url = "https://www.bestpractices.dev/projects/1"
    publish(entry)
    after = client.get("/software/silx/badge/fair.svg", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_unknown_badge_variant_and_unknown_entry_are_404(client, entry):
    assert client.get("/software/silx/badge/bogus.svg").status_code == 404
    assert client.get("/software/nothing/badge.svg").status_code == 404


def test_page_offers_markdown_and_html_snippets_pointing_at_the_badges(client, entry, settings):
    settings.SITE_URL = "https://registry.example.org"
    html = client.get(entry.url).content.decode()
    assert (
        "[![Listed in PaN Registry: silx](https://registry.example.org/software/silx/badge.svg)]"
        "(https://registry.example.org/software/silx/)" in html
    )
    assert (
        "&lt;img src=&quot;https://registry.example.org/software/silx/badge/fair.svg&quot;" in html
    )
    assert '<img src="/software/silx/badge/maintenance.svg"' in html
