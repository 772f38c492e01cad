"""How fast is the software catalogue page with 40, 4,000 and 10,000 entries?

Prints, for each size, the SQL queries and the wall time of a few catalogue
requests (unfiltered, filtered and sorted, a later page). Runs on a database
of its own (a throw-away SQLite file, or `test_<name>` on PostgreSQL when
DATABASE_URL points there), never on yours:

    .venv/bin/python bench/software_list.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pan_software .venv/bin/python bench/software_list.py

Figures, not assertions: the test suite asserts the query count stays flat.
"""

import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/pan-registry-bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, reset_queries  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SIZES = tuple(int(a) for a in sys.argv[1:] if a.isdigit()) or (40, 4_000, 10_000)
URLS = (
    "/software/",
    "/software/?language=python&interface=library&maintenance=maintained&sort=stars",
    "/software/?facility=fac-a&sort=updated&page=5",
)
ROUNDS = 5


def measure(client, url):
    reset_queries()  # request_started clears the log too; start from empty
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    count = len(captured)
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]))
    if "--slowest" in sys.argv:
        print(f"      slowest query {float(slowest['time']) * 1000:.1f} ms: {slowest['sql'][:400]}")
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return count, statistics.median(times) * 1000


def main():
    warnings.filterwarnings("ignore", message="No directory at")
    setup_test_environment()
    # As Django's test cases do: keep one connection, so the query log survives requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from django.test import Client

        from registry.core.site_setup import ensure_site
        from tests.software.factories import FacilityFactory, bulk_entries

        ensure_site()
        facilities = [FacilityFactory(acronym="FAC-A"), FacilityFactory(acronym="FAC-B")]
        client = Client()
        made = 0
        print(f"database: {connection.vendor}; median of {ROUNDS} requests")
        print(f"{'entries':>8}  {'queries':>7}  {'ms':>8}  url")
        for size in SIZES:
            bulk_entries(size - made, facilities=facilities)
            made = size
            # A bulk insert leaves the planner's statistics stale; production tables are
            # analysed by autovacuum, so the bench measures with fresh statistics too.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            client.get("/software/")  # warm caches
            for url in URLS:
                queries, ms = measure(client, url)
                print(f"{size:>8}  {queries:>7}  {ms:>8.1f}  {url}")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
