"""Open metadata of an entry: schema.org JSON-LD, codemeta 3.0, CITATION.cff 1.2.0, a ready citation.

Pure functions from an entry (with its people, versions and metrics) to
plain data; the views serialise them. Each export follows its spec exactly:
tests expand the JSON-LD documents with pyld against local copies of the
schema.org and codemeta 3.0 contexts, and validate the CFF with jsonschema
against the published 1.2.0 schema (fixtures/contexts/, fixtures/schemas/).
"""

from functools import cache

import yaml
from django.conf import settings
from license_expression import OR, LicenseSymbol, get_spdx_licensing

CODEMETA_CONTEXT = "https://w3id.org/codemeta/3.0"
SCHEMA_ORG_CONTEXT = "https://schema.org"
CFF_VERSION = "1.2.0"
CFF_MESSAGE = "If you use this software, please cite it using the metadata from this file."


def entry_url(entry) -> str:
    """The entry's canonical absolute URL, on SITE_URL (the catalogue's for an unsaved preview)."""
    parts = entry.get_url_parts()
    if parts is None:
        return settings.SITE_URL + "/software/"
    return settings.SITE_URL + parts[2]


def spdx_url(licence_id: str) -> str:
    return f"https://spdx.org/licenses/{licence_id}"


@cache
def _licensing():
    return get_spdx_licensing()


def licence_choices(expression: str) -> list[str] | None:
    """The SPDX ids of an expression whose parts are alternatives (`A OR B` → [A, B]).

    None for an expression that is not a plain choice (`A AND B`, `A WITH exception`):
    formats that hold only a list of licences cannot say it.
    """
    if not expression:
        return []
    parsed = _licensing().parse(expression)
    if isinstance(parsed, LicenseSymbol) and not parsed.is_exception:
        return [parsed.key]
    if isinstance(parsed, OR) and all(
        isinstance(arg, LicenseSymbol) and not arg.is_exception for arg in parsed.args
    ):
        return [arg.key for arg in parsed.args]
    return None


def _latest_version(entry):
    """(version, date) of the newest recorded release: the history's first row, else the harvest."""
    versions = list(entry.versions.all())
    if versions:
        return versions[0].version, versions[0].released_on
    metrics = entry.repository_metrics
    # The demo's sample figures are made up: never cite or export them as facts.
    if metrics is not None and metrics.latest_release and not metrics.sample_data:
        released = metrics.latest_release_at.date() if metrics.latest_release_at else None
        return metrics.latest_release, released
    return "", None


def _people(entry, *, authors: bool):
    people = list(entry.people.all())
    return [p for p in people if (p.is_author if authors else p.is_maintainer)]


def _schema_person(person) -> dict:
    if person.team_name:
        node = {"@type": "Organization", "name": person.team_name}
    else:
        node = {"@type": "Person", "familyName": person.family_names}
        if person.given_names:
            node["givenName"] = person.given_names
    if person.orcid:
        node["@id"] = person.orcid
    if person.email:
        node["email"] = person.email
    if person.affiliation:
        node["affiliation"] = {"@type": "Organization", "name": person.affiliation}
    return node


def _organisation(facility) -> dict:
    node = {"@type": "Organization", "name": facility.title}
    if facility.website:
        node["url"] = facility.website
    return node


def _common(entry) -> dict:
    """Properties schema.org and codemeta name alike."""
    doc = {"name": entry.title, "description": entry.summary}
    optional = {
        "url": entry.homepage_url,
        "codeRepository": entry.repository_url,
        "identifier": entry.doi_url,
    }
    doc.update({key: value for key, value in optional.items() if value})
    licences = licence_choices(entry.licence)
    if licences:
        urls = [spdx_url(key) for key in licences]
        doc["license"] = urls[0] if len(urls) == 1 else urls
    languages = [language.name for language in entry.programming_languages.all()]
    if languages:
        doc["programmingLanguage"] = languages
    systems = [system.name for system in entry.operating_systems.all()]
    if systems:
        doc["operatingSystem"] = systems
    domains = [domain.name for domain in entry.scientific_domains.all()]
    if domains:
        doc["applicationCategory"] = domains
    keywords = [tag.name for tag in entry.tags.all()] + [t.name for t in entry.techniques.all()]
    if keywords:
        doc["keywords"] = keywords
    authors = [_schema_person(p) for p in _people(entry, authors=True)]
    if authors:
        doc["author"] = authors
    maintainers = [_schema_person(p) for p in _people(entry, authors=False)]
    if maintainers:
        doc["maintainer"] = maintainers
    producers = [_organisation(f) for f in entry.developing_facilities.all()]
    if producers:
        doc["producer"] = producers
    version, released = _latest_version(entry)
    if version:
        doc["softwareVersion"] = version
    if released:
        doc["datePublished"] = released.isoformat()
    if entry.documentation_url:
        doc["softwareHelp"] = {"@type": "CreativeWork", "url": entry.documentation_url}
    return doc


