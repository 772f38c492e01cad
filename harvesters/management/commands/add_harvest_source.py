"""`manage.py add_harvest_source KIND URL (--facility ACRONYM | --collaboration NAME) --target TARGET`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from harvesters.engine.services import source_register
from harvesters.models import HarvestSource
from registry.collaborations.models import Collaboration
from registry.facilities.models import Facility


class Command(BaseCommand):
    help = (
        "Register a partner feed, calendar or page to harvest. KIND: ical, rss (RSS or Atom), "
        "jsonld (schema.org in HTML pages) or indico (an Indico category export). A source added "
        "here is approved and its items publish directly. Adding a source that exists already "
        "(same kind, URL and target) says so and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=HarvestSource.Kind.values)
        parser.add_argument("url", help="The feed, calendar or page address (http or https)")
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--facility", metavar="ACRONYM", help="Owning facility, e.g. ESRF")
        owner.add_argument(
            "--collaboration", metavar="NAME", help="Owning collaboration, e.g. PaNOSC"
        )
        parser.add_argument("--target", required=True, choices=HarvestSource.Target.values)
        parser.add_argument(
            "--name", default="", help="Shown to curators; default: owner, target, kind"
        )
        parser.add_argument(
            "--schedule", default="6h", help="An interval (30m, 6h, 1d) or a crontab line in UTC"
        )

    def handle(self, *args, kind, url, facility, collaboration, target, name, schedule, **options):
        owner = {}
        if facility:
            owner["facility"] = Facility.objects.filter(acronym__iexact=facility).first()
            if owner["facility"] is None:
                known = ", ".join(Facility.objects.values_list("acronym", flat=True))
                raise CommandError(f"No facility {facility!r}. Known: {known or 'none yet'}.")
        else:
            owner["collaboration"] = Collaboration.objects.filter(
                title__iexact=collaboration
            ).first()
            if owner["collaboration"] is None:
                raise CommandError(f"No collaboration named {collaboration!r}.")
        try:
            source, created = source_register(
                kind=kind,
                url=url,
                target=target,
                name=name,
                schedule=schedule,
                approved=True,
                trusted=True,
                **owner,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if created:
            self.stdout.write(
                self.style.SUCCESS(f"Added source {source.pk}: {source.name} ({source.schedule}).")
            )
        else:
            self.stdout.write(
                self.style.NOTICE(
                    f"Source {source.pk} ({source.name}) exists already for this {kind} URL and "
                    f"target {target}: nothing changed."
                )
            )
