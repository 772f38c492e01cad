"""`manage.py create_partner_token USER [--facility ACRONYM ...]`: an API token for a partner."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import APIToken

from registry.facilities.models import Facility
from registry.partners.accounts import partner_ensure


class Command(BaseCommand):
    help = (
        "Issue a write-API token for USER, creating the partner user (in the 'Partner "
        "editors' group) and its facility memberships if missing. The token is printed "
        "once, on the last line; only its digest is stored. Revoke it in the admin "
        "(Settings > API tokens)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--facility",
            action="append",
            default=[],
            metavar="ACRONYM",
            help="Facility the partner acts for (repeatable), e.g. --facility ESRF.",
        )
        parser.add_argument(
            "--name", default="", help="What the token is for (shown in the admin)."
        )
        parser.add_argument("--email", default="", help="E-mail of a new partner user.")

    def handle(self, *args, username, facility, name, email, **options):
        try:
            user, created = partner_ensure(
                username=username, facility_acronyms=facility, email=email
            )
        except Facility.DoesNotExist as error:
            raise CommandError(f"{error} Nothing was created.") from error
        if created:
            self.stdout.write(f"Created partner user {username!r}.")
        acronyms = sorted(
            m.facility.acronym
            for m in user.partner_memberships.select_related("facility")
            if m.facility
        )
        self.stdout.write(f"{username} acts for: {', '.join(acronyms) or 'no facility yet'}")
        _token, key = APIToken.create_token(user=user, name=name or f"{username} (command line)")
        self.stdout.write(key)
