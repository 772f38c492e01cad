"""Sanitising of event descriptions before they are stored.

Harvesters clean partner HTML with nh3 before calling the services; the model
cleans again on every save, so no path (admin, API, harvest, shell) can store
markup the rich-text editor would not produce itself.
"""

import nh3

# What the description's rich-text features produce, plus Wagtail's own
# internal-link and embed markup (`linktype`, `embedtype`).
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "a", "blockquote", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
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
        # Wagtail's rich-text renderer adds what a link needs; stored HTML
        # stays in the editor's own shape.
        link_rel=None,
    ).strip()
