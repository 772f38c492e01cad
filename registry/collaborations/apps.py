from django.apps import AppConfig


class CollaborationsConfig(AppConfig):
    name = "registry.collaborations"
    label = "collaborations"
    default_auto_field = "django.db.models.BigAutoField"
