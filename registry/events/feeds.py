"""RSS 2.0 and Atom feeds of the events most recently added to the calendar (Django syndication).

A feed reader learns of a new workshop when it is published, whatever its
date; the iCal subscriptions are for putting events in a calendar.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from . import selectors
from .ical import absolute
from .when import read_event

FEED_SIZE = 30


class NewEventsRss(Feed):
    title = "PaN Registry: new events"
    description = (
        "Workshops, conferences, schools, webinars and user meetings of the photon and neutron "
        "facilities, as they are added to the PaN Registry calendar."
    )
    description_template = "events/feed_item_description.html"

    def link(self):
        # SITE_URL, like the items' links, rather than whichever host the request named.
        return absolute("/events/")

    def items(self):
        return selectors.newly_published(FEED_SIZE)

    def item_title(self, item):
        prefix = {"cancelled": "Cancelled: ", "postponed": "Postponed: "}.get(item.status, "")
        return f"{prefix}{item.title} ({read_event(item).text})"

    def item_link(self, item):
        return absolute(item.url)

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_event_type_display(), *(f.acronym for f in item.facilities.all())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["when"] = read_event(kwargs["item"])
        return context


class NewEventsAtom(NewEventsRss):
    feed_type = Atom1Feed
    subtitle = NewEventsRss.description
