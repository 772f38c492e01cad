"""`manage.py set_repository_host HOST --kind gitlab --api-url URL [--token-env NAME]`."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from harvesters.repositories.hosts import set_repository_host
from harvesters.repositories.models import RepositoryHost


class Command(BaseCommand):
    help = (
        "Register a code host the repository harvester may read, or update it. HOST is the "
        "name in repository URLs (gitlab.esrf.fr). A GitLab's API URL is https://HOST/api/v4; "
        "GitHub Enterprise's is https://HOST/api/v3; github.com needs none (GITHUB_API_URL). "
        "--token-env names the environment variable holding a read-only token: the token "
        "itself is never stored. Safe to run again: prints what changed, or 'unchanged'."
    )

    def add_arguments(self, parser):
        parser.add_argument("host", help="Host name as in repository URLs, e.g. gitlab.esrf.fr")
        parser.add_argument(
            "--kind", required=True, choices=RepositoryHost.Kind.values, help="github or gitlab"
        )
        parser.add_argument(
            "--api-url",
            default="",
            help="API base URL, e.g. https://gitlab.esrf.fr/api/v4 (/api/v4 is added for GitLab "
            "if missing). Optional only for github.com.",
        )
        parser.add_argument(
            "--token-env",
            default=None,
            metavar="NAME",
            help="Environment variable holding the access token (e.g. ESRF_GITLAB_TOKEN); "
            "'' removes it. Left as it is when not given.",
        )

    def handle(self, *args, host, kind, api_url, token_env, **options):
        try:
            change = set_repository_host(name=host, kind=kind, api_url=api_url, token_env=token_env)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        style = self.style.SUCCESS if change.changes else self.style.NOTICE
        self.stdout.write(style(change.describe()))
        saved = change.host
        if saved.token_env and not saved.token():
            self.stdout.write(
                self.style.WARNING(
                    f"{saved.token_env} is not set in this environment: calls to {saved.name} "
                    f"will be anonymous until the worker has it."
                )
            )
