"""Response time and query count of the foundation's public pages, uncached and cached.

Run on a database holding the demo data (after `make demo`, or `manage.py load_demo`):

    .venv/bin/python bench/pages.py [--repeat 20]

Prints one line per page: status, queries, median and 95th-percentile time
without the page cache, and median time when served from it. Figures only,
no pass/fail: compare them between changes.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings.dev")

import warnings  # noqa: E402

import django  # noqa: E402

# WhiteNoise warns about a missing STATIC_ROOT before collectstatic; not the point here.
warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from registry.core import page_cache  # noqa: E402

PATHS = [
    "/",
    "/collaborations/",
    "/collaborations/?category=hardware&facility=alba",
    "/collaborations/tango/",
    "/facilities/",
    "/facilities/?network=lens&kind=neutron",
    "/facilities/esrf/",
    "/search/?q=synchrotron",
]


def timed(client: Client, path: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path, HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    client = Client()
    print(f"{'page':52} {'status':>6} {'queries':>7} {'median':>8} {'p95':>8} {'cached':>8}")
    for path in PATHS:
        with override_settings(PAGE_CACHE_SECONDS=0, DEBUG=False):
            response = client.get(path, HTTP_HOST="127.0.0.1")
            # Django empties the query log when a request starts; start from empty too.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                client.get(path, HTTP_HOST="127.0.0.1")
            query_count = len(queries)  # read now: the log is emptied by the next request
            uncached = timed(client, path, args.repeat)
        with override_settings(PAGE_CACHE_SECONDS=300, DEBUG=False):
            page_cache.invalidate()
            client.get(path, HTTP_HOST="127.0.0.1")
            cached = timed(client, path, args.repeat)
        p95 = sorted(uncached)[int(0.95 * (len(uncached) - 1))]
        print(
            f"{path:52} {response.status_code:>6} {query_count:>7} "
            f"{statistics.median(uncached):>6.1f}ms {p95:>6.1f}ms {statistics.median(cached):>6.1f}ms"
        )


if __name__ == "__main__":
    main()
