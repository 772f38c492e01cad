"""DOIs and ORCID iDs are checked and stored in one form, whatever form they were typed in."""

import pytest
from django.core.exceptions import ValidationError

from registry.software.identifiers import normalise_doi, normalise_orcid


@pytest.mark.parametrize(
    "typed",
    ["10.1107/S2059798317017235", "https://doi.org/10.1107/S2059798317017235",
     "doi:10.1107/S2059798317017235", " http://dx.doi.org/10.1107/S2059798317017235 "],
)  # fmt: skip
def test_doi_is_stored_bare(typed):
    assert normalise_doi(typed) == "10.1107/S2059798317017235"


@pytest.mark.parametrize("typed", ["zenodo 1234", "10.12/x", "https://example.org/paper"])
def test_not_a_doi_is_refused(typed):
    with pytest.raises(ValidationError, match="is not a DOI"):
        normalise_doi(typed)


def test_orcid_is_stored_as_its_url_and_its_checksum_is_checked():
    assert normalise_orcid("0000-0002-1825-0097") == "https://orcid.org/0000-0002-1825-0097"
    assert normalise_orcid("https://orcid.org/0000-0001-5109-3700") == (
        "https://orcid.org/0000-0001-5109-3700"
    )
    assert normalise_orcid("0000-0002-1694-233x") == "https://orcid.org/0000-0002-1694-233X"
    with pytest.raises(ValidationError, match="not an ORCID iD"):
        normalise_orcid("0000-0002-1825-0098")  # wrong check digit
    assert normalise_orcid("") == ""
