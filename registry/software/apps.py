from django.apps import AppConfig


class SoftwareConfig(AppConfig):
    name = "registry.software"
    label = "software"
    default_auto_field = "django.db.models.BigAutoField"
