from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "registry.partners"
    label = "partners"
    verbose_name = "Partner submissions"
    default_auto_field = "django.db.models.BigAutoField"
