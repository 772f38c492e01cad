"""Site-wide views that are not pages: search and the sections not built yet."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page
from wagtail.views import serve

from .context_processors import NAVIGATION
from .navigation import SECTION_BLURBS, available_section_urls

SEARCH_PAGE_SIZE = 20


def search(request):
    """Full-text search over every published page (Wagtail's search backend)."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().exclude(depth__lte=2).specific().search(query)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/search.html", {"query": query, "results": page})


def section_index(request, section):
    """A section's address: its index page once it exists, else a plain "not available yet".

    Wagtail serves the page as usual when the section's index page is live;
    until a capability publishes it, visitors get an honest 404 page that
    says what the section will hold and where to go meanwhile.
    """
    url = f"/{section}/"
    if url in available_section_urls(request, [url]):
        return serve(request, f"{section}/")
    label = next(label for label, nav_url in NAVIGATION if nav_url == url)
    context = {"section_label": label, "section_blurb": SECTION_BLURBS.get(url, "")}
    return render(request, "core/section_unavailable.html", context, status=404)
