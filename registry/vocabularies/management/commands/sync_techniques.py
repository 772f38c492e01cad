from django.core.management.base import BaseCommand

from registry.vocabularies.panet import sync_panet_techniques


class Command(BaseCommand):
    help = "Update the PaN technique vocabulary from the PaNET release shipped by esrf-ontologies."

    def handle(self, *args, **options):
        created, updated = sync_panet_techniques()
        self.stdout.write(
            self.style.SUCCESS(f"PaNET techniques: {created} created, {updated} updated.")
        )
