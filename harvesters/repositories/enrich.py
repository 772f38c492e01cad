"""Fill EMPTY entry fields from the repository's CITATION.cff / codemeta.json, as a page revision.

Rules, in order:

* only a published entry with no unpublished changes and no review in
  progress is enriched; otherwise the fill waits (the citation resource is
  marked pending) — publishing our revision would publish an editor's draft,
  and changing the live page without a revision is not allowed;
* a field is filled only when it is empty; a field we filled before is
  updated when the file changes *and* the entry still holds our value;
* a field a curator changed or cleared after we filled it is theirs for
  good (`EnrichedField.overridden_at`), never refilled;
* all fills of one run make ONE revision, published through
  `registry.curation.workflow.publish` — the trusted path: the repository
  is the one a curator approved on the entry, only empty fields are
  touched, and each filled field records its provenance (file, value,
  revision) so the page says "from the repository's CITATION.cff" and a
  curator can roll the revision back from the page history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from harvesters.records import TextFormat
from harvesters.sanitise import to_safe_html
from registry.curation.workflow import publish
from registry.software.models import SoftwareEntry, SoftwarePerson, SoftwareVersion

from . import citation
from .models import EnrichedField

PERSON_FIELDS = (
    "given_names",
    "family_names",
    "team_name",
    "orcid",
    "affiliation",
    "email",
    "role",
)

LABELS = {
    "description": "Description",
    "licence": "Licence",
    "doi": "DOI",
    "homepage_url": "Homepage",
    "documentation_url": "Documentation",
    "issue_tracker_url": "Issue tracker",
    "reference_publication_doi": "Reference publication",
    "people": "Authors and maintainers",
    "versions": "Version history",
}


@dataclass
class Enrichment:
    filled: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)
    pending: str = ""  # why the fill waits, if it does
    warnings: list[str] = field(default_factory=list)
    revision_id: int | None = None

    @property
    def wrote(self) -> bool:
        return bool(self.filled or self.updated or self.overridden)

    def notes(self) -> list[str]:
        notes = []
        if self.filled or self.updated:
            names = ", ".join(LABELS[f] for f in self.filled + self.updated)
            notes.append(f"filled from the repository's citation metadata: {names}")
        if self.pending:
            notes.append(f"citation metadata waits: {self.pending}")
        notes += self.warnings
        return notes


def current_value(entry, name: str):
    """The entry's value of `name` in the JSON form provenance stores."""
    if name == "people":
        return [{f: getattr(p, f) for f in PERSON_FIELDS} for p in entry.people.all()]
    if name == "versions":
        return [
            {
                "version": v.version,
                "released_on": v.released_on.isoformat() if v.released_on else "",
            }
            for v in entry.versions.all()
        ]
    return getattr(entry, name) or ""


def _set_value(entry, name: str, value) -> None:
    if name == "people":
        entry.people = [SoftwarePerson(**{f: p.get(f, "") for f in PERSON_FIELDS}) for p in value]
    elif name == "versions":
        entry.versions = [
            SoftwareVersion(
                version=v["version"],
                released_on=date.fromisoformat(v["released_on"]) if v.get("released_on") else None,
            )
            for v in value
        ]
    else:
        setattr(entry, name, value)


def _stored_form(name: str, value):
    """The value as the entry will hold it (descriptions become safe HTML)."""
    if name == "description":
        return to_safe_html(value, TextFormat.TEXT)
    if name == "people":
        return [{f: person.get(f, "") for f in PERSON_FIELDS} for person in value]
    return value


def why_not_now(entry) -> str:
    if not entry.live:
        return "the entry is not published yet"
    if entry.has_unpublished_changes:
        return "the entry has unpublished changes (a draft); it is filled once they are published"
    state = entry.current_workflow_state
    if state is not None and state.status == state.STATUS_IN_PROGRESS:
        return "the entry is under curator review"
    return ""


def enrich_entry(*, entry_id: int, parsed_files: dict, now: datetime) -> Enrichment:
    """Apply the citation files' values to the live entry; at most one published revision."""
    result = Enrichment()
    for name, parsed in sorted(parsed_files.items()):
        if "error" in parsed:
            result.warnings.append(parsed["error"])
        result.warnings += [f"{name}: {w}" for w in parsed.get("warnings", ())]
    candidates = citation.merged(parsed_files)
    if not candidates:
        return result
    with transaction.atomic():
        entry = SoftwareEntry.objects.select_for_update().get(pk=entry_id)
        result.pending = why_not_now(entry)
        if result.pending:
            return result
        sources = {source.field: source for source in entry.enriched_fields.all()}
        writes: list[tuple[str, object, str, EnrichedField | None]] = []
        for name, (raw_value, source_file) in candidates.items():
            value = _stored_form(name, raw_value)
            current = current_value(entry, name)
            source = sources.get(name)
            if source is not None and not source.active:
                continue  # a curator's value since: theirs
            if source is not None:
                if current != source.value:
                    source.overridden_at = now
                    source.save(update_fields=["overridden_at"])
                    result.overridden.append(name)
                elif value != source.value:
                    writes.append((name, value, source_file, source))
            elif not current:
                writes.append((name, value, source_file, None))
        if not writes:
            return result
        for name, value, _, _ in writes:
            _set_value(entry, name, value)
        try:
            with transaction.atomic():
                revision = publish(entry, by=None)
        except ValidationError as error:
            # The entry as a whole does not validate (e.g. a field a curator must fix):
            # nothing is written, and the reason is reported, not swallowed.
            result.warnings.append(
                f"the entry could not be saved with the repository's values: {error}"
            )
            return result
        result.revision_id = revision.pk
        for name, value, source_file, source in writes:
            if source is None:
                EnrichedField.objects.create(
                    entry=entry,
                    field=name,
                    source_file=source_file,
                    value=value,
                    filled_at=now,
                    revision=revision,
                )
                result.filled.append(name)
            else:
                source.value, source.source_file = value, source_file
                source.filled_at, source.revision = now, revision
                source.save(update_fields=["value", "source_file", "filled_at", "revision"])
                result.updated.append(name)
    return result
