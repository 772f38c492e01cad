"""Text clean-up shared by the parsers: titles, descriptions, keyword lists, charsets.

These functions change how text is *written*, never what it says: HTML
entities a partner double-escaped (``&amp;`` in an iCal SUMMARY) are decoded,
tags are dropped from fields that are plain text by definition (titles,
locations), whitespace is collapsed. Descriptions are kept raw and labelled as
text or HTML; sanitising them is `harvesters.sanitise`'s job.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterable

from bs4 import BeautifulSoup

from ..records import TextFormat

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
# Tags that make a description HTML rather than text containing a "<".
_HTML_MARKUP = re.compile(
    r"<\s*/?\s*(p|br|div|span|a|ul|ol|li|strong|em|b|i|u|h[1-6]|table|tr|td|img|blockquote|pre|code)\b",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]{1,31});")
_SPACES = re.compile(r"\s+")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def plain_text(value: object) -> str:
    """A one-line plain-text value: entities decoded, tags dropped, whitespace collapsed."""
    if value is None:
        return ""
    text = str(value)
    if _TAG.search(text):
        text = BeautifulSoup(text, "html.parser").get_text(" ")
    # Twice: partners double-escape ("&amp;amp;" in a feed that is itself XML).
    for _ in range(2):
        if not _ENTITY.search(text):
            break
        text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def description(value: object) -> tuple[str, TextFormat]:
    """A description as given, with its format: HTML if it carries markup, else text.

    Plain text keeps its line breaks; entities in it are decoded so that
    "R&amp;D" reads "R&D" once it is escaped again for display.
    """
    if value is None:
        return "", TextFormat.TEXT
    text = str(value).strip()
    if _HTML_MARKUP.search(text):
        return text, TextFormat.HTML
    if _ENTITY.search(text):
        text = html.unescape(text).strip()
    return text, TextFormat.TEXT


def text_list(values: object, *, split_commas: bool = False) -> tuple[str, ...]:
    """A tuple of distinct, non-empty plain-text values from a string, list or nested lists."""
    items: list[str] = []

    def add(value: object) -> None:
        if value is None or value is False:
            return
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value") or value.get("termCode")
            add(value)
            return
        if isinstance(value, (list, tuple)):
            for item in value:
                add(item)
            return
        text = plain_text(value)
        parts = text.split(",") if split_commas else [text]
        for part in parts:
            part = part.strip()
            if part and part not in items:
                items.append(part)

    add(values)
    return tuple(items)


def first_text(*values: object) -> str:
    """The first non-empty plain text among values (a list counts by its first item)."""
    for value in values:
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if isinstance(value, dict):
            value = value.get("name") or value.get("@value")
        text = plain_text(value)
        if text:
            return text
    return ""


def join_nonempty(parts: Iterable[str], sep: str = ", ") -> str:
    seen: list[str] = []
    for part in parts:
        part = (part or "").strip()
        if part and part not in seen:
            seen.append(part)
    return sep.join(seen)


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if it names a known codec."""
    if not content_type:
        return None
    match = _CHARSET.search(content_type)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def decode(payload: bytes, content_type: str | None) -> tuple[str, list[str]]:
    """Decode bytes by BOM, then declared charset, then UTF-8; note any fallback."""
    warnings: list[str] = []
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if payload.startswith(bom):
            return payload.decode(codec, errors="replace"), warnings
    declared = charset_of(content_type)
    for codec in (declared, "utf-8"):
        if codec:
            try:
                return payload.decode(codec), warnings
            except UnicodeDecodeError:
                continue
    warnings.append(
        "The payload is not valid UTF-8"
        + (f" nor {declared}" if declared else "")
        + "; it was read as Windows-1252, so some characters may be wrong."
    )
    return payload.decode("cp1252", errors="replace"), warnings
