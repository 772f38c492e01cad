"""Refuse XML that declares entities before any XML parser expands them.

feedparser and icalendar are not told about entity attacks: feedparser's
expat-based parser happily expands internal entities, so a "billion laughs"
feed would eat the worker's memory. Every XML payload therefore passes through
defusedxml first, which raises on any entity declaration (internal or
external) without expanding it. A payload that is not well-formed XML at all
(real feeds often are not) cannot be checked by defusedxml, so it is refused
if it contains an entity declaration anywhere; otherwise it goes on to the
lenient parser, which needs no DTD.
"""

import re
import xml.etree.ElementTree as StdET

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .errors import UnsafePayload

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def ensure_no_entity_expansion(payload: bytes) -> None:
    """Raise `UnsafePayload` if the XML payload declares entities; return otherwise."""
    try:
        SafeET.fromstring(payload)
    except DefusedXmlException as exc:
        raise UnsafePayload(
            "The XML declares entities (<!ENTITY …>); we refuse it without expanding them, "
            f"as entity expansion is how 'billion laughs' and external-entity attacks work ({exc!r})."
        ) from None
    except StdET.ParseError:
        # Not well-formed: the lenient parser will read it, but only if no
        # declaration could be smuggled past the strict check.
        if _ENTITY_DECLARATION.search(payload) or _ENTITY_DECLARATION.search(_as_utf8(payload)):
            raise UnsafePayload(
                "The XML is not well-formed and declares entities (<!ENTITY …>); refused "
                "without expanding them."
            ) from None


def _as_utf8(payload: bytes) -> bytes:
    """A UTF-16 payload re-encoded, so the declaration search sees its characters."""
    if payload[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return payload.decode("utf-16", errors="replace").encode("utf-8")
    return b""
