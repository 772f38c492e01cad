from django.core.management.base import BaseCommand

from registry.core.site_setup import ensure_site


class Command(BaseCommand):
    help = (
        "Create the home page, each section's index page and the groups "
        "'Curators' and 'Partner editors' if they are missing. Safe to run again."
    )

    def handle(self, *args, **options):
        home = ensure_site()
        self.stdout.write(
            self.style.SUCCESS(f"Site ready: home page '{home.title}' (id {home.pk}).")
        )
