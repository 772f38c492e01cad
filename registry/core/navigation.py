"""Which sections of the site exist yet, read from the page tree.

The main navigation always links every section (`context_processors.NAVIGATION`).
A section is available when its index page is live under the site's root;
until then the navigation marks it "soon" and its address shows a plain
"not available yet" page (`views.section_index`). Nothing is configured: the
mark disappears by itself when a capability publishes its index page.
"""

from wagtail.models import Page, Site

# Navigation entries served by a view of their own, never by a page.
VIEW_URLS = {"/search/"}

# What each section is, for the home page and the "not available yet" page.
SECTION_BLURBS = {
    "/software/": "The catalogue of software developed and used at the facilities, with live "
    "repository badges, licences, techniques and citations.",
    "/training/": "Tutorials, courses, videos, notebooks and e-learning material, with the "
    "workflows that link datasets to the software that analyses them.",
    "/events/": "Workshops, schools, conferences and webinars across the facilities, with "
    "calendar subscriptions.",
    "/collaborations/": "Every LEAPS and LENS IT collaboration, from EPICS and Tango to PaNOSC "
    "and ExPaNDS, with its facilities, code and timeline.",
    "/facilities/": "The photon and neutron facilities of LEAPS and LENS and what each "
    "contributes.",
}


# What the home page counts in each section: (singular, plural).
SECTION_NOUNS = {
    "/software/": ("entry", "entries"),
    "/training/": ("material", "materials"),
    "/events/": ("event", "events"),
    "/collaborations/": ("collaboration", "collaborations"),
    "/facilities/": ("facility", "facilities"),
}


def site_root_path(request) -> str | None:
    """The url_path of the site's root page ("/home/"), from Wagtail's cached root paths."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk:
            return root.root_path
    return None


def section_index_urls(urls) -> list[str]:
    return [url for url in urls if url not in VIEW_URLS]


def available_section_urls(request, urls) -> set[str]:
    """Which of these section URLs ("/software/") have a live index page (one query)."""
    urls = section_index_urls(urls)
    root = site_root_path(request)
    if root is None or not urls:
        return set()
    wanted = {root.rstrip("/") + url: url for url in urls}
    found = Page.objects.live().filter(url_path__in=list(wanted)).values_list("url_path", flat=True)
    return {wanted[path] for path in found}
