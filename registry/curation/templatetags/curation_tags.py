"""`{% stale_notice page %}`: the honest notice on the public page of a flagged entry."""

from django import template

from ..stale import open_flags_for

register = template.Library()


@register.inclusion_tag("curation/stale_notice.html")
def stale_notice(page, skip=""):
    """`skip`: a kind the page already explains in its own words (training's review notice)."""
    flags = [flag for flag in open_flags_for(page) if flag.kind != skip]
    return {"flags": flags, "since": min((f.since for f in flags), default=None)}
