from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter(use_regex_path=False)
router.register("software", views.SoftwareViewSet, basename="software")
router.register("training", views.TrainingViewSet, basename="training")
router.register("events", views.EventViewSet, basename="event")
router.register("harvest-sources", views.HarvestSourceViewSet, basename="harvest-source")

urlpatterns = [
    path("v1/", include((router.urls, "api"), namespace="v1")),
    # The document describes this API only, not Wagtail's admin API views.
    path(
        "schema/", SpectacularAPIView.as_view(urlconf="registry.api.schema_urls"), name="api-schema"
    ),
    path(
        "docs/",
        SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html"),
        name="api-docs",
    ),
]
