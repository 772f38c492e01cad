"""`manage.py check_links [--limit N]`: check the catalogue's outbound links now."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from registry.curation.links import run_link_check


class Command(BaseCommand):
    help = (
        "Check the outbound links of every published entry (HEAD, then GET if HEAD is refused) "
        "through the harvesters' safe fetcher, one request at a time per host with "
        "LINK_CHECK_HOST_DELAY seconds between them, and record each result. Links never checked "
        "or checked longest ago go first. Run `check_stale` afterwards to update the flags."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Check at most this many links in this run."
        )

    def handle(self, *args, limit=None, **options):
        with tqdm(desc="Links", unit="link", file=self.stderr) as bar:
            summary = run_link_check(limit=limit, progress=bar)
        self.stdout.write(str(summary))
