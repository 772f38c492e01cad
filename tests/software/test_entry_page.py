"""An entry page: facts, honest repository figures, relations both ways, validation of what editors type."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from registry.software.models import (
    AttachedMaterial,
    RepositoryMetrics,
    SoftwareEntry,
    SoftwareRelation,
)

from .factories import FacilityFactory, SoftwareEntryFactory, publish


@pytest.fixture
def silx(catalogue):
    return publish(SoftwareEntryFactory(title="silx", slug="silx", licence="MIT"))


def test_page_says_figures_are_not_harvested_yet(client, silx):
    html = client.get("/software/silx/").content.decode()
    assert "Repository figures not yet harvested." in html
    assert "Maintenance unknown" in html


def test_page_shows_harvested_figures_with_their_harvest_time(client, silx):
    RepositoryMetrics.objects.create(
        entry=silx, host="github.com", full_name="silx-kit/silx", stars=140, forks=70,
        open_issues=90, latest_release="v2.2.0", latest_release_url="https://github.com/silx-kit/silx/releases/tag/v2.2.0",
        last_commit_at=timezone.now() - timedelta(days=2), contributors=60, languages=["Python", "Cython"],
        ci_status="passing", ci_status_source="GitHub Actions (main)", default_branch="main",
        harvested_at=timezone.datetime(2026, 11, 20, 8, 30, tzinfo=timezone.get_current_timezone()),
    )  # fmt: skip
    html = client.get("/software/silx/").content.decode()
    assert "Repository figures not yet harvested." not in html
    for text in (
        "140",
        "v2.2.0",
        "Python, Cython",
        "Passing",
        "GitHub Actions (main)",
        "20 November 2026",
    ):
        assert text in html
    assert "Maintained" in html


def test_add_on_relation_shows_on_both_pages(client, catalogue):
    mantid = publish(SoftwareEntryFactory(title="Mantid", slug="mantid"))
    addon = SoftwareEntryFactory(title="Mantid Imaging", slug="mantid-imaging")
    addon.relations = [SoftwareRelation(kind=SoftwareRelation.Kind.ADD_ON_OF, target=mantid)]
    publish(addon)
    addon_html = client.get("/software/mantid-imaging/").content.decode()
    mantid_html = client.get("/software/mantid/").content.decode()
    assert "Add-on of" in addon_html and 'href="/software/mantid/"' in addon_html
    assert "Add-ons" in mantid_html and 'href="/software/mantid-imaging/"' in mantid_html


def test_relation_from_a_draft_entry_is_not_shown_on_the_target(client, catalogue):
    target = publish(SoftwareEntryFactory(title="h5py", slug="h5py"))
    draft = SoftwareEntryFactory(title="Secret plugin", slug="secret", live=False)
    SoftwareRelation.objects.create(entry=draft, target=target, kind="add-on-of")
    assert "Secret plugin" not in client.get("/software/h5py/").content.decode()


def test_attached_notebooks_and_the_training_slot(client, silx):
    silx.attached_materials = [
        AttachedMaterial(
            kind="notebook", title="silx tutorial notebooks", url="https://example.org/nb"
        )
    ]
    publish(silx)
    html = client.get("/software/silx/").content.decode()
    assert "silx tutorial notebooks" in html and "Notebook" in html


def test_facts_link_facilities_and_techniques_to_their_pages(client, silx):
    esrf = FacilityFactory(acronym="ESRF")
    silx.developing_facilities.add(esrf)
    publish(silx)
    html = client.get("/software/silx/").content.decode()
    assert f'href="{esrf.url}"' in html


def test_facility_page_lists_the_software_developed_and_used_there(client, catalogue):
    esrf = FacilityFactory(acronym="ESRF")
    developed = SoftwareEntryFactory(title="nabu")
    developed.developing_facilities.add(esrf)
    publish(developed)
    used = SoftwareEntryFactory(title="Mantid")
    used.using_facilities.add(esrf)
    publish(used)
    html = client.get(esrf.url).content.decode()
    assert "Software developed or used here" in html
    assert 'nabu</a> <span class="muted">— developed here' in html
    assert 'Mantid</a> <span class="muted">— used here' in html


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("GPL-3.0+", "GPL-3.0-or-later"), ("mit", "MIT"), ("Apache-2.0 OR MIT", "Apache-2.0 OR MIT")],
)
def test_licence_is_stored_in_normalised_spdx_form(catalogue, typed, stored):
    entry = SoftwareEntryFactory(title="Tool", licence=typed)
    assert SoftwareEntry.objects.get(pk=entry.pk).licence == stored


def test_invalid_licence_doi_and_orcid_are_refused_with_reasons(catalogue):
    entry = SoftwareEntryFactory.build(title="Tool", slug="tool", summary="x")
    entry.licence = "Proprietary-Facility-1.0"
    entry.doi = "zenodo 1234"
    with pytest.raises(ValidationError) as caught:
        entry.full_clean()
    assert "not a valid SPDX licence expression" in str(caught.value.message_dict["licence"])
    assert "is not a DOI" in str(caught.value.message_dict["doi"])


def test_doi_typed_as_a_url_is_stored_bare(catalogue):
    entry = SoftwareEntryFactory(title="Tool", doi="https://doi.org/10.5286/SOFTWARE/MANTID")
    assert SoftwareEntry.objects.get(pk=entry.pk).doi == "10.5286/SOFTWARE/MANTID"


def test_a_draft_change_stays_off_the_public_page_until_published(client, silx):
    draft = SoftwareEntry.objects.get(pk=silx.pk)
    draft.summary = "Draft summary."
    draft.save_revision()
    assert "Draft summary." not in client.get("/software/silx/").content.decode()
    draft.get_latest_revision().publish()
    assert "Draft summary." in client.get("/software/silx/").content.decode()
