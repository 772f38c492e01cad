"""Turn harvested text or HTML into HTML that is safe to store and show.

Place in the flow: parsers return descriptions raw, labelled `TextFormat.TEXT`
or `TextFormat.HTML`; the upsert step calls `to_safe_html` before anything is
written, so stored descriptions are always safe HTML and every harvester
sanitises in exactly one place. nh3 (the Rust ammonia library) does the work
with a small allow-list: text structure, emphasis, lists, code, quotes and
links. Scripts, styles, event handlers, images, iframes, forms and inline
styles are dropped; links keep only http(s)/mailto targets and get
``rel="nofollow noopener"`` since they point at sites we do not vouch for.
"""

from __future__ import annotations

import html
import re

import nh3

from .records import TextFormat

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h3", "h4",
        "h5", "h6", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# Their content is code or styling, not text: removed with the tag.
_DROP_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
_URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
_BLANK_LINES = re.compile(r"\n\s*\n")


def sanitise_html(value: str) -> str:
    """HTML reduced to the allow-list; headings h1/h2 are kept as text (the page owns them)."""
    if not value:
        return ""
    return nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def text_to_html(value: str) -> str:
    """Plain text as HTML: escaped, blank lines → paragraphs, line breaks kept, URLs linked."""
    text = (value or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    paragraphs = []
    for block in _BLANK_LINES.split(text):
        escaped = html.escape(block.strip(), quote=True)
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br>") + "</p>")
    # Through the sanitiser too, so links get the same rel and schemes as HTML input.
    return sanitise_html("".join(paragraphs))


def to_safe_html(value: str, text_format: TextFormat | str) -> str:
    """The one entry point for upsert: raw description + its format → safe HTML."""
    if TextFormat(text_format) is TextFormat.HTML:
        return sanitise_html(value)
    return text_to_html(value)
