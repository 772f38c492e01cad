"""Persistent identifiers an entry carries: DOIs and ORCID iDs, checked and stored in one form.

A DOI is stored bare (`10.5281/zenodo.591736`), whatever form it was typed
in (`https://doi.org/...`, `doi:...`); an ORCID iD is stored as its URL.
"""

import re

from django.core.exceptions import ValidationError

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIXES = (
    "https://doi.org/",
    "http://doi.org/",
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "doi:",
)
ORCID_RE = re.compile(r"^(\d{4}-){3}\d{3}[\dX]$")


def normalise_doi(value: str) -> str:
    """Return the bare DOI or raise ValidationError; an empty value stays empty."""
    value = (value or "").strip()
    for prefix in DOI_PREFIXES:
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
            break
    if value and not DOI_RE.match(value):
        raise ValidationError(
            "“%(value)s” is not a DOI. A DOI starts with 10. and a slash separates its two "
            "parts, e.g. 10.5281/zenodo.591736.",
            params={"value": value},
            code="invalid_doi",
        )
    return value


def validate_doi(value: str) -> None:
    normalise_doi(value)


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}" if doi else ""


def _orcid_checksum_ok(digits: str) -> bool:
    # ISO 7064 11,2, as ORCID documents it.
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def normalise_orcid(value: str) -> str:
    """Return `https://orcid.org/0000-0002-1825-0097` or raise ValidationError; empty stays empty."""
    value = (value or "").strip()
    if not value:
        return ""
    bare = value.rsplit("/", 1)[-1].upper()
    if not ORCID_RE.match(bare) or not _orcid_checksum_ok(bare.replace("-", "")):
        raise ValidationError(
            "“%(value)s” is not an ORCID iD (16 digits in four groups, e.g. 0000-0002-1825-0097).",
            params={"value": value},
            code="invalid_orcid",
        )
    return f"https://orcid.org/{bare}"


def validate_orcid(value: str) -> None:
    normalise_orcid(value)
