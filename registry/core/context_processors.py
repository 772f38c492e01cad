"""Template context every page needs: site name, navigation and footer links."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import VIEW_URLS, available_section_urls

NAVIGATION = [
    ("Software", "/software/"),
    ("Training", "/training/"),
    ("Events", "/events/"),
    ("Collaborations", "/collaborations/"),
    ("Facilities", "/facilities/"),
    ("Search", "/search/"),
]


def navigation_for(request) -> list[dict]:
    urls = [url for _, url in NAVIGATION]
    available = available_section_urls(request, urls) | VIEW_URLS
    path = request.path if request is not None else ""
    return [
        {
            "label": label,
            "url": url,
            "current": path.startswith(url),
            "available": url in available,
        }
        for label, url in NAVIGATION
    ]


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SOURCE_CODE_URL": settings.SOURCE_CODE_URL,
        # Lazy: computed (one query) only when a template draws the navigation.
        "navigation": SimpleLazyObject(lambda: navigation_for(request)),
    }
