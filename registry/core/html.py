"""Sanitising HTML that comes from outside: partner submissions, API payloads, harvested feeds.

One allow-list for short summaries, applied before storing (models call it
in `save`) and again when shown (the `sanitised_html` template filter), with
nh3 (the Rust ammonia sanitiser).
"""

import nh3

SUMMARY_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"}


def sanitise_summary(html: str) -> str:
    """Keep paragraphs, emphasis, lists and links; links get rel="noopener noreferrer nofollow"."""
    return nh3.clean(
        html or "",
        tags=SUMMARY_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()
