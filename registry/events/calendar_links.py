"""Links that add one event to a visitor's calendar without a file download.

Google Calendar's "render?action=TEMPLATE" link takes UTC instants (or dates
with an exclusive end for all-day events) plus the event's zone (`ctz`) so
the entry shows in the zone it was organised in.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from .ical import absolute
from .models import Event

GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
DETAILS_LIMIT = 1000  # Google truncates long query strings; the page link carries the rest.


def google_calendar_url(event: Event, *, page_url: str) -> str:
    if event.all_day:
        dates = f"{event.start_date:%Y%m%d}/{event.end_date + dt.timedelta(days=1):%Y%m%d}"
    else:
        start, end = (moment.astimezone(dt.UTC) for moment in (event.starts_at, event.ends_at))
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    details = event.description_text
    if len(details) > DETAILS_LIMIT:
        details = details[: DETAILS_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    details = "\n\n".join(part for part in (details, absolute(page_url)) if part)
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "ctz": event.timezone,
        "details": details,
    }
    if event.location_text:
        query["location"] = event.location_text
    return f"{GOOGLE_CALENDAR}?{urlencode(query)}"
