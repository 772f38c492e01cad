"""Views of the events calendar: thin glue between requests, selectors and templates.

The list, archive and month grid are sub-pages of the Wagtail index page
(`EventIndexPage` routes here); the iCal files are plain Django views under
/events/ (Wagtail's page routes cannot end in ".ics").
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
    QueryDict,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_etags
from django.utils.text import slugify

from registry.collaborations.models import Collaboration
from registry.facilities.models import Facility

from . import selectors
from .forms import EventFilterForm
from .ical import build_calendar
from .models import Event, EventIndexPage
from .month_grid import WEEKDAYS, build_month_grid
from .selectors import EventFilters
from .time_zones import site_zone, zone_options_html
from .visitor_zone import remember_choice, visitor_zone

PAGE_SIZE = 20
ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _filter_form(request, *, months=()) -> EventFilterForm:
    form = EventFilterForm(request.GET or None, choices=selectors.filter_choices(), months=months)
    form.is_valid()  # errors are shown next to their fields; valid fields still apply
    return form


FILTER_PARAMETERS = ("facility", "collaboration", "type", "attendance", "country", "hide_stale")


def _base_context(request, page, choice, form):
    context = page.get_context(request)
    filter_query = QueryDict(mutable=True)
    for name in FILTER_PARAMETERS:
        values = [v for v in request.GET.getlist(name) if v]
        if values and name not in form.errors:
            filter_query.setlist(name, values)
    context.update(
        {
            "visitor_zone": choice,
            "zone_options": zone_options_html(choice.name),
            # The filters alone (no page, month or zone): carried by the view links.
            "filter_query": filter_query.urlencode(),
            # What the zone form must keep when it reloads the page.
            "preserved_query": [
                (name, value)
                for name, values in request.GET.lists()
                if name not in ("tz", "page")
                for value in values
            ],
            "filter_action": request.path,
            "subscription": subscription_links(form),
            "weekdays": WEEKDAYS,
        }
    )
    return context


def subscription_links(form: EventFilterForm) -> dict:
    """The iCal address for what the visitor is looking at: a clean URL for a single facility,
    collaboration or type, the filtered /events/calendar.ics otherwise."""
    data = {
        k: v for k, v in getattr(form, "cleaned_data", {}).items() if v and k in FILTER_PARAMETERS
    }
    if set(data) == {"facility"}:
        path = reverse("events:facility-calendar", args=[data["facility"].slug])
    elif set(data) == {"collaboration"}:
        path = reverse("events:collaboration-calendar", args=[data["collaboration"].slug])
    elif set(data) == {"type"} and len(data["type"]) == 1:
        path = reverse("events:type-calendar", args=[data["type"][0]])
    else:
        query = QueryDict(mutable=True)
        for name, value in data.items():
            if name in ("facility", "collaboration"):
                query[name] = value.slug
            elif isinstance(value, list):
                query.setlist(name, value)
            else:
                query[name] = value
        path = reverse("events:calendar") + (f"?{query.urlencode()}" if query else "")
    ical_url = settings.SITE_URL + path
    return {
        "ical_url": ical_url,
        "webcal_url": "webcal://" + ical_url.split("://", 1)[1],
        "narrowed": bool(data),
    }


def event_list(request, page: EventIndexPage, *, archive: bool):
    choice = visitor_zone(request)
    now = timezone.now()
    select = selectors.past_events if archive else selectors.upcoming_events
    months = selectors.event_months(select(now=now), choice.zone)
    form = _filter_form(request, months=months)
    filters = form.filters(choice.zone)
    events = select(filters, now=now)
    page_of_events = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    for event in page_of_events:
        # Month headings of the list, as the visitor reads the dates.
        event.heading_month = event.days(choice.zone)[0].replace(day=1)
    context = _base_context(request, page, choice, form)
    context.update(
        {
            "archive": archive,
            "form": form,
            "events": page_of_events,
            "today": now.astimezone(choice.zone).date(),
        }
    )
    response = TemplateResponse(request, "events/event_index_page.html", context)
    return remember_choice(request, response, choice)


def month_view(request, page: EventIndexPage, *, year: int | None, month: int | None):
    choice = visitor_zone(request)
    today = timezone.now().astimezone(choice.zone).date()
    year, month = (year, month) if year is not None else (today.year, today.month)
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404("No such month.")
    form = _filter_form(request)
    filters = form.filters(choice.zone)
    grid = build_month_grid(
        year, month, selectors.events_in_month(year, month, filters), choice.zone, today=today
    )
    previous_event, next_event = selectors.neighbour_months(year, month, filters)
    context = _base_context(request, page, choice, form)
    context.update(
        {
            "form": form,
            "grid": grid,
            "previous_event_month": previous_event,
            "next_event_month": next_event,
            "today": today,
        }
    )
    response = TemplateResponse(request, "events/event_month.html", context)
    return remember_choice(request, response, choice)


# --- iCalendar --------------------------------------------------------------


ICAL_CACHE_SECONDS = 3600


def _ical_response(events, *, name: str, description: str, filename: str, request) -> HttpResponse:
    body = build_calendar(
        events, name=name, description=description, page_url_for=lambda e: e.get_url(request)
    )
    response = HttpResponse(body, content_type=ICAL_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _subscription_response(events, *, name: str, description: str, filename: str, request):
    """A subscription is polled by every subscriber's calendar app: its body is built once per
    version (what the events are, and the hour, as events age out of the window) and an
    unchanged poll gets 304 Not Modified."""
    state = events.order_by().aggregate(latest=Max("last_published_at"), count=Count("pk"))
    hour = timezone.now().strftime("%Y%m%d%H")
    fingerprint = f"{request.get_full_path()}|{state['latest']}|{state['count']}|{hour}"
    version = hashlib.sha256(fingerprint.encode()).hexdigest()[:32]
    etag = f'"{version}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    cache_key = f"events:ical:{version}"
    body = cache.get(cache_key)
    if body is None:
        body = _ical_response(
            events, name=name, description=description, filename=filename, request=request
        ).content
        cache.set(cache_key, body, ICAL_CACHE_SECONDS)
    response = HttpResponse(body, content_type=ICAL_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    return response


def calendar_feed(request):
    """/events/calendar.ics — every upcoming event, optionally narrowed by the list's own filters."""
    form = EventFilterForm(request.GET or None, choices=selectors.filter_choices())
    if request.GET and not form.is_valid():
        messages = "; ".join(
            f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
        )
        return HttpResponseBadRequest(
            f"Unknown filter value ({messages})", content_type="text/plain"
        )
    filters = form.filters(site_zone()) if request.GET else EventFilters()
    return _subscription_response(
        selectors.subscription_events(filters),
        name="PaN events",
        description="Workshops, conferences, schools and user meetings of the photon and neutron facilities.",
        filename="pan-events.ics",
        request=request,
    )


