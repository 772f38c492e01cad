"""The /training/ catalogue: facets, search, sort and pages, all from GET parameters."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.training.catalogue import training_catalogue
from registry.training.models import Audience
from registry.training.review import ReviewStatus
from registry.vocabularies.models import Technique

from .factories import FacilityFactory, TrainingMaterialFactory, training_index

pytestmark = pytest.mark.django_db


def catalogue(query: str = "", **kwargs):
    return training_catalogue(
        index=training_index(), params=QueryDict(query), today=timezone.localdate(), **kwargs
    )


def options(result, param):
    group = next(g for g in result.facets if g.facet.param == param)
    return {o.value: (o.count, o.selected) for o in group.options}


@pytest.fixture
def materials(home, esrf):
    ill = FacilityFactory(acronym="ILL", title="Institut Laue-Langevin")
    students = Audience.objects.get(slug="student")
    scientists = Audience.objects.get(slug="beamline-scientist")
    tomo = Technique.objects.get(iri__endswith="/PaNET01208")
    return {
        "pyfai": TrainingMaterialFactory(
            title="pyFAI cookbook",
            summary="Calibrate and integrate powder diffraction images.",
            providing_facility=esrf,
            difficulty="beginner",
            relations={"audiences": [students, scientists]},
        ),
        "nabu": TrainingMaterialFactory(
            title="nabu reconstruction",
            summary="Reconstruct tomography scans.",
            providing_facility=esrf,
            difficulty="advanced",
            relations={"audiences": [scientists], "techniques": [tomo]},
        ),
        "video": TrainingMaterialFactory(
            title="Neutron scattering lecture",
            summary="A recorded lecture on neutron scattering.",
            material_type="video",
            providing_facility=ill,
            language="fr",
            relations={"audiences": [students]},
        ),
    }


def test_without_filters_every_material_is_listed_by_title_ignoring_case(materials):
    result = catalogue()
    assert [m.title for m in result.results] == [
        "nabu reconstruction",
        "Neutron scattering lecture",
        "pyFAI cookbook",
    ]
    assert options(result, "type") == {"tutorial": (2, False), "video": (1, False)}
    assert options(result, "facility") == {"esrf": (2, False), "ill": (1, False)}
    assert options(result, "audience") == {
        "student": (2, False),
        "beamline-scientist": (2, False),
    }


def test_values_within_a_facet_widen_and_facets_narrow(materials):
    assert catalogue("type=tutorial").total == 2
    assert catalogue("type=tutorial&type=video").total == 3
    result = catalogue("type=tutorial&audience=student")
    assert [m.title for m in result.results] == ["pyFAI cookbook"]


def test_each_facet_counts_with_the_other_facets_applied(materials):
    result = catalogue("facility=esrf")
    # The ticked facet still offers its other values with their own counts...
    assert options(result, "facility") == {"esrf": (2, True), "ill": (1, False)}
    # ...while the other facets count only within ESRF's materials.
    assert options(result, "type") == {"tutorial": (2, False)}
    assert options(result, "difficulty") == {"beginner": (1, False), "advanced": (1, False)}


def test_a_material_in_two_ticked_audiences_is_listed_once(materials):
    result = catalogue("audience=student&audience=beamline-scientist")
    assert sorted(m.title for m in result.results) == [
        "Neutron scattering lecture",
        "nabu reconstruction",
        "pyFAI cookbook",
    ]


def test_technique_facet_uses_panet_ids(materials):
    result = catalogue("technique=PaNET01208")
    assert [m.title for m in result.results] == ["nabu reconstruction"]
    assert options(result, "technique") == {"PaNET01208": (1, True)}


def test_facility_facet_uses_page_slugs_and_shows_acronyms(materials):
    group = next(g for g in catalogue().facets if g.facet.param == "facility")
    assert {o.value: o.label for o in group.options} == {"esrf": "ESRF", "ill": "ILL"}


def test_language_facet_names_the_language(materials):
    group = next(g for g in catalogue().facets if g.facet.param == "language")
    assert {o.value: o.label for o in group.options} == {"en": "English", "fr": "French"}


def test_review_facet_separates_overdue_from_current(materials):
    today = timezone.localdate()
    pyfai = materials["pyfai"]
    pyfai.review_status = ReviewStatus.REVIEWED
    pyfai.last_reviewed = today - timedelta(days=500)
    pyfai.next_review_due = today - timedelta(days=1)
    pyfai.save()
    nabu = materials["nabu"]
    nabu.review_status = ReviewStatus.REVIEWED
    nabu.last_reviewed = today - timedelta(days=10)
    nabu.save()
    result = catalogue("review=overdue")
    assert [m.title for m in result.results] == ["pyFAI cookbook"]
    assert options(result, "review") == {
        "overdue": (1, True),
        "current": (1, False),
        "never-reviewed": (1, False),
    }


def test_unknown_filter_values_are_ignored(materials):
    result = catalogue("type=nonsense&technique=DROP TABLE&review=whatever&sort=bogus")
    assert result.total == 3
    assert result.sort == "title"
    assert result.active == []


def test_a_ticked_value_without_results_stays_visible_to_untick(materials):
    result = catalogue("type=video&difficulty=advanced")
    assert result.total == 0
    assert options(result, "difficulty")["advanced"] == (0, True)


def test_search_finds_words_of_the_summary(materials):
    result = catalogue("q=tomography")
    assert [m.title for m in result.results] == ["nabu reconstruction"]
    assert result.sort == "relevance"


def test_search_results_can_be_filtered_and_sorted(materials):
    result = catalogue("q=neutron scattering&language=fr")
    assert [m.title for m in result.results] == ["Neutron scattering lecture"]
    assert catalogue("q=neutron scattering&language=en").total == 0
    assert [
        m.title for m in catalogue("q=reconstruct images lecture&sort=title").results
    ] == sorted([m.title for m in catalogue("q=reconstruct images lecture").results], key=str.lower)


def test_sort_newest_first(materials):
    result = catalogue("sort=newest")
    assert [m.title for m in result.results][0] == "Neutron scattering lecture"


def test_pages_keep_the_filters_in_their_links(materials):
    result = catalogue("type=tutorial&type=video", page_size=2)
    assert result.total == 3 and len(result.results.object_list) == 2
    assert result.next_url == "?type=tutorial&type=video&page=2"
    second = catalogue("type=tutorial&type=video&page=2", page_size=2)
    assert len(second.results.object_list) == 1


def test_active_filter_links_remove_only_their_own_value(materials):
    result = catalogue("type=tutorial&type=video&facility=esrf")
    links = {label: url for label, _, url in result.active}
    assert links["Type: Video"] == "?type=tutorial&facility=esrf"
    assert links["Providing facility: ESRF"] == "?type=tutorial&type=video"


def test_catalogue_page_works_without_javascript(client, materials):
    response = client.get("/training/?type=video")
    html = response.content.decode()
    assert response.status_code == 200
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", class_="catalogue-form")
    assert form["method"] == "get" and form.find("button", type="submit")
    assert form.find("input", attrs={"name": "type", "value": "video"}).has_attr("checked")
    # No inline script: only local files or JSON-LD data blocks.
    for script in soup.find_all("script"):
        assert script.has_attr("src") or script.get("type") == "application/ld+json"
    assert "Neutron scattering lecture" in html and "pyFAI cookbook" not in html


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_materials(client, materials, esrf):
    students = Audience.objects.get(slug="student")
    tomo = Technique.objects.get(iri__endswith="/PaNET01208")
    _queries_for(client, "/training/")  # warm the site-root and content-type caches
    filtered = "/training/?audience=student&sort=newest"
    searched = "/training/?q=diffraction&facility=esrf"
    few = _queries_for(client, filtered), _queries_for(client, searched)
    for n in range(12):
        TrainingMaterialFactory(
            title=f"Extra material {n}",
            providing_facility=esrf,
            last_reviewed=date(2025, 1, 1) if n % 2 else None,
            review_status=ReviewStatus.REVIEWED if n % 2 else ReviewStatus.NEVER_REVIEWED,
            relations={"audiences": [students], "techniques": [tomo]},
        )
    many = _queries_for(client, filtered), _queries_for(client, searched)
    assert many == few
