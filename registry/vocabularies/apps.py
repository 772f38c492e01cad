from django.apps import AppConfig


class VocabulariesConfig(AppConfig):
    name = "registry.vocabularies"
    label = "vocabularies"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Vocabularies"
