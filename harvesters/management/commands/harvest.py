"""`manage.py harvest [--source ID ...] [--all] [--repositories] [--sync]`."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from harvesters.engine.run import harvest_sources
from harvesters.models import HarvestSource

COUNTS = ("fetched", "created", "updated", "unchanged", "rejected", "vanished")


class Command(BaseCommand):
    help = (
        "Harvest partner sources now. --source ID (repeatable) picks sources; --all takes every "
        "approved, enabled, unpaused source and also refreshes the software repositories' "
        "badges; --repositories refreshes the badges only. Without --sync each source is queued "
        "as a Celery task (a worker must run); with --sync it runs here, with a progress bar "
        "and a table of what each source did."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, action="append", default=[], metavar="ID")
        parser.add_argument("--all", action="store_true", help="Every runnable source, and badges")
        parser.add_argument("--repositories", action="store_true", help="Refresh repository badges")
        parser.add_argument("--sync", action="store_true", help="Run here instead of in Celery")

    def handle(self, *args, source, all, repositories, sync, **options):
        if not (source or all or repositories):
            raise CommandError("Say what to harvest: --source ID, --all or --repositories.")
        if source:
            found = {s.pk: s for s in HarvestSource.objects.filter(pk__in=source)}
            missing = sorted(set(source) - set(found))
            if missing:
                raise CommandError(f"No harvest source with id {', '.join(map(str, missing))}.")
            sources = [found[pk] for pk in source]
        elif all:
            sources = [s for s in HarvestSource.objects.all() if s.runnable]
        else:
            sources = []
        if sources:
            self._sources(sources, sync)
        if all or repositories:
            self._repositories(sync)

    def _bar(self, total, unit):
        return tqdm(total=total, unit=unit, file=self.stderr._out, disable=total == 0)

    def _sources(self, sources, sync):
        with self._bar(len(sources), "source") as bar:

            def progress(done, total, name):
                bar.set_postfix_str(name[:40])
                bar.update(1)

            outcomes = harvest_sources(sources, sync=sync, progress=progress)
        rows = [("id", "source", "result", *COUNTS, "detail")]
        for o in outcomes:
            rows.append(
                (str(o.source_id), o.name[:40], o.result)
                + tuple(str(o.counts.get(c, "")) for c in COUNTS)
                + (o.detail[:80],)
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        failed = sum(1 for o in outcomes if o.result == "failed")
        style = self.style.WARNING if failed else self.style.SUCCESS
        self.stdout.write(style(f"{len(outcomes)} source(s), {failed} failed."))

    def _repositories(self, sync):
        from harvesters.repositories import refresh_repositories

        bar = self._bar(0, "repository")
        with bar:

            def progress(done, total, name):
                bar.total = total
                bar.set_postfix_str(name[:40])
                bar.update(1)

            summary = refresh_repositories(progress=progress, sync=sync)
        self.stdout.write(
            f"Repositories: {summary.refreshed} refreshed, {summary.unchanged} unchanged, "
            f"{summary.failed} failed, {summary.rate_limited} rate-limited, {summary.skipped} skipped."
        )
