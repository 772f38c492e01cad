"""/events/ routes that Wagtail's page tree cannot serve: the iCal files and the RSS/Atom feeds.

Included before Wagtail's catch-all; every other /events/ path is a page or
a sub-page of the index (list, archive, month grid).
"""

from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("facility/<slug:slug>/calendar.ics", views.facility_feed, name="facility-calendar"),
    path(
        "collaboration/<slug:slug>/calendar.ics",
        views.collaboration_feed,
        name="collaboration-calendar",
    ),
    path("type/<slug:event_type>/calendar.ics", views.type_feed, name="type-calendar"),
    path("rss.xml", feeds.NewEventsRss(), name="rss"),
    path("atom.xml", feeds.NewEventsAtom(), name="atom"),
    path("<slug:slug>/calendar.ics", views.event_file, name="event-calendar"),
]
