"""CITATION.cff and codemeta.json fill EMPTY entry fields, in a published revision, with provenance;
a curator's value is never overwritten."""

import base64
import hashlib
import json

import pytest
from wagtail.models import Revision

from harvesters.repositories import Result
from harvesters.repositories.models import EnrichedField, RepositoryResource
from harvesters.repositories.refresh import refresh_entry
from registry.software.models import SoftwareEntry

from .repository_replay import (  # noqa: F401 - fixtures (*_fixture) and helpers
    FIXTURES,
    github_api_fixture,
    gitlab_api_fixture,
    gitlab_server_fixture,
    harvest_settings_fixture,
    make_entry,
    no_leftover_locks_fixture,
    register_gitlab,
)

pytestmark = pytest.mark.django_db
SILX_CFF = (FIXTURES / "github" / "silx-kit" / "silx" / "CITATION.cff").read_bytes()
TREE = "/repos/silx-kit/silx/git/trees/main"


def live(entry) -> SoftwareEntry:
    return SoftwareEntry.objects.get(pk=entry.pk)


def publish_the_cff(api, text: bytes, *, etag: str) -> None:
    """The repository's CITATION.cff changes: a new blob id in the tree, the blob served."""
    sha = hashlib.sha1(b"blob %d\0" % len(text) + text).hexdigest()
    tree = json.loads(api.exchanges[(TREE, ())].body)
    for item in tree["tree"]:
        if item["path"] == "CITATION.cff":
            item["sha"], item["size"] = sha, len(text)
    api.replace_body(TREE, tree, etag=etag)
    api.override(
        f"/repos/silx-kit/silx/git/blobs/{sha}",
        body={
            "sha": sha,
            "size": len(text),
            "encoding": "base64",
            "content": base64.b64encode(text).decode(),
        },  # fmt: skip
    )


@pytest.fixture
def silx(github_api):
    # A curator recorded the licence (here deliberately not the one in CITATION.cff).
    return make_entry("silx", "https://github.com/silx-kit/silx", licence="BSD-3-Clause")


def test_citation_cff_fills_the_empty_fields_only_in_one_published_revision(silx, github_api):
    revisions = Revision.objects.for_instance(silx).count()

    outcome = refresh_entry(silx.pk)

    entry = live(silx)
    assert entry.licence == "BSD-3-Clause"  # the curator's value stays
    assert entry.doi == "10.5072/zenodo.silx-sample"
    assert entry.homepage_url == "http://www.silx.org"
    assert entry.reference_publication_doi == "10.5072/sample.silx-paper"
    assert entry.description.startswith("<p>silx is a collection of Python packages")
    people = [
        (p.team_name, p.given_names, p.family_names, p.orcid, p.role) for p in entry.people.all()
    ]
    assert people == [
        ("The silx developers", "", "", "", "author"),
        ("", "Josiah", "Carberry", "https://orcid.org/0000-0002-1825-0097", "author"),
    ]
    assert [(v.version, str(v.released_on)) for v in entry.versions.all()] == [
        ("v2.2.2", "2025-05-27")
    ]
    assert Revision.objects.for_instance(silx).count() == revisions + 1
    assert entry.live_revision == entry.latest_revision and not entry.has_unpublished_changes
    sources = {s.field: s for s in EnrichedField.objects.filter(entry=silx)}
    assert set(sources) == {
        "description", "doi", "homepage_url", "reference_publication_doi", "people", "versions",
    }  # fmt: skip
    assert {s.source_file for s in sources.values()} == {"CITATION.cff"}
    assert sources["doi"].revision_id == entry.live_revision_id
    assert any("filled from the repository's citation metadata" in n for n in outcome.notes)


def test_a_rerun_with_the_same_file_fills_nothing_and_makes_no_revision(silx, github_api):
    refresh_entry(silx.pk)
    revisions = Revision.objects.for_instance(silx).count()

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.UNCHANGED
    assert Revision.objects.for_instance(silx).count() == revisions


