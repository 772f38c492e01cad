"""Open metadata: schema.org JSON-LD in the page, codemeta.json, CITATION.cff — each to its spec.

JSON-LD is expanded with pyld through a document loader that serves the local
copies of the contexts in fixtures/contexts/ (tests never go online): a term
the context does not define would be dropped by expansion, so every property
surviving it proves the document speaks the vocabulary.
"""

import datetime
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.conf import settings
from pyld import jsonld

from registry.software.models import RepositoryMetrics, SoftwarePerson, SoftwareVersion

from .factories import FacilityFactory, SoftwareEntryFactory, publish

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
CONTEXTS = {
    "https://w3id.org/codemeta/3.0": FIXTURES / "contexts" / "codemeta-3.0.jsonld",
    "https://schema.org": FIXTURES / "contexts" / "schemaorg-context.jsonld",
    "https://schema.org/": FIXTURES / "contexts" / "schemaorg-context.jsonld",
}


def local_loader(url, options=None):
    if url not in CONTEXTS:
        raise AssertionError(f"the test tried to load {url} from the network")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(CONTEXTS[url].read_text(encoding="utf-8")),
    }


def expand(document):
    return jsonld.expand(document, {"documentLoader": local_loader})


def context_terms(url) -> set[str]:
    return set(json.loads(CONTEXTS[url].read_text(encoding="utf-8"))["@context"])


@pytest.fixture
def entry(catalogue):
    esrf = FacilityFactory(acronym="ESRF", title="European Synchrotron Radiation Facility")
    entry = SoftwareEntryFactory(
        title="pyFAI",
        slug="pyfai",
        summary="Fast azimuthal integration.",
        homepage_url="https://example.org/pyfai/",
        repository_url="https://github.com/silx-kit/pyFAI",
        documentation_url="https://www.silx.org/doc/pyFAI/latest/",
        issue_tracker_url="https://github.com/silx-kit/pyFAI/issues",
        licence="MIT",
        doi="10.5281/zenodo.832896",
        reference_publication_doi="10.1107/S1600576715004306",
    )
    entry.developing_facilities.add(esrf)
    entry.people = [
        SoftwarePerson(given_names="Jérôme", family_names="Kieffer", orcid="0000-0002-1825-0097"),
        SoftwarePerson(team_name="The silx team", role=SoftwarePerson.Role.MAINTAINER),
    ]
    entry.versions = [SoftwareVersion(version="2025.3.0", released_on=datetime.date(2025, 3, 14))]
    entry.tags.add("azimuthal-integration")
    entry = publish(entry)
    RepositoryMetrics.objects.create(
        entry=entry,
        ci_url="https://github.com/silx-kit/pyFAI/actions",
        harvested_at="2026-01-01T00:00Z",
    )
    return entry


