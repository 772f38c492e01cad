"""schema.org JSON-LD of training pages, following the Bioschemas profiles.

A material is a `LearningResource` conforming to the Bioschemas
TrainingMaterial profile 1.0-RELEASE; a course or e-learning course is a
`Course` conforming to the Course profile 1.0-RELEASE. Both profiles require
name, description and keywords. TeSS (the ELIXIR registry pan-training.eu is
built on) and search engines read this markup. A workflow is a
`CreativeWork` that mentions its software and datasets.
"""

import json

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from license_expression import get_spdx_licensing

TRAINING_MATERIAL_PROFILE = "https://bioschemas.org/profiles/TrainingMaterial/1.0-RELEASE"
COURSE_PROFILE = "https://bioschemas.org/profiles/Course/1.0-RELEASE"
# The Bioschemas examples write dct:conformsTo; the full IRI needs no prefix.
CONFORMS_TO = "http://purl.org/dc/terms/conformsTo"


def material_jsonld(material, *, request=None) -> dict:
    is_course = material.is_course
    data = {
        "@context": "https://schema.org",
        "@type": "Course" if is_course else "LearningResource",
        "@id": material.get_full_url(request=request),
        CONFORMS_TO: {
            "@id": COURSE_PROFILE if is_course else TRAINING_MATERIAL_PROFILE,
            "@type": "CreativeWork",
        },
        "name": material.title,
        "description": _description(material),
        "keywords": ", ".join(_keywords(material)),
        "url": material.resource_url,
        "inLanguage": material.language,
    }
    if not is_course:
        data["learningResourceType"] = material.get_material_type_display()
    if material.difficulty:
        data["educationalLevel"] = material.get_difficulty_display()
    audiences = list(material.audiences.all())
    if audiences:
        data["audience"] = [
            {"@type": "EducationalAudience", "educationalRole": a.name} for a in audiences
        ]
    if material.prerequisites_list:
        key = "coursePrerequisites" if is_course else "competencyRequired"
        data[key] = material.prerequisites_list
    if material.objectives_list:
        data["teaches"] = material.objectives_list
    if material.duration_iso:
        data["timeRequired"] = material.duration_iso
    if material.licence:
        data["license"] = licence_reference(material.licence)
    authors = [_agent(a) for a in material.authors.all()]
    if authors:
        # The Course profile names the people behind a course its creators.
        data["creator" if is_course else "author"] = authors
    providers = [
        _organisation(org)
        for org in (material.providing_facility, material.providing_collaboration)
        if org is not None
    ]
    if providers:
        data["provider"] = providers
    techniques = list(material.techniques.all())
    if techniques:
        data["about"] = [_defined_term(t) for t in techniques]
    software = list(material.related_software.live())
    if software:
        data["mentions"] = [_software(entry, request) for entry in software]
    if material.first_published_at:
        data["datePublished"] = material.first_published_at.date().isoformat()
    if material.last_published_at:
        data["dateModified"] = material.last_published_at.date().isoformat()
    return data


def workflow_jsonld(workflow, *, request=None) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": workflow.get_full_url(request=request),
        "name": workflow.title,
        "description": workflow.summary,
        "url": workflow.get_full_url(request=request),
    }
    mentions = []
    for step in workflow.steps():
        if step.software is not None:
            mentions.append(_software(step.software, request))
        elif step.kind == "dataset":
            dataset = {"@type": "Dataset", "name": step.label}
            if step.data_format:
                dataset["encodingFormat"] = step.data_format
            if step.url:
                dataset["url"] = step.url
            mentions.append(dataset)
    if mentions:
        data["mentions"] = mentions
    techniques = list(workflow.techniques.all())
    if techniques:
        data["about"] = [_defined_term(t) for t in techniques]
    return data


def licence_reference(expression: str):
    """A single SPDX id as its SPDX page; a compound expression as a named CreativeWork."""
    keys = get_spdx_licensing().license_keys(expression)
    if len(keys) == 1:
        return f"https://spdx.org/licenses/{keys[0]}.html"
    return {"@type": "CreativeWork", "name": expression}


def as_script(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> block: <, > and & escaped, so no
    text from an editor or partner can close the block."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308 -- escaped above


def _description(material) -> str:
    text = strip_tags(material.description).strip()
    return f"{material.summary}\n\n{text}" if text else material.summary


def _keywords(material) -> list[str]:
    words = [tag.name for tag in material.keywords.all()]
    # The profiles require keywords; without tags, the material's type and
    # software say what it is about.
    return words or [material.get_material_type_display()] + [
        entry.title for entry in material.related_software.all()
    ]


def _agent(author) -> dict:
    agent = {"@type": "Organization" if author.is_organisation else "Person", "name": author.name}
    if author.orcid_url:
        agent["@id"] = author.orcid_url
    return agent


def _organisation(page) -> dict:
    organisation = {"@type": "Organization", "name": page.title}
    acronym = getattr(page, "acronym", "")
    if acronym:
        organisation["alternateName"] = acronym
    website = getattr(page, "website", "")
    if website:
        organisation["url"] = website
    return organisation


def _defined_term(technique) -> dict:
    return {
        "@type": "DefinedTerm",
        "@id": technique.iri,
        "name": technique.name,
        "termCode": technique.panet_id,
    }


def _software(entry, request) -> dict:
    return {
        "@type": "SoftwareApplication",
        "name": entry.title,
        "url": entry.get_full_url(request=request),
    }
