"""`manage.py load_demo`: the real demo data, the page tree and the demo curator, idempotently."""

import importlib
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from registry.core.site_setup import CURATORS, ensure_site

# Each capability's demo loader, in dependency order. A loader is a module
# with `load(*, stdout)`; it reads its real data from fixtures/ and is
# idempotent (update or create by a natural key).
DEMO_STEPS = [
    "registry.facilities.demo",
    "registry.collaborations.demo",
    "registry.software.demo",
    "registry.training.demo",
    "registry.events.demo",
    "harvesters.repositories.demo",
    "harvesters.engine.demo",
    "registry.partners.demo",
]

DEMO_CURATOR = "curator"


class Command(BaseCommand):
    help = (
        "Load the demo data (real facilities, collaborations, software, training and "
        "events from fixtures/) and create the demo curator. Safe to run again: "
        "entries are updated in place, never duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--curator-password",
            default=os.environ.get("DEMO_CURATOR_PASSWORD", "pan-registry-demo"),
            help="Password of the demo curator account (default: pan-registry-demo).",
        )

    def handle(self, *args, curator_password, **options):
        try:
            # All or nothing: a bad fixture leaves the database as it was.
            with transaction.atomic():
                ensure_site()
                for dotted in DEMO_STEPS:
                    self.stdout.write(f"Loading {dotted.split('.')[-2]} ...")
                    importlib.import_module(dotted).load(stdout=self.stdout)
                self._ensure_curator(curator_password)
        except ValueError as error:
            raise CommandError(f"Demo data not loaded, nothing changed: {error}") from error
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(
            f"Demo curator login: {settings.SITE_URL}/admin/  user '{DEMO_CURATOR}'  "
            f"password '{curator_password}'"
        )
        from registry.partners.demo import DEMO_PARTNER, DEMO_PARTNER_PASSWORD

        self.stdout.write(
            f"Demo partner login (ESRF): {settings.SITE_URL}/submit/  user '{DEMO_PARTNER}'  "
            f"password '{DEMO_PARTNER_PASSWORD}'"
        )

    def _ensure_curator(self, password: str) -> None:
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_CURATOR,
            defaults={"email": "curator@example.org", "first_name": "Demo", "last_name": "Curator"},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=CURATORS))