def test_a_curators_edit_after_the_fill_wins_over_a_changed_file(silx, github_api):
    refresh_entry(silx.pk)
    edited = live(silx)
    edited.doi = "10.5072/curated-doi"
    edited.save_revision().publish()
    changed = SILX_CFF.replace(b"10.5072/zenodo.silx-sample", b"10.5072/zenodo.silx-new").replace(
        b"silx is a collection", b"silx is a set"
    )
    publish_the_cff(github_api, changed, etag='W/"tree-2"')

    outcome = refresh_entry(silx.pk)

    entry = live(silx)
    assert entry.doi == "10.5072/curated-doi"
    assert entry.description.startswith(
        "<p>silx is a set of Python packages"
    )  # still ours: updated
    doi = EnrichedField.objects.get(entry=silx, field="doi")
    assert doi.overridden_at is not None and not doi.active
    assert outcome.result == Result.REFRESHED


def test_a_field_the_curator_cleared_is_not_filled_again(silx, github_api):
    refresh_entry(silx.pk)
    edited = live(silx)
    edited.homepage_url = ""
    edited.save_revision().publish()
    publish_the_cff(github_api, SILX_CFF + b"\n# touched\n", etag='W/"tree-3"')

    refresh_entry(silx.pk)

    assert live(silx).homepage_url == ""
    assert EnrichedField.objects.get(entry=silx, field="homepage_url").overridden_at is not None


def test_an_entry_with_a_pending_draft_waits_and_is_filled_once_the_draft_is_published(
    silx, github_api
):
    draft = live(silx)
    draft.summary = "An editor's unpublished wording."
    draft.save_revision()

    first = refresh_entry(silx.pk)

    assert first.result == Result.REFRESHED  # the figures are stored all the same
    assert live(silx).doi == ""
    assert any("unpublished changes" in note for note in first.notes)
    assert RepositoryResource.objects.get(entry=silx, name="citation").data["pending"] is True
    live(silx).get_latest_revision().publish()

    second = refresh_entry(silx.pk)  # every resource answers 304: the fill comes from storage

    assert second.not_modified == second.requests
    entry = live(silx)
    assert entry.doi == "10.5072/zenodo.silx-sample"
    assert entry.summary == "An editor's unpublished wording."
    assert "pending" not in RepositoryResource.objects.get(entry=silx, name="citation").data


def test_an_unpublished_entry_is_not_enriched(github_api):
    from tests.software.factories import SoftwareEntryFactory

    entry = SoftwareEntryFactory(
        title="silx", repository_url="https://github.com/silx-kit/silx", live=False
    )

    outcome = refresh_entry(entry.pk)

    assert live(entry).doi == "" and not live(entry).live
    assert any("not published yet" in note for note in outcome.notes)


def test_citation_cff_comes_first_and_codemeta_json_fills_what_it_lacks(gitlab_api):
    register_gitlab(gitlab_api)
    entry = make_entry("ewoks", "https://gitlab.esrf.fr/workflow/ewoks/ewoks")

    refresh_entry(entry.pk)

    entry = live(entry)
    assert entry.licence == "MIT"  # CITATION.cff; codemeta.json says Apache-2.0
    assert entry.documentation_url == "https://ewoks.readthedocs.io/"
    assert entry.issue_tracker_url == "https://gitlab.esrf.fr/workflow/ewoks/ewoks/-/issues"
    sources = dict(EnrichedField.objects.filter(entry=entry).values_list("field", "source_file"))
    assert sources["licence"] == "CITATION.cff"
    assert sources["documentation_url"] == sources["issue_tracker_url"] == "codemeta.json"
    roles = {(p.family_names or p.team_name): p.role for p in entry.people.all()}
    assert roles == {"Carberry": "author-maintainer", "ESRF Data Analysis Unit": "author"}


def test_a_broken_citation_file_is_reported_and_the_figures_are_stored(silx, github_api):
    publish_the_cff(github_api, b"authors: [unclosed\n", etag='W/"tree-broken"')

    outcome = refresh_entry(silx.pk)

    assert outcome.result == Result.REFRESHED
    assert any("CITATION.cff not valid YAML" in note for note in outcome.notes)
    assert live(silx).doi == ""


def test_a_curator_adding_an_e_mail_to_a_filled_person_keeps_the_people_theirs(silx, github_api):
    refresh_entry(silx.pk)
    edited = live(silx)
    person = edited.people.all()[1]
    person.email = "josiah@example.org"
    edited.people = [edited.people.all()[0], person]
    edited.save_revision().publish()
    publish_the_cff(github_api, SILX_CFF + b"\n# touched again\n", etag='W/"tree-4"')

    refresh_entry(silx.pk)

    assert [p.email for p in live(silx).people.all()] == ["", "josiah@example.org"]
    assert not EnrichedField.objects.get(entry=silx, field="people").active