def page_json_ld(client, entry) -> dict:
    html = client.get(entry.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_entry_page_carries_schema_org_software_json_ld_that_expands_completely(client, entry):
    document = page_json_ld(client, entry)
    assert document["@type"] == ["SoftwareApplication", "SoftwareSourceCode"]
    # Every property is a schema.org term (not just caught by @vocab) ...
    defined = context_terms("https://schema.org")
    assert [key for key in document if not key.startswith("@") and key not in defined] == []
    # ... and expansion keeps every one of them, with schema.org IRIs.
    [node] = expand(document)
    properties = {key for key in node if not key.startswith("@")}
    assert len(properties) == len([k for k in document if not k.startswith("@")])
    assert node["http://schema.org/codeRepository"][0]["@id"] == "https://github.com/silx-kit/pyFAI"
    assert node["http://schema.org/license"][0]["@id"] == "https://spdx.org/licenses/MIT"
    author = node["http://schema.org/author"][0]
    assert author["@id"] == "https://orcid.org/0000-0002-1825-0097"
    assert author["http://schema.org/familyName"][0]["@value"] == "Kieffer"


def test_json_ld_cannot_break_out_of_its_script_element(client, entry):
    entry.summary = "Beats </script><script>alert(1)</script> everything"
    entry = publish(entry)
    html = client.get(entry.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert page_json_ld(client, entry)["description"] == entry.summary


def test_codemeta_json_is_codemeta_3_and_every_term_expands(client, entry):
    response = client.get(f"{entry.url}codemeta.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["@context"] == "https://w3id.org/codemeta/3.0"
    defined = context_terms("https://w3id.org/codemeta/3.0")
    assert [key for key in document if not key.startswith("@") and key not in defined] == []
    [node] = expand(document)
    assert len([k for k in node if not k.startswith("@")]) == len(
        [k for k in document if not k.startswith("@")]
    )
    assert document["version"] == "2025.3.0"
    assert document["identifier"] == "https://doi.org/10.5281/zenodo.832896"
    assert document["referencePublication"] == "https://doi.org/10.1107/S1600576715004306"
    assert document["continuousIntegration"] == "https://github.com/silx-kit/pyFAI/actions"
    assert node["https://codemeta.github.io/terms/issueTracker"][0]["@id"].endswith("/issues")


def _cff_schema():
    path = FIXTURES / "schemas" / "citation-cff-1.2.0.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_citation_cff_validates_against_the_published_1_2_0_schema(client, entry):
    response = client.get(f"{entry.url}CITATION.cff")
    assert response.status_code == 200
    assert 'filename="CITATION.cff"' in response["Content-Disposition"]
    document = yaml.safe_load(response.content)
    jsonschema.validate(document, _cff_schema())
    assert document["cff-version"] == "1.2.0"
    assert document["authors"][0] == {
        "family-names": "Kieffer",
        "given-names": "Jérôme",
        "orcid": "https://orcid.org/0000-0002-1825-0097",
    }
    assert document["doi"] == "10.5281/zenodo.832896"
    assert document["date-released"] == "2025-03-14"
    assert document["identifiers"][0]["value"] == "10.1107/S1600576715004306"


def test_bare_entry_still_exports_a_valid_cff_and_says_its_authors_are_unknown(client, catalogue):
    entry = publish(SoftwareEntryFactory(title="XDS", slug="xds", licence=""))
    text = client.get(f"{entry.url}CITATION.cff").content.decode()
    document = yaml.safe_load(text)
    jsonschema.validate(document, _cff_schema())
    assert document["authors"] == [{"name": "The XDS developers"}]
    assert "# Authors are not recorded in PaN Registry" in text


def test_a_licence_cff_cannot_express_is_left_out_and_noted(client, catalogue):
    entry = publish(
        SoftwareEntryFactory(title="Mixed", slug="mixed", licence="GPL-2.0-or-later AND MIT")
    )
    text = client.get(f"{entry.url}CITATION.cff").content.decode()
    document = yaml.safe_load(text)
    jsonschema.validate(document, _cff_schema())
    assert "license" not in document
    assert "cannot be written in CFF" in text


def test_choice_of_licences_becomes_a_cff_list_and_codemeta_list(client, catalogue):
    entry = publish(SoftwareEntryFactory(title="Dual", slug="dual", licence="Apache-2.0 OR MIT"))
    document = yaml.safe_load(client.get(f"{entry.url}CITATION.cff").content)
    jsonschema.validate(document, _cff_schema())
    assert document["license"] == ["Apache-2.0", "MIT"]
    codemeta = client.get(f"{entry.url}codemeta.json").json()
    assert codemeta["license"] == [
        "https://spdx.org/licenses/Apache-2.0",
        "https://spdx.org/licenses/MIT",
    ]


def test_page_shows_a_ready_citation(client, entry):
    html = client.get(entry.url).content.decode()
    assert (
        "Kieffer, J., &amp; The silx team (2025). pyFAI (Version 2025.3.0) [Computer software]."
        not in html
    )  # a maintainer-only team is not an author
    assert (
        "Kieffer, J. (2025). pyFAI (Version 2025.3.0) [Computer software]. "
        "https://doi.org/10.5281/zenodo.832896" in html
    )


def test_draft_entry_exports_nothing(client, catalogue):
    entry = SoftwareEntryFactory(title="Hidden", slug="hidden", live=False)
    for suffix in ("codemeta.json", "CITATION.cff", "badge.svg"):
        assert client.get(f"/software/hidden/{suffix}").status_code == 404
    assert entry.pk
