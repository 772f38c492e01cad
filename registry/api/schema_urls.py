"""The URLs the OpenAPI document describes: the write API under /api/v1/."""

from django.urls import include, path

from .urls import router

urlpatterns = [path("api/v1/", include((router.urls, "api"), namespace="v1"))]
