from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "registry.curation"
    label = "curation"
    default_auto_field = "django.db.models.BigAutoField"
