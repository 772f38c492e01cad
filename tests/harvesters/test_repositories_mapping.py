"""The pure mappings from host answers and citation files, on our recordings and on real payloads."""

import json
from datetime import UTC, datetime

import pytest

from harvesters.repositories import citation
from harvesters.repositories import github_mapping as gh
from harvesters.repositories import gitlab_mapping as gl
from harvesters.repositories.reading import MalformedAnswer
from harvesters.repositories.values import primary_languages

from .repository_replay import FIXTURES, real_payload

GITHUB = FIXTURES / "github"


# -- real GitHub answers (../shared/real-payloads/github, read only) ------
def test_the_real_pygithub_repository_answer_maps_to_its_figures():
    figures = gh.repository(real_payload("github/pygithub-repo.json"))

    assert figures["full_name"] == "PyGithub/PyGithub"
    assert (figures["stars"], figures["forks"]) == (7638, 1871)
    assert figures["open_issues_and_pulls"] == 365 and figures["has_issues"] is True
    assert figures["default_branch"] == "main"
    assert figures["archived"] is False
    # GitHub still reports the deprecated SPDX id "LGPL-3.0": stored in today's form.
    assert figures["licence"] == "LGPL-3.0-only"
    assert figures["html_url"] == "https://github.com/PyGithub/PyGithub"


def test_the_real_release_list_gives_its_newest_release():
    figures = gh.releases(real_payload("github/pygithub-releases.json"))

    # name is "" in the real answer: the tag names the release.
    assert figures == {
        "latest_release": "v1.55",
        "latest_release_at": datetime(2021, 4, 26, 4, 44, 57, tzinfo=UTC).isoformat(),
        "latest_release_url": "https://github.com/PyGithub/PyGithub/releases/tag/v1.55",
    }


def test_the_real_latest_release_answer_maps_to_the_tag_and_its_publication():
    figures = gh.release(real_payload("github/repotest-releases-latest.json"))

    assert figures["latest_release"] == "v1.0"
    assert figures["latest_release_at"] == "2020-07-14T00:58:20+00:00"  # published, not created
    assert figures["latest_release_url"].endswith("/rickrickston123/RepoTest/releases/tag/v1.0")


# -- our recordings --------------------------------------------------------
def test_release_list_skips_pre_releases_and_says_none_for_an_empty_list():
    releases = json.loads((GITHUB / "silx-kit/silx/releases.json").read_text())
    assert releases[0]["prerelease"] is True

    assert gh.releases(releases)["latest_release"] == "v2.2.2"
    assert gh.releases([]) == gh.NO_RELEASE


def test_check_runs_and_statuses_combine_into_one_ci_state():
    passing = {"conclusions": {"success": 2}, "in_progress": 0, "apps": ["GitHub Actions"]}
    failing = {"state": "failure", "count": 1, "contexts": ["ci/jenkins"]}
    no_status = {"state": "pending", "count": 0, "contexts": []}  # GitHub's answer when none exist
    kwargs = {"html_url": "https://github.com/o/r", "branch": "main", "sha": "abc"}

    assert gh.ci_figures(no_status, passing, **kwargs)["ci_status"] == "passing"
    assert gh.ci_figures(failing, passing, **kwargs)["ci_status"] == "failing"
    running = {"conclusions": {"success": 1}, "in_progress": 1, "apps": []}
    assert gh.ci_figures(no_status, running, **kwargs)["ci_status"] == "pending"
    only_skipped = {"conclusions": {"skipped": 3, "neutral": 1}, "in_progress": 0, "apps": []}
    assert gh.ci_figures(no_status, only_skipped, **kwargs) == {
        "ci_status": "",
        "ci_status_source": "",
        "ci_url": "",
    }


def test_gitlab_pipeline_states_map_to_badges_and_cancelled_is_unknown():
    def status(value):
        return gl.pipeline([{"status": value, "web_url": "https://x.org/p/1"}], branch="main")

    assert status("success")["ci_status"] == "passing"
    assert status("failed")["ci_status"] == "failing"
    assert status("running")["ci_status"] == "pending"
    assert status("canceled")["ci_status"] == ""
    assert gl.pipeline([], branch="main")["ci_status"] == ""


def test_gitlab_contributors_come_from_x_total_or_the_single_page():
    assert gl.contributors({"x-total": "23"}, [{}]) == {"contributors": 23}
    assert gl.contributors({"x-next-page": ""}, [{}]) == {"contributors": 1}
    # A huge list: GitLab leaves out X-Total; the count is unknown, not 1.
    assert gl.contributors({"x-next-page": "2"}, [{}]) == {"contributors": None}


def test_a_project_with_issues_switched_off_has_no_open_issue_figure():
    project = json.loads(
        (FIXTURES / "gitlab/gitlab.esrf.fr/workflow/ewoks/ewoks/project.json").read_text()
    )
    del project["open_issues_count"]

    assert gl.project(project)["open_issues"] is None


