"""Deployment checks of the site frame, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """A page cache in each process's memory is emptied only in the process that published."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PAGE_CACHE_SECONDS > 0 and backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The page cache lives in each process's memory: a publish empties it only in "
                "the process that handled it, so other processes serve old pages for up to "
                f"PAGE_CACHE_SECONDS ({settings.PAGE_CACHE_SECONDS} s).",
                hint="Set CACHE_URL to a shared cache (e.g. redis://host:6379/1), or "
                "PAGE_CACHE_SECONDS=0 to switch the page cache off.",
                id="registry.W001",
            )
        ]
    return []
