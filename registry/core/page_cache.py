"""Whole-response cache for anonymous visitors, emptied whenever published content changes.

Why not a package: wagtail-cache (CodeRed), the usual choice, does not
support Wagtail 8 yet, and Django's own `CacheMiddleware` cannot be emptied
without `cache.clear()`, which on Redis flushes the whole database (the
broker's and the harvesters' keys with it). This middleware is Django's cache
middleware logic - the same `get_cache_key` / `learn_cache_key` helpers, so
`Vary` headers are honoured - with one addition: every key carries a
*generation*, a value stored in the cache. `invalidate()` replaces the
generation, so every stored page is out of reach at once and expires on its
own after PAGE_CACHE_SECONDS; nothing else in the cache is touched.

What is cached: GET and HEAD requests without a session cookie or an
Authorization header, outside the admin, API and file prefixes, answered
200 with no cookie set and no `private`/`no-store`/`no-cache`. Logged-in
editors, form pages (they set the CSRF cookie) and previews are never cached.

When it is emptied: Wagtail's publish and unpublish of any page or snippet
(`page_published`, `page_unpublished`, `published`, `unpublished`), page
moves and deletions - from the admin, the API, a harvest or the demo loader
alike, after the transaction commits. Listening to Wagtail's signals is the
one place where the project uses signals: invalidation must follow every
door a change can come through. Code that changes what public pages show
without publishing (repository badges, for example) calls `invalidate()`.

PAGE_CACHE_SECONDS=0 switches the cache off (the development and test
default). With several web processes, CACHES must be shared (Redis, via
CACHE_URL), or a publish only empties the cache of the process that made it.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.cache import get_cache_key, learn_cache_key

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"
NEVER_CACHED_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/documents/", "/media/", "/static/")


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _generation() -> str:
    cache = _cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First use, or the key was evicted: a new generation also orphans
        # anything stored under an old one.
        cache.add(GENERATION_KEY, f"{time.time_ns():x}", timeout=None)
        generation = cache.get(GENERATION_KEY)
    return str(generation)


def invalidate() -> None:
    """Make every cached page unreachable; they are rebuilt on the next visit."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate_on_commit(**kwargs) -> None:
    """Signal receiver: invalidate once the change is committed (never before)."""
    transaction.on_commit(invalidate)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not _request_is_cacheable(request):
            return self.get_response(request)

        cache = _cache()
        prefix = f"pages.{_generation()}"
        # HEAD is answered from the GET entry, as Django's cache middleware does.
        key = get_cache_key(request, prefix, "GET", cache=cache)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                cached[HEADER] = "hit"
                return cached

        response = self.get_response(request)
        if request.method == "GET" and _response_is_cacheable(response):
            key = learn_cache_key(request, response, seconds, prefix, cache=cache)
            cache.set(key, response, seconds)
            response[HEADER] = "miss"
        return response


def _request_is_cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
    )


def _response_is_cacheable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def connect_invalidation() -> None:
    """Called once from CoreConfig.ready()."""
    from django.db.models.signals import post_delete
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
        published,
        unpublished,
    )

    for signal in (page_published, page_unpublished, published, unpublished, post_page_move):
        signal.connect(invalidate_on_commit, dispatch_uid=f"page-cache-{id(signal)}")
    page_slug_changed.connect(invalidate_on_commit, dispatch_uid="page-cache-slug")
    post_delete.connect(_invalidate_on_page_delete, dispatch_uid="page-cache-delete")


def _invalidate_on_page_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        invalidate_on_commit()
