"""Demo loader: harvest our recorded payloads (fixtures/harvest/) from a server on 127.0.0.1.

A newcomer running ``manage.py load_demo`` sees harvested events, news, jobs
and training at once, made by the real engine: a tiny threaded http.server
on 127.0.0.1 serves the recordings for the time of this step, the fetcher
may reach only that address (HARVEST_ALLOWED_NETWORKS = 127.0.0.1/32 here),
and each demo source is harvested once in-process.

The recordings are ours and their dates and details are made up (see
fixtures/harvest/README.md), so every demo source says "recorded demo
payload" in its name, which each harvested page shows, and has an address
under ``demo.invalid`` (a reserved name that never resolves): the demo
sources are approved but disabled, so no schedule ever tries to fetch them.
Idempotent: a second run gets 304s (the server honours If-Modified-Since)
and writes nothing.
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings
from django.test.utils import override_settings

from registry.collaborations.models import Collaboration
from registry.facilities.models import Facility

from .models import HarvestSource
from .run import harvest_source
from .schedules import sync_periodic_task

RECORDINGS = Path(settings.BASE_DIR) / "fixtures" / "harvest"
DEMO_HOST = "https://demo.invalid/recorded/"

# (owner: facility acronym or collaboration title, kind, target, recording, label)
DEMO_SOURCES = [
    ("ESRF", "ical", "events", "ical/facility-calendar.ics", "ESRF Indico calendar"),
    ("PSI", "indico", "events", "indico/category-export.json", "PSI Indico category"),
    ("SOLEIL", "jsonld", "events", "jsonld/event-page.html", "SOLEIL event page"),
    ("ILL", "rss", "news", "feeds/facility-news.rss", "ILL news feed"),
    ("Tango", "rss", "news", "feeds/collaboration-news.atom", "Tango Controls news (Atom)"),
    ("ESS", "rss", "jobs", "feeds/jobs.rss", "ESS vacancies feed"),
    ("Diamond", "jsonld", "jobs", "jsonld/job-posting.html", "Diamond vacancy page"),
    ("ESRF", "jsonld", "training", "jsonld/training-material.html", "ESRF training page"),
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # the step reports per source; no access log on the console


@contextmanager
def recordings_server():
    """Serve fixtures/harvest/ on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=str(RECORDINGS))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _owner(name: str) -> dict:
    facility = Facility.objects.filter(acronym=name).first()
    if facility is not None:
        return {"facility": facility}
    collaboration = Collaboration.objects.filter(title=name).first()
    if collaboration is not None:
        return {"collaboration": collaboration}
    raise ValueError(f"demo harvest source owner {name!r} is not in the demo data")


def ensure_demo_sources() -> list[HarvestSource]:
    sources = []
    for owner, kind, target, recording, label in DEMO_SOURCES:
        source, created = HarvestSource.objects.get_or_create(
            kind=kind,
            url=DEMO_HOST + recording,
            target=target,
            defaults={
                "name": f"{label} (recorded demo payload)",
                "approved": True,
                "trusted": True,
                "enabled": False,  # its address is not real: only this step fetches it
                **_owner(owner),
            },
        )
        if created:
            sync_periodic_task(source)
        sources.append(source)
    return sources


def load(*, stdout) -> None:
    sources = ensure_demo_sources()
    with recordings_server() as base, override_settings(HARVEST_ALLOWED_NETWORKS=["127.0.0.1/32"]):
        for source in sources:
            recording = source.url.removeprefix(DEMO_HOST)
            outcome = harvest_source(source.pk, force=True, fetch_url=base + recording)
            if outcome.result == "failed":
                raise ValueError(f"demo harvest of {source.name} failed: {outcome.detail}")
            counts = ", ".join(f"{v} {k}" for k, v in outcome.counts.items() if v)
            stdout.write(
                f"  {source.name}: {outcome.result}{' (' + counts + ')' if counts else ''}"
            )
