"""schema.org `Event` JSON-LD for each event page (search engines, EOSC and other portals).

Dates carry the event's own UTC offset (timed) or are plain dates (all-day);
status and attendance mode use the schema.org enumerations; the location is a
`Place`, a `VirtualLocation` or both for hybrid events; organisers are the
facilities and collaborations with their pages here and their own websites.
"""

from __future__ import annotations

import json

from django.utils.html import format_html
from django.utils.safestring import SafeString

from .ical import absolute
from .models import Event

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    Event.Status.SCHEDULED: SCHEMA + "EventScheduled",
    Event.Status.POSTPONED: SCHEMA + "EventPostponed",
    Event.Status.CANCELLED: SCHEMA + "EventCancelled",
}
ATTENDANCE_MODE = {
    Event.Attendance.ONSITE: SCHEMA + "OfflineEventAttendanceMode",
    Event.Attendance.ONLINE: SCHEMA + "OnlineEventAttendanceMode",
    Event.Attendance.HYBRID: SCHEMA + "MixedEventAttendanceMode",
}
# Schools and courses are teaching events; the rest are plain events.
SCHEMA_TYPE = {Event.Type.SCHOOL: "EducationEvent", Event.Type.COURSE: "EducationEvent"}


def event_jsonld(event: Event, *, page_url: str) -> dict:
    url = absolute(page_url)
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPE.get(event.event_type, "Event"),
        "@id": url,
        "name": event.title,
        "url": url,
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE_MODE[event.attendance],
    }
    if event.all_day:
        data["startDate"] = event.start_date.isoformat()
        data["endDate"] = event.end_date.isoformat()
    else:
        data["startDate"] = event.local_start().isoformat()
        data["endDate"] = event.local_end().isoformat()
    if event.description_text:
        data["description"] = event.description_text
    locations = []
    if event.is_onsite and (event.venue or event.city or event.country):
        place = {"@type": "Place"}
        if event.venue:
            place["name"] = event.venue
        address = {"@type": "PostalAddress"}
        if event.city:
            address["addressLocality"] = event.city
        if event.country:
            address["addressCountry"] = event.country.code
        if len(address) > 1:
            place["address"] = address
        locations.append(place)
    if event.is_online:
        virtual = {"@type": "VirtualLocation"}
        if event.online_url:
            virtual["url"] = event.online_url
        locations.append(virtual)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = [
        _organisation(f.title, f.website, acronym=f.acronym) for f in event.facilities.all()
    ]
    organisers += [_organisation(c.title, c.website) for c in event.collaborations.all()]
    if organisers:
        data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    if event.website:
        data["sameAs"] = event.website
    if event.registration_url:
        offer = {"@type": "Offer", "url": event.registration_url}
        if event.registration_deadline:
            offer["availabilityEnds"] = event.registration_deadline.isoformat()
        data["offers"] = offer
    keywords = [tag.name for tag in event.keywords.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    return data


def _organisation(name: str, website: str, *, acronym: str = "") -> dict:
    organisation = {"@type": "Organization", "name": name}
    if acronym and acronym != name:
        organisation["alternateName"] = acronym
    if website:
        organisation["url"] = website
    return organisation


def as_script(data: dict) -> SafeString:
    """A <script type="application/ld+json"> block, escaped like Django's json_script."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))
