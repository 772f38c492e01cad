"""RSS 2.0 and Atom feeds of newly published training materials.

Served by the training index page at /training/feed/rss/ and
/training/feed/atom/ (RoutablePageMixin), announced on /training/ with
<link rel="alternate">. Django's syndication framework writes the XML; the
items come from `selectors.new_materials`, which prefetches what the feed
prints, so the feed costs the same number of queries for 3 items or 30.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .selectors import new_materials


class NewTrainingRssFeed(Feed):
    description = (
        "New training materials for photon and neutron science and its software, "
        "from the LEAPS and LENS facilities."
    )

    def __init__(self, index):
        super().__init__()
        self.index = index
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"New training materials · {settings.SITE_NAME}"

    def link(self):
        return self.index.get_url(request=self.request)

    def items(self):
        return new_materials(index=self.index)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        facts = [item.get_material_type_display()]
        if item.providing_facility:
            facts.append(f"provided by {item.providing_facility.acronym}")
        if item.difficulty:
            facts.append(item.get_difficulty_display().lower())
        if item.duration_display:
            facts.append(item.duration_display)
        software = [entry.title for entry in item.related_software.all()]
        about = f" About {', '.join(software)}." if software else ""
        return f"{item.summary} ({'; '.join(facts)}).{about}"

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        names = [author.name for author in item.authors.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [item.get_material_type_display()] + [a.name for a in item.audiences.all()]


class NewTrainingAtomFeed(NewTrainingRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description
