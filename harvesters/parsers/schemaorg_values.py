"""Reading schema.org values as pages really write them (used by `schemaorg`).

A value may be a string, an object, a list of either, or a bare ``{"@id": …}``
reference to another node of the page; names hide in ``name``, addresses in
``PostalAddress`` parts, identity in ``@id`` or ``url``. `NodeReader` turns
them into the plain strings, tuples and dates the records hold, and raises
`Rejected` (with the reason) when an item cannot be identified or dated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urljoin

from ..records import When
from .dates import DateFormatError, parse_when
from .text import first_text, join_nonempty, plain_text, text_list

_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


@dataclass(frozen=True)
class Rejection:
    """What a mapper returns instead of a record: the reason and how to find the item."""

    reason: str
    identifier: str


class Rejected(Exception):  # noqa: N818 - an outcome, carried up to become a RejectedItem
    """The item cannot become a record; the message is the reason."""


class NodeReader:
    """Reads schema.org values of the nodes of one page, following @id references."""

    def __init__(self, source_url: str, page_describes_only_this: bool, resolve):
        self.source_url = source_url
        self.single = page_describes_only_this
        self.resolve = resolve

    def guard(self, mapper, node, *args):
        try:
            return mapper(node, *args)
        except Rejected as exc:
            return Rejection(str(exc), self.label(node))

    def label(self, node: dict) -> str:
        return (
            text_of(node.get("@id"))
            or text_of(self.first(node.get("url")))
            or first_text(node.get("name"), node.get("headline"))
        )

    # -- shared pieces -------------------------------------------------------------------
    def first(self, value):
        if isinstance(value, list):
            value = next((v for v in value if v not in (None, "", False)), None)
        return self.resolve(value)

    def url(self, node: dict) -> str:
        value = self.first(node.get("url"))
        if isinstance(value, dict):
            value = value.get("url") or value.get("@id")
        text = text_of(value)
        if text:
            return urljoin(self.source_url, text)
        page = self.resolve(self.first(node.get("mainEntityOfPage")))
        if isinstance(page, dict):
            page = page.get("url") or page.get("@id")
        if text_of(page).startswith(("http://", "https://")):
            return text_of(page)
        # An @id such as ".../event-page/#event" names the item on its page.
        node_id = text_of(node.get("@id")).split("#", 1)[0]
        if node_id.startswith(("http://", "https://")):
            return node_id
        return self.source_url if self.single else ""

    def key(self, node: dict) -> str:
        node_id = text_of(node.get("@id"))
        if node_id and not node_id.startswith("_:"):
            return urljoin(self.source_url, node_id)
        url = text_of(self.first(node.get("url")))
        if url:
            return urljoin(self.source_url, url)
        if self.single:
            return self.source_url
        raise Rejected(
            "the item has neither an @id nor a url, and the page holds several items, so a "
            "later harvest could not recognise it"
        )

    def title(self, node: dict, *fallbacks: dict) -> str:
        for candidate in (node, *fallbacks):
            title = first_text(candidate.get("name"), candidate.get("headline"))
            if title:
                return title
        raise Rejected("the item has no name")

    def names(self, value) -> tuple[str, ...]:
        items = value if isinstance(value, list) else [value]
        return text_list([self.resolve(item) for item in items])

    def when(self, node: dict, key: str) -> When | None:
        value = self.first(node.get(key))
        try:
            return parse_when(value)
        except DateFormatError as exc:
            raise Rejected(f"{key} {exc}") from None

    def place(self, value) -> tuple[str, str, bool]:
        """(venue, postal address, is_virtual) of a location value."""
        values = value if isinstance(value, list) else [value]
        venues, addresses, virtual = [], [], False
        for item in values:
            item = self.resolve(item)
            if isinstance(item, dict):
                types = set(item.get("@type") or ())
                virtual = virtual or "VirtualLocation" in types
                venues.append(first_text(item.get("name")))
                addresses.append(self.address(item.get("address")))
            else:
                venues.append(plain_text(item))
        return join_nonempty(venues), join_nonempty(addresses, "; "), virtual

    def address(self, value) -> str:
        value = self.resolve(self.first(value))
        if not isinstance(value, dict):
            return plain_text(value)
        locality = join_nonempty(
            [plain_text(value.get("postalCode")), plain_text(value.get("addressLocality"))], " "
        )
        return join_nonempty(
            [
                plain_text(value.get("streetAddress")),
                locality,
                plain_text(value.get("addressRegion")),
                first_text(value.get("addressCountry")),
            ]
        )

    def image(self, node: dict) -> str:
        value = self.first(node.get("image"))
        if isinstance(value, dict):
            value = value.get("url") or value.get("contentUrl")
        text = text_of(value)
        return urljoin(self.source_url, text) if text else ""

    def language(self, node: dict) -> str:
        value = self.first(node.get("inLanguage"))
        if isinstance(value, dict):
            return first_text(value.get("alternateName"), value.get("name"))
        return plain_text(value)

    def updated(self, node: dict) -> datetime | None:
        value = self.when(node, "dateModified")
        return value if isinstance(value, datetime) else None

    def audience(self, value) -> tuple[str, ...]:
        names = []
        for item in as_list(value):
            item = self.resolve(item)
            if isinstance(item, dict):
                names.append(
                    item.get("audienceType") or item.get("educationalRole") or item.get("name")
                )
            else:
                names.append(item)
        return text_list(names)

    def licence(self, value) -> str:
        value = self.first(value)
        if isinstance(value, dict):
            value = value.get("url") or value.get("@id") or value.get("name")
        return text_of(value)


def as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def text_of(value) -> str:
    if value is None or value is False or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def local_name(value) -> str:
    return re.split(r"[/#:]", text_of(value))[-1] if text_of(value) else ""


def add_duration(start: When, duration: str) -> When | None:
    """start + an ISO 8601 duration (PT1H, P2D, P1DT6H); None if absent or unreadable."""
    match = _DURATION.match(duration or "")
    if not duration or not match or not any(match.groupdict().values()):
        return None
    parts = {k: float(v) for k, v in match.groupdict().items() if v}
    delta = timedelta(**parts)
    if not isinstance(start, datetime):
        if delta.seconds or delta.microseconds:
            return None  # a timed duration on a date: no honest end date
        return start + delta - timedelta(days=1) if delta.days else start
    return start + delta