def test_primary_languages_are_the_large_ones_largest_first():
    assert primary_languages({"C": 10, "Python": 85, "Shell": 5}, what="x") == [
        "Python",
        "C",
        "Shell",
    ]
    assert primary_languages({"Python": 97.3, "Shell": 1.6, "Dockerfile": 1.1}, what="x") == [
        "Python"
    ]
    assert primary_languages({}, what="x") == []
    with pytest.raises(MalformedAnswer):
        primary_languages({"Python": "most"}, what="languages")


@pytest.mark.parametrize(
    "answer",
    [
        {"stargazers_count": "1.2k"},
        {"stargazers_count": -1},
        {"archived": "no"},
        {"license": "MIT"},
        ["not", "an", "object"],
    ],
)
def test_a_repository_answer_of_the_wrong_shape_is_malformed(answer):
    with pytest.raises(MalformedAnswer):
        gh.repository(answer)


def test_a_licence_the_host_cannot_name_is_no_licence():
    assert gh.spdx_from_host("NOASSERTION") == ""
    assert gh.spdx_from_host("other") == ""
    assert gh.spdx_from_host("gpl-3.0") == "GPL-3.0-only"


# -- citation files ---------------------------------------------------------
def test_citation_cff_gives_the_fields_it_states():
    parsed = citation.parse_citation_cff((GITHUB / "silx-kit/silx/CITATION.cff").read_bytes())

    assert parsed["licence"] == "MIT"
    assert parsed["doi"] == "10.5072/zenodo.silx-sample"
    assert parsed["reference_publication_doi"] == "10.5072/sample.silx-paper"
    assert parsed["versions"] == [{"version": "v2.2.2", "released_on": "2025-05-27"}]
    assert parsed["people"][1]["orcid"] == "https://orcid.org/0000-0002-1825-0097"
    assert parsed["warnings"] == []


def test_codemeta_licence_urls_and_doi_identifiers_are_read():
    parsed = citation.parse_codemeta((GITHUB / "silx-kit/pyFAI/codemeta.json").read_bytes())

    assert parsed["licence"] == "MIT"
    assert parsed["doi"] == "10.5072/zenodo.pyfai-sample"
    assert parsed["documentation_url"] == "https://pyfai.readthedocs.io/"
    assert parsed["reference_publication_doi"] == "10.5072/sample.pyfai-paper"
    assert [p["role"] for p in parsed["people"]] == ["author-maintainer", "author"]


def test_a_yaml_alias_bomb_is_refused_not_expanded():
    bomb = b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'

    assert citation.parse_file("CITATION.cff", bomb) == {
        "error": "CITATION.cff uses YAML aliases, which citation files have no need for."
    }


def test_values_that_fail_the_catalogue_checks_are_dropped_with_a_warning():
    parsed = citation.parse_citation_cff(
        b"cff-version: 1.2.0\ntitle: x\nlicense: Not A Licence\ndoi: nonsense\n"
        b"authors:\n  - family-names: Doe\n    orcid: https://orcid.org/1234\n"
    )

    assert parsed["licence"] == "" and parsed["doi"] == ""
    assert parsed["people"][0]["orcid"] == ""
    assert len(parsed["warnings"]) == 3


def test_a_cff_licence_list_is_a_choice():
    parsed = citation.parse_citation_cff(b"license: [MIT, Apache-2.0]\n")
    assert parsed["licence"] == "MIT OR Apache-2.0"


def test_files_that_are_not_mappings_or_too_big_are_errors():
    assert "error" in citation.parse_file("codemeta.json", b"[1, 2]")
    assert "error" in citation.parse_file("CITATION.cff", b"- just\n- a list\n")
    assert "error" in citation.parse_file("codemeta.json", b" " * (citation.MAX_FILE_BYTES + 1))


def test_merged_metadata_prefers_citation_cff_and_names_the_file():
    merged = citation.merged(
        {
            "codemeta.json": {"licence": "Apache-2.0", "documentation_url": "https://d.org/"},
            "CITATION.cff": {"licence": "MIT", "documentation_url": ""},
        }
    )
    assert merged == {
        "licence": ("MIT", "CITATION.cff"),
        "documentation_url": ("https://d.org/", "codemeta.json"),
    }


def test_the_readable_copies_match_the_recorded_blobs():
    import base64

    for folder, name in (("silx-kit/silx", "CITATION.cff"), ("silx-kit/pyFAI", "codemeta.json")):
        text = (GITHUB / folder / name).read_bytes()
        blobs = list((GITHUB / folder).glob("blob-*.json"))
        assert len(blobs) == 1
        assert base64.b64decode(json.loads(blobs[0].read_text())["content"]) == text
