"""CITATION.cff and codemeta.json from a repository → the entry fields they can fill.

Pure functions: bytes in, a plain dict out (JSON-storable, kept in the
repository's "citation" resource so enrichment can be retried without a
new fetch). Only values that pass the catalogue's own checks survive: an
SPDX licence expression, a DOI, an ORCID iD, http(s) URLs, an ISO date.
Anything else is dropped with a warning that names it; nothing is guessed.

Field meanings follow the specs: CFF 1.2.0 (`doi` is the software's DOI,
`preferred-citation` is what to cite instead, a `license` list lists
alternatives) and codemeta 2/3 (`identifier`, `referencePublication`,
`softwareHelp`, `issueTracker`, `maintainer`).
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import yaml
from django.core.exceptions import ValidationError

from registry.software.identifiers import normalise_doi, normalise_orcid
from registry.vocabularies.licences import normalise_spdx

MAX_FILE_BYTES = 256 * 1024
MAX_PEOPLE = 50
SPDX_URL_PREFIXES = ("https://spdx.org/licenses/", "http://spdx.org/licenses/")

# The entry fields a citation file can fill, in the order the page lists them.
FIELDS = (
    "description",
    "licence",
    "doi",
    "homepage_url",
    "documentation_url",
    "issue_tracker_url",
    "reference_publication_doi",
    "people",
    "versions",
)


class CitationFileError(ValueError):
    """The file cannot be read at all (not YAML/JSON, not a mapping, too big, YAML aliases)."""


def _str(value, limit: int = 500) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _url(value) -> str:
    value = _str(value)
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else ""


def _doi(value, warnings: list[str], label: str) -> str:
    value = _str(value)
    if not value:
        return ""
    try:
        return normalise_doi(value)
    except ValidationError:
        warnings.append(f"{label}: “{value}” is not a DOI; ignored.")
        return ""


def _licence(values: list[str], warnings: list[str]) -> str:
    ids = [v.strip() for v in values if isinstance(v, str) and v.strip()]
    if not ids:
        return ""
    expression = " OR ".join(ids)  # CFF and codemeta list alternatives
    try:
        return normalise_spdx(expression)
    except ValidationError:
        warnings.append(f"licence “{expression}” is not an SPDX expression; ignored.")
        return ""


def _orcid(value, warnings: list[str]) -> str:
    value = _str(value)
    if not value:
        return ""
    try:
        return normalise_orcid(value)
    except ValidationError:
        warnings.append(f"ORCID “{value}” is not valid; left out.")
        return ""


def _date(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(_str(value)[:10]).isoformat()
    except ValueError:
        return ""


def _person(*, given="", family="", team="", orcid="", affiliation="", role) -> dict:
    # E-mail addresses are not copied: the entry page shows them publicly, and a
    # curator decides that with the person, not the harvester.
    return {
        "given_names": _str(given, 120),
        "family_names": _str(family, 120),
        "team_name": _str(team, 200),
        "orcid": orcid,
        "affiliation": _str(affiliation, 200),
        "role": role,
    }


def _same_person(a: dict, b: dict) -> bool:
    if a["team_name"] or b["team_name"]:
        return a["team_name"].lower() == b["team_name"].lower()
    if a["orcid"] and b["orcid"]:
        return a["orcid"] == b["orcid"]
    return (a["given_names"].lower(), a["family_names"].lower()) == (
        b["given_names"].lower(),
        b["family_names"].lower(),
    )


def _merge_roles(authors: list[dict], maintainers: list[dict]) -> list[dict]:
    """Authors first; a maintainer who is also an author is one person with both roles."""
    people = [dict(p) for p in authors]
    for maintainer in maintainers:
        same = next((p for p in people if _same_person(p, maintainer)), None)
        if same is not None:
            same["role"] = "author-maintainer" if same["role"] == "author" else same["role"]
        else:
            people.append(dict(maintainer))
    return [p for p in people if p["family_names"] or p["team_name"]][:MAX_PEOPLE]


def _safe_yaml(text: str):
    """YAML without aliases: an alias bomb (a billion laughs in YAML) is refused, not walked."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise CitationFileError("uses YAML aliases, which citation files have no need for")
    return yaml.safe_load(text)


def _decode(payload: bytes) -> str:
    if len(payload) > MAX_FILE_BYTES:
        raise CitationFileError(f"larger than {MAX_FILE_BYTES // 1024} KB")
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CitationFileError(f"not UTF-8 ({error})") from None


def parse_citation_cff(payload: bytes) -> dict:
    try:
        document = _safe_yaml(_decode(payload))
    except yaml.YAMLError as error:
        raise CitationFileError(f"not valid YAML ({error.__class__.__name__})") from None
    if not isinstance(document, dict):
        raise CitationFileError("not a YAML mapping")
    warnings: list[str] = []
    identifiers = (
        document.get("identifiers") if isinstance(document.get("identifiers"), list) else []
    )
    doi = _doi(document.get("doi"), warnings, "doi")
    if not doi:
        for identifier in identifiers:
            if isinstance(identifier, dict) and identifier.get("type") == "doi":
                doi = _doi(identifier.get("value"), warnings, "identifiers")
                if doi:
                    break
    licence = document.get("license")
    preferred = document.get("preferred-citation")
    authors = [
        _cff_person(p, "author", warnings)
        for p in (document.get("authors") or [])
        if isinstance(p, dict)
    ]
    contacts = [
        _cff_person(p, "maintainer", warnings)
        for p in (document.get("contact") or [])
        if isinstance(p, dict)
    ]
    version = document.get("version")
    return _result(
        description=_str(document.get("abstract"), 5000),
        licence=_licence(licence if isinstance(licence, list) else [licence], warnings),
        doi=doi,
        homepage_url=_url(document.get("url")),
        documentation_url="",
        issue_tracker_url="",
        reference_publication_doi=_doi(
            preferred.get("doi") if isinstance(preferred, dict) else None,
            warnings,
            "preferred-citation doi",
        ),
        people=_merge_roles(authors, contacts),
        version=_str(str(version) if isinstance(version, int | float) else version, 64),
        released_on=_date(document.get("date-released")),
        warnings=warnings,
    )


