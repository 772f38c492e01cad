"""Browsing the catalogue without JavaScript: facets with counts, sort, pagination, search."""

from datetime import timedelta

import pytest
from django.utils import timezone

from registry.software.models import Interface, ProgrammingLanguage, RepositoryMetrics
from registry.software.selectors import PAGE_SIZE
from registry.vocabularies.models import Technique

from .factories import FacilityFactory, SoftwareEntryFactory, publish


@pytest.fixture
def catalogue_with_entries(catalogue):
    python = ProgrammingLanguage.objects.create(name="Python", slug="python")
    cpp = ProgrammingLanguage.objects.create(name="C++", slug="cpp")
    gui = Interface.objects.get(slug="gui")
    library = Interface.objects.get(slug="library")
    saxs = Technique.objects.get(name="SAXS")
    esrf = FacilityFactory(acronym="ESRF")
    ill = FacilityFactory(acronym="ILL")
    now = timezone.now()

    def make(
        title,
        languages,
        interfaces,
        licence="",
        developed=(),
        used=(),
        stars=None,
        commit_days=None,
    ):
        entry = SoftwareEntryFactory(title=title, licence=licence)
        entry.programming_languages.set(languages)
        entry.interfaces.set(interfaces)
        entry.developing_facilities.set(developed)
        entry.using_facilities.set(used)
        if title != "Mantid":
            entry.techniques.set([saxs])
        entry = publish(entry)
        if stars is not None:
            RepositoryMetrics.objects.create(
                entry=entry, stars=stars, harvested_at=now,
                last_commit_at=now - timedelta(days=commit_days),
            )  # fmt: skip
        return entry

    make("pyFAI", [python], [library, gui], "MIT", developed=[esrf], stars=120, commit_days=3)
    make(
        "Mantid",
        [cpp, python],
        [gui],
        "GPL-3.0-or-later",
        developed=[ill],
        stars=200,
        commit_days=900,
    )
    make("XDS", [], [], "", used=[esrf])
    return {"esrf": esrf, "ill": ill}


def facet(response, param):
    [found] = [f for f in response.context["facets"] if f.param == param]
    return {v.label: v.count for v in found.values}


def titles(response):
    return [e.title for e in response.context["entries"]]


def test_unfiltered_catalogue_lists_everything_with_counts_per_facet_value(
    client, catalogue_with_entries
):
    response = client.get("/software/")
    assert titles(response) == ["Mantid", "pyFAI", "XDS"]
    assert facet(response, "language") == {"Python": 2, "C++": 1}
    assert facet(response, "interface") == {"GUI": 2, "Library": 1}
    assert facet(response, "licence") == {"MIT": 1, "GPL-3.0-or-later": 1, "Not recorded": 1}
    # A facility counts the software it develops or uses.
    assert facet(response, "facility") == {"ESRF": 2, "ILL": 1}
    assert facet(response, "maintenance") == {
        "Maintained": 1, "Possibly unmaintained": 1, "Maintenance unknown": 1,
    }  # fmt: skip
    assert facet(response, "technique") == {"SAXS (small angle x-ray scattering)": 2}


def test_values_within_a_facet_are_alternatives_and_facets_combine(client, catalogue_with_entries):
    assert titles(client.get("/software/?language=cpp")) == ["Mantid"]
    assert titles(client.get("/software/?language=cpp&language=python")) == ["Mantid", "pyFAI"]
    assert titles(client.get("/software/?language=python&interface=library")) == ["pyFAI"]
    assert titles(client.get("/software/?licence=none")) == ["XDS"]
    assert titles(client.get("/software/?facility=esrf")) == ["pyFAI", "XDS"]
    assert titles(client.get("/software/?maintenance=unmaintained")) == ["Mantid"]
    assert titles(client.get("/software/?technique=PaNET01188")) == ["pyFAI", "XDS"]


def test_a_facets_counts_ignore_its_own_choice_but_apply_the_others(client, catalogue_with_entries):
    response = client.get("/software/?language=cpp&interface=gui")
    # Ticking Python too would add pyFAI: the language counts ignore the language choice...
    assert facet(response, "language") == {"Python": 2, "C++": 1}
    # ...while the licence counts follow both choices.
    assert facet(response, "licence") == {"GPL-3.0-or-later": 1}


def test_sorting_by_stars_and_by_recent_update(client, catalogue_with_entries):
    assert titles(client.get("/software/?sort=stars")) == ["Mantid", "pyFAI", "XDS"]
    assert titles(client.get("/software/?sort=updated")) == ["pyFAI", "Mantid", "XDS"]
    assert titles(client.get("/software/?sort=bogus")) == ["Mantid", "pyFAI", "XDS"]


def test_links_keep_the_other_choices(client, catalogue_with_entries):
    html = client.get("/software/?language=python&sort=stars").content.decode()
    # The chip removing Python keeps the sort; the one form submits every choice together.
    assert 'href="?sort=stars"' in html
    assert '<option value="stars" selected>' in html
    assert 'name="language" value="python" checked' in html


def test_chosen_value_matching_nothing_stays_visible_to_untick(client, catalogue_with_entries):
    response = client.get("/software/?language=fortran")
    assert titles(response) == []
    assert facet(response, "language")["fortran"] == 0
    assert "No software matches these filters." in response.content.decode()


def test_pagination_keeps_filters(client, catalogue):
    for i in range(PAGE_SIZE + 3):
        publish(SoftwareEntryFactory(title=f"Tool {i:02d}", licence="MIT"))
    first = client.get("/software/?licence=MIT")
    assert len(titles(first)) == PAGE_SIZE
    assert 'href="?licence=MIT&amp;page=2"' in first.content.decode()
    second = client.get("/software/?licence=MIT&page=2")
    assert len(titles(second)) == 3
    assert client.get("/software/?page=999").status_code == 200


def test_full_text_search_narrows_the_list(client, catalogue_with_entries):
    assert titles(client.get("/software/?q=Mantid")) == ["Mantid"]


def test_draft_entries_are_not_listed(client, catalogue_with_entries):
    SoftwareEntryFactory(title="Unpublished", live=False)
    assert "Unpublished" not in titles(client.get("/software/"))
