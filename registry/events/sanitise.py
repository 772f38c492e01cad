"""Sanitising of event descriptions before they are stored.

Harvesters clean partner HTML with nh3 before calling the services; the model
cleans again on every save, so no path (admin, API, harvest, shell) can store
markup the rich-text editor would not produce itself.
"""

import nh3

# What the description's rich-text features produce, Wagtail's own internal-link
# markup (`linktype`, `id`), and everything the harvesters' sanitiser keeps
# (harvesters/sanitise.py), so that a harvested description passes unchanged —
# its `rel="nofollow noopener"` on outside links included.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h2", "h3", "h4", "h5",
    "h6", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "linktype", "id", "rel", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitise_description(html: str) -> str:
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        # Kept as given rather than imposed: editors' links to our own pages
        # need no rel, harvested ones arrive with theirs.
        link_rel=None,
        strip_comments=True,
    ).strip()
