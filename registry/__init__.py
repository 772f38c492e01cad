"""PaN Registry: the Django project package and its content apps."""

from .celery import app as celery_app

__all__ = ("celery_app",)
