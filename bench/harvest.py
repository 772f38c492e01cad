"""What does a harvest cost: items per second, queries per item, and a 304 re-run?

Serves a generated iCal calendar of N one-hour seminars (our own, made up)
from a loopback server with an ETag, and harvests it in-process through the
engine three times: the first run creates N events; the second sends the
same payload without validators (every item hashed and found unchanged: no
write per item); the third is a conditional GET answered 304. Prints per
run: wall time, items per second, SQL queries and writes in all and per item,
and HTTP requests. Runs on a database of its own, like bench/repository_refresh.py:

    .venv/bin/python bench/harvest.py [N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pan_engine_bench .venv/bin/python bench/harvest.py 200
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/pan-registry-bench-harvest.sqlite3")
os.environ["HARVEST_ALLOWED_NETWORKS"] = "127.0.0.1/32"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

COUNT = next((int(a) for a in sys.argv[1:] if a.isdigit()), 100)
WRITES = ("INSERT", "UPDATE", "DELETE")


def calendar(count: int) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PaN Registry bench//EN"]
    for n in range(count):
        lines += [
            "BEGIN:VEVENT",
            f"UID:bench-{n}@bench.test",
            "DTSTAMP:20261001T000000Z",
            f"DTSTART;TZID=Europe/Paris:2027{1 + n // 28 % 12:02d}{1 + n % 28:02d}T090000",
            f"DTEND;TZID=Europe/Paris:2027{1 + n // 28 % 12:02d}{1 + n % 28:02d}T100000",
            f"SUMMARY:Bench seminar {n}",
            f"DESCRIPTION:Seminar number {n} on detectors\\, data and software.",
            "LOCATION:Auditorium",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def run(label, source_id, server, clock):
    from harvesters.engine.run import harvest_source

    before = len(server.log)
    seen = {"queries": 0, "writes": 0}

    def count(execute, sql, params, many, context):
        seen["queries"] += 1
        seen["writes"] += sql.lstrip().upper().startswith(WRITES)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        outcome = harvest_source(source_id, now=clock)
        elapsed = time.perf_counter() - start
    queries, writes = seen["queries"], seen["writes"]
    print(
        f"{label:<22} {outcome.result:<13} {elapsed:>7.2f} {COUNT / elapsed:>8.1f} "
        f"{queries:>7} {queries / COUNT:>7.2f} {writes:>7} {writes / COUNT:>7.2f} "
        f"{len(server.log) - before:>5}"
    )


def main():
    import datetime as dt
    import logging

    from pytest_httpserver import HTTPServer
    from werkzeug import Response

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        from harvesters.models import HarvestSource
        from registry.core.site_setup import ensure_site
        from tests.events.factories import FacilityFactory

        ensure_site()
        esrf = FacilityFactory(acronym="ESRF", slug="esrf", title="ESRF")
        body = calendar(COUNT)
        server.expect_request("/bench.ics", headers={"If-None-Match": '"bench"'}).respond_with_data(
            "", status=304, headers={"ETag": '"bench"'}
        )
        server.expect_request("/bench.ics").respond_with_response(
            Response(body, content_type="text/calendar", headers={"ETag": '"bench"'})
        )
        source = HarvestSource.objects.create(
            name="Bench calendar", kind="ical", url=server.url_for("/bench.ics"),
            target="events", facility=esrf, approved=True, trusted=True,
        )  # fmt: skip
        clock = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
        print(f"database: {connection.vendor}; {COUNT} events, in-process")
        print(
            f"{'run':<22} {'result':<13} {'seconds':>7} {'items/s':>8} {'SQL':>7} "
            f"{'SQL/it':>7} {'writes':>7} {'wr/it':>7} {'HTTP':>5}"
        )
        run("first (creates)", source.pk, server, clock)
        HarvestSource.objects.filter(pk=source.pk).update(etag="", last_modified="")
        run("same payload, no ETag", source.pk, server, clock)
        run("conditional GET (304)", source.pk, server, clock)
    finally:
        server.stop()
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
