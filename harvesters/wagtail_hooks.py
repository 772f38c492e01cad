"""Wagtail admin of the harvesters app."""

from .engine import admin as engine_admin  # noqa: F401, E402 - registers the harvest engine admin
from .repositories import admin  # noqa: F401 - registers the repository harvesting admin
