"""Template filters for HTML that came from outside (partners, harvested feeds)."""

from django import template
from django.utils.safestring import mark_safe

from registry.core.html import sanitise_summary

register = template.Library()


@register.filter
def sanitised_html(value: str) -> str:
    """Sanitised again at display time: stored HTML may predate today's allow-list."""
    return mark_safe(sanitise_summary(value or ""))
