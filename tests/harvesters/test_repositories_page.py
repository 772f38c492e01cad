"""The software page shows the harvested figures, their harvest time and where filled fields came from."""

import pytest

from harvesters.repositories.refresh import refresh_entry
from registry.software.models import SoftwareEntry

from .repository_replay import (  # noqa: F401 - fixtures (*_fixture) and helpers
    github_api_fixture,
    harvest_settings_fixture,
    make_entry,
    no_leftover_locks_fixture,
)

pytestmark = pytest.mark.django_db


def page_html(client, entry) -> str:
    response = client.get(SoftwareEntry.objects.get(pk=entry.pk).url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_entry_page_shows_the_harvested_figures_and_the_filled_fields_sources(
    client, github_api
):
    entry = make_entry("silx", "https://github.com/silx-kit/silx", licence="MIT")
    assert "Repository figures not yet harvested." in page_html(client, entry)

    refresh_entry(entry.pk)
    html = page_html(client, entry)

    assert "Repository figures not yet harvested." not in html
    for text in (
        '<span class="repo-figures__label">Stars</span> 150',
        '<span class="repo-figures__label">Open issues</span> 97',
        '<span class="repo-figures__label">Contributors</span> 64',
        "Python, Cython",
        "v2.2.2",
        "Passing",
        "GitHub Actions on main",
        "Figures from github.com (silx-kit/silx), harvested on",
    ):
        assert text in html, text
    assert "Filled in from the repository" in html
    assert "DOI: from the repository's <code>CITATION.cff</code>" in html
    assert "Authors and maintainers: from the repository's <code>CITATION.cff</code>" in html
    assert "Licence: from" not in html  # the curator's licence was kept, so not listed
    assert "10.5072/zenodo.silx-sample" in html


def test_a_value_the_curator_changed_is_no_longer_credited_to_the_repository(client, github_api):
    entry = make_entry("silx", "https://github.com/silx-kit/silx")
    refresh_entry(entry.pk)
    edited = SoftwareEntry.objects.get(pk=entry.pk)
    edited.doi = "10.5072/curated"
    edited.save_revision().publish()

    html = page_html(client, entry)

    assert "DOI: from the repository" not in html
    assert "Version history: from the repository" in html