def facility_feed(request, slug):
    facility = get_object_or_404(Facility.objects.live(), slug=slug.lower())
    return _subscription_response(
        selectors.subscription_events(EventFilters(facility=facility)),
        name=f"PaN events: {facility.acronym}",
        description=f"Events organised by {facility.title} ({facility.acronym}).",
        filename=f"pan-events-{facility.slug}.ics",
        request=request,
    )


def collaboration_feed(request, slug):
    collaboration = get_object_or_404(Collaboration.objects.live(), slug=slug.lower())
    return _subscription_response(
        selectors.subscription_events(EventFilters(collaboration=collaboration)),
        name=f"PaN events: {collaboration.title}",
        description=f"Events organised by the {collaboration.title} collaboration.",
        filename=f"pan-events-{collaboration.slug}.ics",
        request=request,
    )


def type_feed(request, event_type):
    if event_type not in Event.Type.values:
        raise Http404("No such type of event.")
    label = Event.Type(event_type).label
    return _subscription_response(
        selectors.subscription_events(EventFilters(types=(event_type,))),
        name=f"PaN events: {label.lower()}s",
        description=f"{label}s of the photon and neutron facilities.",
        filename=f"pan-events-{event_type}.ics",
        request=request,
    )


def event_file(request, slug):
    """/events/<slug>/calendar.ics — one event, for "add to calendar"."""
    event = get_object_or_404(selectors.with_listing_data(selectors.live_events()), slug=slug)
    response = _ical_response(
        [event],
        name=event.title,
        description=event.title,
        filename=f"{slugify(event.slug)}.ics",
        request=request,
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(event.slug)}.ics"'
    return response