def _cff_person(person: dict, role: str, warnings: list[str]) -> dict:
    if "family-names" not in person and "name" in person:  # an entity
        return _person(team=person.get("name"), role=role)
    family = " ".join(
        _str(person.get(k)) for k in ("name-particle", "family-names") if _str(person.get(k))
    )
    return _person(
        given=person.get("given-names"),
        family=family,
        orcid=_orcid(person.get("orcid"), warnings),
        affiliation=person.get("affiliation"),
        role=role,
    )


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _id_of(value) -> str:
    if isinstance(value, dict):
        return _str(value.get("@id") or value.get("identifier") or value.get("url"))
    return _str(value)


def _codemeta_licence(value, warnings: list[str]) -> str:
    items = value if isinstance(value, list) else [value]
    ids = []
    for item in items:
        text = _id_of(item)
        for prefix in SPDX_URL_PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix) :].removesuffix(".html").removesuffix(".json")
        ids.append(text)
    return _licence(ids, warnings)


def _codemeta_person(node, role: str, warnings: list[str]) -> dict | None:
    if not isinstance(node, dict):
        return None
    kind = _str(node.get("@type") or node.get("type"))
    affiliation = node.get("affiliation")
    if isinstance(affiliation, list):
        affiliation = _first(affiliation)
    if isinstance(affiliation, dict):
        affiliation = affiliation.get("name") or affiliation.get("legalName")
    identifier = _str(node.get("@id") or node.get("identifier"))
    orcid = _orcid(identifier, warnings) if "orcid.org" in identifier else ""
    if kind.endswith("Organization") or ("familyName" not in node and "name" in node):
        return _person(team=node.get("name"), role=role)
    return _person(
        given=node.get("givenName"),
        family=node.get("familyName"),
        orcid=orcid,
        affiliation=affiliation,
        role=role,
    )


def parse_codemeta(payload: bytes) -> dict:
    try:
        document = json.loads(_decode(payload))
    except ValueError as error:
        raise CitationFileError(f"not valid JSON ({error})") from None
    if not isinstance(document, dict):
        raise CitationFileError("not a JSON object")
    warnings: list[str] = []
    # Some generators prefix the terms ("schema:name"); read both spellings.
    document = {key.split(":", 1)[-1] if key.startswith(("schema:", "codemeta:")) else key: value
                for key, value in document.items()}  # fmt: skip
    doi = ""
    for candidate in _as_list(document.get("identifier")) + [document.get("@id")]:
        text = _id_of(candidate)
        if "doi.org/" in text or text.startswith(("10.", "doi:")):
            doi = _doi(text, warnings, "identifier")
            if doi:
                break
    people = [
        p
        for p in (_codemeta_person(n, "author", warnings) for n in _as_list(document.get("author")))
        if p
    ]
    maintainers = [
        p
        for p in (
            _codemeta_person(n, "maintainer", warnings)
            for n in _as_list(document.get("maintainer"))
        )
        if p
    ]
    reference = _first(document.get("referencePublication"))
    reference_id = _id_of(reference)
    version = document.get("softwareVersion") or document.get("version")
    return _result(
        description=_str(document.get("description"), 5000),
        licence=_codemeta_licence(document.get("license"), warnings),
        doi=doi,
        homepage_url=_url(_id_of(_first(document.get("url")))),
        documentation_url=_url(_id_of(_first(document.get("softwareHelp")))),
        issue_tracker_url=_url(_id_of(_first(document.get("issueTracker")))),
        reference_publication_doi=_doi(reference_id, warnings, "referencePublication")
        if reference_id and ("doi" in reference_id or reference_id.startswith("10."))
        else "",
        people=_merge_roles(people, maintainers),
        version=_str(str(version) if isinstance(version, int | float) else version, 64),
        released_on=_date(document.get("datePublished")),
        warnings=warnings,
    )


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _result(*, version: str, released_on: str, warnings: list[str], **fields) -> dict:
    fields["versions"] = [{"version": version, "released_on": released_on}] if version else []
    fields["warnings"] = warnings
    return fields


PARSERS = {"CITATION.cff": parse_citation_cff, "codemeta.json": parse_codemeta}


def parse_file(name: str, payload: bytes) -> dict:
    """The parsed metadata, or {"error": reason} for a file that cannot be read at all."""
    try:
        return PARSERS[name](payload)
    except CitationFileError as error:
        return {"error": f"{name} {error}."}


def merged(files: dict[str, dict]) -> dict[str, tuple[object, str]]:
    """field → (value, source file), CITATION.cff first, codemeta.json for what it lacks."""
    result: dict[str, tuple[object, str]] = {}
    for name in ("CITATION.cff", "codemeta.json"):
        parsed = files.get(name) or {}
        if "error" in parsed:
            continue
        for field in FIELDS:
            value = parsed.get(field)
            if value and field not in result:
                result[field] = (value, name)
    return result
