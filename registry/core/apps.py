"""The site frame: home page, page tree set-up, demo loader, page cache, shared page helpers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "registry.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deployment checks
        from .page_cache import connect_invalidation

        connect_invalidation()
