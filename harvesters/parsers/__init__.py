"""Format parsers: pure functions from a fetched payload to records.

Place in the flow: fetch → **parse** → normalise → upsert. No parser touches
the database or the network. Every parser has the same signature::

    parse(payload: bytes, *, source_url: str, target: Target | str,
          content_type: str | None = None, horizon: Horizon | None = None) -> ParseResult

and the harvest engine picks one by the source's kind with `parse()` below.
One bad item becomes a `RejectedItem` with its reason; a payload that cannot
be read at all raises `ParseError` (`UnsafePayload` for hostile XML,
`UnsupportedTarget` when the format cannot feed the source's target).
"""

from __future__ import annotations

from collections.abc import Callable

from ..records import ParseResult, Target
from . import feeds, ical, indico, jsonld
from .dates import Horizon
from .errors import ParseError, UnsafePayload, UnsupportedTarget

Parser = Callable[..., ParseResult]

#: Source kinds (as `manage.py add_harvest_source KIND` names them) → parser.
PARSERS: dict[str, Parser] = {
    "ical": ical.parse,
    "rss": feeds.parse,  # RSS 2.0 and Atom
    "jsonld": jsonld.parse,  # schema.org JSON-LD / microdata in HTML, or bare JSON-LD
    "indico": indico.parse,  # Indico category export: iCal or JSON export API
}

#: The targets each kind can feed.
TARGETS: dict[str, tuple[Target, ...]] = {
    "ical": ical.TARGETS,
    "rss": feeds.TARGETS,
    "jsonld": jsonld.TARGETS,
    "indico": indico.TARGETS,
}


def parse(
    kind: str,
    payload: bytes,
    *,
    source_url: str,
    target: Target | str,
    content_type: str | None = None,
    horizon: Horizon | None = None,
) -> ParseResult:
    """Parse a payload with the parser of a source kind."""
    try:
        parser = PARSERS[kind]
    except KeyError:
        raise ValueError(
            f"Unknown source kind {kind!r}; expected one of {sorted(PARSERS)}"
        ) from None
    if Target(target) not in TARGETS[kind]:
        raise UnsupportedTarget(f"A {kind} source cannot feed {target}.")
    return parser(
        payload, source_url=source_url, target=target, content_type=content_type, horizon=horizon
    )


__all__ = [
    "PARSERS",
    "TARGETS",
    "Horizon",
    "ParseError",
    "UnsafePayload",
    "UnsupportedTarget",
    "parse",
]