def schema_org(entry) -> dict:
    """schema.org JSON-LD for the entry page: a SoftwareApplication, also SoftwareSourceCode
    when its code is public."""
    types = ["SoftwareApplication"]
    if entry.repository_url:
        types.append("SoftwareSourceCode")
    doc = {"@context": SCHEMA_ORG_CONTEXT, "@type": types, **_common(entry)}
    doc["mainEntityOfPage"] = entry_url(entry)
    if entry.reference_publication_doi:
        doc["citation"] = {
            "@type": "ScholarlyArticle",
            "@id": entry.reference_publication_url,
            "url": entry.reference_publication_url,
        }
    elif entry.preferred_citation:
        doc["citation"] = entry.preferred_citation
    return doc


def codemeta(entry) -> dict:
    """codemeta 3.0 document (the file a repository keeps as codemeta.json)."""
    doc = {"@context": CODEMETA_CONTEXT, "@type": "SoftwareSourceCode", **_common(entry)}
    # codemeta calls the version "version"; schema.org's softwareVersion also maps, but
    # codemeta tools read "version".
    if "softwareVersion" in doc:
        doc["version"] = doc.pop("softwareVersion")
    if entry.issue_tracker_url:
        doc["issueTracker"] = entry.issue_tracker_url
    if entry.reference_publication_doi:
        doc["referencePublication"] = entry.reference_publication_url
    metrics = entry.repository_metrics
    if metrics is not None and metrics.ci_url:
        doc["continuousIntegration"] = metrics.ci_url
    related = [entry_url(entry)]
    related += [m.url for m in entry.attached_materials.all()]
    doc["relatedLink"] = related
    return doc


def _cff_person(person) -> dict:
    if person.team_name:
        node = {"name": person.team_name}
    else:
        node = {"family-names": person.family_names}
        if person.given_names:
            node["given-names"] = person.given_names
    if person.orcid:
        node["orcid"] = person.orcid
    if person.affiliation:
        node["affiliation"] = person.affiliation
    if person.email:
        node["email"] = person.email
    return node


def citation_cff(entry, *, known_licences: frozenset[str] | None = None) -> str:
    """CITATION.cff (CFF 1.2.0) as YAML text, with a comment saying where it came from.

    `known_licences`: the SPDX ids the CFF schema accepts; a licence outside
    it is left out rather than making the file invalid.
    """
    authors = [_cff_person(p) for p in _people(entry, authors=True)]
    notes = []
    if not authors:
        authors = [{"name": f.title} for f in entry.developing_facilities.all()]
        if authors:
            notes.append("Authors: the developing facilities; add the people who wrote it.")
    if not authors:
        authors = [{"name": f"The {entry.title} developers"}]
        notes.append("Authors are not recorded in PaN Registry: replace them with the real ones.")
    doc = {
        "cff-version": CFF_VERSION,
        "message": CFF_MESSAGE,
        "type": "software",
        "title": entry.title,
        "abstract": entry.summary,
        "authors": authors,
    }
    if entry.doi:
        doc["doi"] = entry.doi
    version, released = _latest_version(entry)
    if version:
        doc["version"] = version
    if released:
        doc["date-released"] = released.isoformat()
    if entry.repository_url:
        doc["repository-code"] = entry.repository_url
    if entry.homepage_url:
        doc["url"] = entry.homepage_url
    licences = licence_choices(entry.licence)
    if licences and (known_licences is None or set(licences) <= known_licences):
        doc["license"] = licences[0] if len(licences) == 1 else licences
    elif entry.licence:
        notes.append(f"Licence {entry.licence} cannot be written in CFF 1.2.0's licence field.")
    keywords = [tag.name for tag in entry.tags.all()] + [t.name for t in entry.techniques.all()]
    if keywords:
        doc["keywords"] = keywords
    if entry.reference_publication_doi:
        doc["identifiers"] = [
            {
                "type": "doi",
                "value": entry.reference_publication_doi,
                "description": "Reference publication",
            }
        ]
    header = [f"# CITATION.cff for {entry.title}, exported from PaN Registry: {entry_url(entry)}"]
    header += [f"# {note}" for note in notes]
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(header) + "\n" + body


def _author_for_citation(person) -> str:
    if person.team_name:
        return person.team_name
    initials = " ".join(f"{part[0]}." for part in person.given_names.split() if part)
    return f"{person.family_names}, {initials}" if initials else person.family_names


def citation_text(entry) -> str:
    """A ready citation in APA style for software: Authors (Year). Title (Version) [Computer software]. DOI."""
    authors = [_author_for_citation(p) for p in _people(entry, authors=True)]
    version, released = _latest_version(entry)
    parts = []
    if authors:
        names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + ", & " + authors[-1]
        parts.append(f"{names} ({released.year if released else 'n.d.'}).")
        parts.append(f"{entry.title}")
    else:
        parts.append(f"{entry.title} ({released.year if released else 'n.d.'}).")
    title_tail = f" (Version {version})" if version else ""
    if authors:
        parts[-1] += title_tail + " [Computer software]."
    else:
        parts.append(f"{title_tail.strip()} [Computer software].".strip())
    where = entry.doi_url or entry.repository_url or entry.homepage_url or entry_url(entry)
    parts.append(where)
    return " ".join(part for part in parts if part)
