"""Celery tasks of the harvesters app (found by `app.autodiscover_tasks()`)."""

from .engine.tasks import harvest_due, harvest_source_task  # noqa: F401
from .repositories.tasks import refresh_repository  # noqa: F401
