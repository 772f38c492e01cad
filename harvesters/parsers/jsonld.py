"""schema.org / Bioschemas in HTML pages (JSON-LD and microdata) or bare JSON-LD → records.

Place in the flow: fetch → **parse** → normalise → upsert. A pure function.

Extraction uses extruct over a tree we parse ourselves with lxml's HTML
parser (no network, no DTD, no entity declarations: HTML has none to expand).
Each ``<script type="application/ld+json">`` block is read on its own, so one
broken block is a warning, not a lost page. Microdata items are turned into
the same JSON-LD shape. Then every node is visited: top-level objects, arrays,
Yoast-style ``@graph`` lists, nested lists (ItemList), with ``{"@id": …}``
references resolved against the page's other nodes. The node types a target
needs are handed to `schemaorg` for mapping:

* events: Event (and its subtypes), CourseInstance, each dated instance of a Course;
* training: Course (with its instances as sessions), CourseInstance,
  TrainingMaterial, LearningResource;
* jobs: JobPosting;
* news: Article, NewsArticle, BlogPosting and kin.

An item is keyed by its ``@id``, else its ``url``; a page that describes a
single item without either (common on WordPress event pages) is keyed by the
page's own URL. Several unkeyed items on one page are rejected: a later
harvest could not tell them apart.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import lxml.etree
import lxml.html
from extruct.jsonld import JsonLdExtractor
from extruct.w3cmicrodata import MicrodataExtractor

from ..records import ParseResult, Record, RejectedItem, Target
from . import schemaorg
from .dates import Horizon
from .errors import ParseError
from .text import charset_of, decode

TARGETS = (Target.EVENTS, Target.TRAINING, Target.JOBS, Target.NEWS)

_SCHEMA_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)")
_SCRIPTS = lxml.etree.XPath('descendant-or-self::script[@type="application/ld+json"]')
_MAX_DEPTH = 40  # nesting deeper than this is not a real page; stop walking


def parse(
    payload: bytes,
    *,
    source_url: str,
    target: Target | str = Target.EVENTS,
    content_type: str | None = None,
    horizon: Horizon | None = None,  # noqa: ARG001 - same signature as every parser
) -> ParseResult:
    """Parse an HTML page or a JSON-LD document into records of the source's target."""
    target = Target(target)
    warnings: list[str] = []
    nodes = extract_nodes(
        payload, source_url=source_url, content_type=content_type, warnings=warnings
    )
    index: dict[str, dict] = {}
    _index(nodes, index, 0)
    wanted = schemaorg.TYPES_BY_TARGET[target]
    found: list[dict] = []
    other: Counter[str] = Counter()
    _collect(nodes, index, wanted, found, other, 0)
    for type_name, count in sorted(other.items()):
        warnings.append(
            f"{count} {type_name} item(s) ignored: this source feeds {target}, not "
            f"{schemaorg.target_of(type_name)}."
        )

    records: list[Record] = []
    rejected: list[RejectedItem] = [
        RejectedItem(
            "the object has no @type, so it is not a schema.org item",
            str(node.get("@id") or node.get("url") or node.get("name") or f"item {position}"),
        )
        for position, node in _untyped_items(nodes)
    ]
    seen: set[str] = set()
    single = len(found) == 1
    for position, node in enumerate(found, start=1):
        mapped = schemaorg.map_node(
            node,
            target=target,
            source_url=source_url,
            page_describes_only_this=single,
            resolve=lambda value: _resolve(value, index),
        )
        for item in mapped:
            if isinstance(item, schemaorg.Rejection):
                rejected.append(RejectedItem(item.reason, item.identifier or f"item {position}"))
                continue
            if item.external_id in seen:
                continue
            seen.add(item.external_id)
            records.append(item)
    if not found and not other:
        warnings.append(
            f"No schema.org item for {target} was found in the payload "
            f"({len(nodes)} JSON-LD/microdata node(s) of other types)."
        )
    return ParseResult(tuple(records), tuple(rejected), tuple(warnings))


