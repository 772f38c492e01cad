"""Admin: the collaborations listing, and news items and job postings as snippets.

Collaborations are pages (page editor, revisions, moderation). News items and
job postings are snippets with drafts, revisions, locking and workflows, so
harvested or partner-submitted items can go through curation before they
show on collaboration and facility pages.
"""

from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Collaboration, JobPosting, NewsItem


class CollaborationListingViewSet(PageListingViewSet):
    model = Collaboration
    icon = "group"
    menu_label = "Collaborations"
    menu_order = 200
    add_to_admin_menu = True
    name = "collaboration_pages"
    list_display = [
        "title",
        "category",
        "start_year",
        "end_year",
        "live",
        "latest_revision_created_at",
    ]
    list_filter = ["category", "start_decade"]


class NewsItemViewSet(SnippetViewSet):
    model = NewsItem
    icon = "doc-full"
    menu_label = "News"
    list_display = ["title", "collaboration", "facility", "published_at", "origin", "live"]
    list_filter = ["origin", "live", "collaboration", "facility"]
    search_fields = ["title", "summary"]
    ordering = ["-published_at"]


class JobPostingViewSet(SnippetViewSet):
    model = JobPosting
    icon = "user"
    menu_label = "Jobs"
    list_display = ["title", "facility", "collaboration", "closing_date", "origin", "live"]
    list_filter = ["origin", "live", "facility", "collaboration"]
    search_fields = ["title", "summary", "location"]
    ordering = ["closing_date"]


class AnnouncementsGroup(SnippetViewSetGroup):
    items = (NewsItemViewSet, JobPostingViewSet)
    menu_icon = "mail"
    menu_label = "News and jobs"
    menu_name = "news-and-jobs"
    menu_order = 220


register_snippet(AnnouncementsGroup)


@hooks.register("register_admin_viewset")
def register_collaboration_listing():
    return CollaborationListingViewSet()
