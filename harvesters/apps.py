from django.apps import AppConfig


class HarvestersConfig(AppConfig):
    name = "harvesters"
    default_auto_field = "django.db.models.BigAutoField"
