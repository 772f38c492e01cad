"""`manage.py check_stale`: evaluate the stale rules now and print what changed."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from registry.curation.stale import RULES, evaluate_stale_rules


class Command(BaseCommand):
    help = (
        "Evaluate every stale rule now (as the nightly task does): flag the entries a rule "
        "matches, clear the flags whose cause is fixed, and print the open, new and cleared "
        "flags per rule. Rules and their numbers are edited in the admin (Curation > Stale rules)."
    )

    def handle(self, *args, **options):
        with tqdm(total=len(RULES), desc="Stale rules", unit="rule", file=self.stderr) as bar:
            summary = evaluate_stale_rules(progress=bar)
        self.stdout.write(str(summary))
