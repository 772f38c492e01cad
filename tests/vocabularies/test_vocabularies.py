import pytest
from django.core.exceptions import ValidationError

from registry.vocabularies.licences import normalise_spdx, validate_spdx
from registry.vocabularies.models import Technique
from registry.vocabularies.panet import panet_terms, sync_panet_techniques


def test_migrations_seed_every_panet_term_with_its_iri(db):
    terms = panet_terms()
    assert Technique.objects.count() == len(terms) > 50
    saxs = Technique.objects.get(name="SAXS")
    assert saxs.iri == "http://purl.org/pan-science/PaNET/PaNET01188"
    assert saxs.panet_id == "PaNET01188"
    assert saxs.label == "SAXS (small angle x-ray scattering)"


def test_sync_again_changes_nothing_and_repairs_an_edited_name(db):
    assert sync_panet_techniques() == (0, 0)
    Technique.objects.filter(name="SAXS").update(name="saxs typo")
    assert sync_panet_techniques() == (0, 1)
    assert Technique.objects.filter(name="SAXS").exists()


@pytest.mark.parametrize(
    ("given", "spdx"),
    [
        ("MIT", "MIT"),
        ("GPL-2.0", "GPL-2.0-only"),
        ("LGPL-3.0+", "LGPL-3.0-or-later"),
        ("Apache-2.0 OR MIT", "Apache-2.0 OR MIT"),
    ],
)
def test_spdx_expressions_are_normalised(given, spdx):
    assert normalise_spdx(given) == spdx


def test_unknown_licence_is_refused_with_a_reason():
    with pytest.raises(ValidationError) as caught:
        validate_spdx("Company-Internal-1.0")
    assert "not a valid SPDX licence expression" in str(caught.value)
    validate_spdx("")  # an unknown licence stays empty, which is honest
