"""Template context every page needs: site name, navigation and footer links."""

from django.conf import settings

NAVIGATION = [
    ("Software", "/software/"),
    ("Training", "/training/"),
    ("Events", "/events/"),
    ("Collaborations", "/collaborations/"),
    ("Facilities", "/facilities/"),
    ("Search", "/search/"),
]


def site(request):
    path = request.path
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SOURCE_CODE_URL": settings.SOURCE_CODE_URL,
        "navigation": [
            {"label": label, "url": url, "current": path.startswith(url)}
            for label, url in NAVIGATION
        ],
    }
