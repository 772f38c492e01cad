"""Hostile payloads are refused before any parser can be abused by them."""

import io
import time

import feedparser
import pytest

from harvesters.parsers import UnsafePayload, feeds, jsonld
from harvesters.parsers.xmlguard import ensure_no_entity_expansion

from .conftest import fixture_bytes


@pytest.mark.parametrize(
    "name",
    ["billion-laughs.rss", "external-entity.rss", "billion-laughs-not-well-formed.atom"],
)
@pytest.mark.parametrize("target", ["news", "events"])
def test_feeds_declaring_entities_are_refused_unexpanded(name, target):
    started = time.monotonic()
    with pytest.raises(UnsafePayload, match="declares entities"):
        feeds.parse(fixture_bytes(f"hostile/{name}"), source_url="https://x/", target=target)
    assert time.monotonic() - started < 1  # refused, not expanded and then thrown away


def test_feedparser_on_its_own_would_expand_entities():
    """Why the guard exists: feedparser resolves a feed's internal entities."""
    small = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "ab"><!ENTITY b "&a;&a;">]>
<rss version="2.0"><channel><title>&b;</title></channel></rss>"""
    assert feedparser.parse(io.BytesIO(small)).feed.title == "abab"
    with pytest.raises(UnsafePayload):
        ensure_no_entity_expansion(small)


def test_the_malformed_bomb_defeats_the_strict_parser_but_not_the_guard():
    payload = fixture_bytes("hostile/billion-laughs-not-well-formed.atom")
    with pytest.raises(UnsafePayload, match="not well-formed and declares entities"):
        ensure_no_entity_expansion(payload)


def test_ordinary_doctype_without_entities_is_accepted():
    netscape = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old feed</title><link>https://x/</link>
<description>d</description><item><title>Item</title><link>https://x/1</link></item></channel></rss>"""
    result = feeds.parse(netscape, source_url="https://x/", target="news")
    assert [r.title for r in result.records] == ["Item"]


def test_an_entity_bomb_in_html_stays_inert_and_the_page_still_reads():
    started = time.monotonic()
    result = jsonld.parse(
        fixture_bytes("hostile/entity-bomb-page.html"),
        source_url="https://events.example.org/safe-parsing",
        target="events",
    )
    assert time.monotonic() - started < 1
    titles = [r.title for r in result.records]
    assert titles == ["Workshop on safe parsing"]
    # The microdata item's name is the literal reference, never 3 GB of "lol".
    assert all(len(r.identifier) < 100 for r in result.rejected)


def test_a_utf16_bomb_that_is_not_well_formed_is_refused_too():
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!-- bad -- comment -->\n'
        '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        '<rss version="2.0"><channel><title>&b;</title></channel></rss>'
    )
    with pytest.raises(UnsafePayload):
        ensure_no_entity_expansion(text.encode("utf-16"))
