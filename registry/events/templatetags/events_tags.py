"""Template tags of the events pages: dates in two zones, JSON-LD, calendar links."""

from django import template

from ..calendar_links import google_calendar_url
from ..jsonld import as_script, event_jsonld
from ..when import read_event

register = template.Library()


@register.inclusion_tag("events/includes/event_when.html", takes_context=True)
def event_when(context, event, detailed=False):
    """The event's dates in its own zone and, when it differs, in the visitor's."""
    visitor = context.get("visitor_zone")
    own = read_event(event)
    other = None
    if not event.all_day and visitor is not None and visitor.name != event.timezone:
        other = read_event(event, visitor.zone)
    return {"event": event, "own": own, "other": other, "visitor": visitor, "detailed": detailed}


@register.simple_tag(takes_context=True)
def event_jsonld_script(context, event):
    return as_script(event_jsonld(event, page_url=event.get_url(context.get("request"))))


@register.simple_tag(takes_context=True)
def google_calendar_link(context, event):
    return google_calendar_url(event, page_url=event.get_url(context.get("request")))


@register.simple_tag
def event_dates(event):
    """The event's dates in its own zone as one line (compact lists and sections).

    Django's `date` filter would first move a datetime into the site's zone,
    which is wrong for an event held elsewhere.
    """
    reading = read_event(event)
    return reading.text if reading.all_day else f"{reading.text} ({reading.zone_label})"
