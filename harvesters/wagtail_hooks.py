"""Wagtail admin of the harvesters app."""

from .repositories import admin  # noqa: F401 - registers the repository harvesting admin