def extract_nodes(
    payload: bytes, *, source_url: str, content_type: str | None, warnings: list[str]
) -> list:
    """All JSON-LD nodes of the payload (HTML page or JSON document), keys normalised."""
    if not payload.strip():
        raise ParseError("The payload is empty.")
    head = payload.lstrip()[:1]
    is_json = head in (b"{", b"[") or bool(content_type and "json" in content_type.lower())
    if is_json:
        text, notes = decode(payload, content_type)
        warnings.extend(notes)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"The JSON-LD document is not valid JSON: {exc}") from None
        return [_normalise(data, source_url, 0)]
    return _from_html(payload, source_url=source_url, content_type=content_type, warnings=warnings)


def _untyped_items(nodes: list):
    """Objects listed as items of a bare JSON-LD array that carry no @type at all."""
    if len(nodes) == 1 and isinstance(nodes[0], list):
        for position, node in enumerate(nodes[0], start=1):
            if isinstance(node, dict) and not node.get("@type") and "@graph" not in node:
                yield position, node


def _from_html(payload: bytes, *, source_url: str, content_type: str | None, warnings: list[str]):
    # Our own parser: no network access, no huge-tree mode, processing
    # instructions dropped. libxml2's HTML parser does not expand entities
    # declared in a DOCTYPE, so an entity bomb in a page stays inert text.
    parser = lxml.html.HTMLParser(
        encoding=charset_of(content_type), no_network=True, huge_tree=False, remove_pis=True
    )
    try:
        tree = lxml.html.document_fromstring(payload, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ParseError(f"The HTML page cannot be parsed: {exc}") from None
    nodes: list = []
    extractor = JsonLdExtractor()
    for number, script in enumerate(_SCRIPTS(tree), start=1):
        try:
            items = extractor.extract_items(script, base_url=source_url)
        except (ValueError, RecursionError) as exc:
            warnings.append(f"JSON-LD block {number} is not valid JSON and was skipped ({exc}).")
            continue
        nodes.extend(_normalise(item, source_url, 0) for item in items)
    microdata = MicrodataExtractor(nested=True).extract_items(tree, base_url=source_url)
    nodes.extend(_from_microdata(item, source_url, 0) for item in microdata)
    return nodes


def _from_microdata(item, base_url: str, depth: int):
    """A microdata item (extruct's shape) as a JSON-LD node."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(item, list):
        return [_from_microdata(i, base_url, depth + 1) for i in item]
    if not isinstance(item, dict) or "properties" not in item:
        return item
    node: dict = {}
    types = item.get("type")
    if types:
        node["@type"] = types
    if item.get("id"):
        node["@id"] = item["id"]
    for key, value in item["properties"].items():
        node[key] = _from_microdata(value, base_url, depth + 1)
    return _normalise(node, base_url, depth)


def _normalise(value, base_url: str, depth: int):
    """Strip schema.org prefixes from keys and types so "schema:name" reads as "name"."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, list):
        return [_normalise(v, base_url, depth + 1) for v in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        key = _SCHEMA_PREFIX.sub("", key) if isinstance(key, str) else key
        if key == "@type":
            item = [_local_name(t) for t in (item if isinstance(item, list) else [item])]
        result[key] = _normalise(item, base_url, depth + 1)
    return result


def _local_name(type_name) -> str:
    text = str(type_name or "").strip()
    return re.split(r"[/#:]", text)[-1] if text else ""


def _index(value, index: dict[str, dict], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            _index(item, index, depth + 1)
    elif isinstance(value, dict):
        node_id = value.get("@id")
        if isinstance(node_id, str) and node_id.strip() and len(value) > 1:
            index.setdefault(node_id.strip(), value)
        for item in value.values():
            _index(item, index, depth + 1)


def _resolve(value, index: dict[str, dict]):
    """Follow a bare {"@id": …} reference to the node it names, if the page has it."""
    if isinstance(value, dict) and set(value) == {"@id"}:
        return index.get(str(value["@id"]).strip(), value)
    return value


def _collect(value, index, wanted, found: list, other: Counter, depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            _collect(item, index, wanted, found, other, depth + 1)
        return
    if not isinstance(value, dict):
        return
    value = _resolve(value, index)
    types = set(value.get("@type") or ())
    if types & wanted:
        if not any(node is value for node in found):
            found.append(value)
        return  # its parts (e.g. a Course's instances) are the mapper's business
    elsewhere = types & schemaorg.ALL_TYPES
    if elsewhere:
        other[sorted(elsewhere)[0]] += 1
        return
    for key, item in value.items():
        if key != "@context":
            _collect(item, index, wanted, found, other, depth + 1)
