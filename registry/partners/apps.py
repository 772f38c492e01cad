from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "registry.partners"
    label = "partners"
    verbose_name = "Partner submissions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Before the collaborations' hooks register the snippets, which would
        # otherwise make Wagtail's model-wide policy theirs for good.
        from wagtail.permissions import register_permission_policy

        from registry.collaborations.models import JobPosting, NewsItem

        from .permissions import PartnerAnnouncementPermissionPolicy

        for model in (NewsItem, JobPosting):
            register_permission_policy(model, PartnerAnnouncementPermissionPolicy(model))
