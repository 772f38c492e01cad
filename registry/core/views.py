"""Site-wide views that are not pages."""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page


def search(request):
    """Full-text search over every published page (Wagtail's search backend)."""
    query = request.GET.get("q", "").strip()
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().exclude(depth__lte=2).search(query)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "core/search.html", {"query": query, "results": page})
