"""The API tests use the partner tests' facilities, partners, curator and entries."""

from tests.partners.conftest import (  # noqa: F401 - fixtures for this area
    _fresh_cache,
    curator,
    esrf,
    esrf_entry,
    ill,
    ill_draft,
    ill_entry,
    other_partner,
    partner,
)
