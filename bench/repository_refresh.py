"""What does a repository refresh cost: HTTP requests, 304s, time and database writes?

Serves the recorded silx GitHub answers (fixtures/github) under N repository
names from a loopback server, refreshes N catalogue entries twice in-process
(the first run reads everything, the second gets 304s), and prints per run:
requests, of which 304, requests that count against an authenticated GitHub
rate limit (everything but the 304s), wall time per repository, SQL queries
and writes. Runs on a database of its own, like bench/software_list.py:

    .venv/bin/python bench/repository_refresh.py [N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pan_repos .venv/bin/python bench/repository_refresh.py 50

Loopback answers come back in well under a millisecond: the time is ours
(PyGithub, the safe session, parsing, the database), not the network's. Real
GitHub adds its latency (~50-150 ms a call) plus REPOSITORY_SECONDS_BETWEEN_REQUESTS.
"""

import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/pan-registry-bench-repos.sqlite3")
os.environ["HARVEST_ALLOWED_NETWORKS"] = "127.0.0.1/32"
os.environ["REPOSITORY_SECONDS_BETWEEN_REQUESTS"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

COUNT = next((int(a) for a in sys.argv[1:] if a.isdigit()), 20)
WRITES = ("INSERT", "UPDATE", "DELETE")


def clone_silx(api, count):
    """The recorded silx answers, served again under bench/repo-<i> for each entry."""
    from tests.harvesters.repository_replay import Exchange

    api.load("github/silx-kit/silx")
    recorded = dict(api.exchanges)
    for i in range(count):
        for (path, query), exchange in recorded.items():
            new_path = path.replace("/repos/silx-kit/silx", f"/repos/bench/repo-{i}")
            api.exchanges[(new_path, query)] = Exchange(
                new_path, exchange.query, exchange.status, dict(exchange.headers), exchange.body
            )


def run(label, count, api):
    from harvesters.repositories import refresh_repositories

    api.forget()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        summary = refresh_repositories(sync=True)
        elapsed = time.perf_counter() - start
    writes = sum(
        1 for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    )
    counted = summary.requests - summary.not_modified
    print(
        f"{label:<12} {summary.requests:>8} {summary.not_modified:>6} {counted:>8} "
        f"{summary.requests / count:>8.1f} {elapsed / count * 1000:>9.1f} "
        f"{len(queries) / count:>9.1f} {writes / count:>7.1f}   {summary.counts()}"
    )


def main():
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    warnings.filterwarnings("ignore", message="No directory at")
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        from harvesters.repositories.hosts import set_repository_host
        from registry.core.site_setup import ensure_site
        from tests.harvesters.repository_replay import ReplayAPI
        from tests.software.factories import SoftwareEntryFactory

        ensure_site()
        api = ReplayAPI(server)
        clone_silx(api, COUNT)
        set_repository_host(name="github.com", kind="github", api_url=api.url)
        for i in range(COUNT):
            SoftwareEntryFactory(
                title=f"Bench {i:04d}", repository_url=f"https://github.com/bench/repo-{i}"
            )
        print(f"database: {connection.vendor}; {COUNT} GitHub repositories, in-process (sync)")
        print(
            f"{'run':<12} {'requests':>8} {'304':>6} {'counted':>8} {'req/repo':>8} "
            f"{'ms/repo':>9} {'SQL/repo':>9} {'writes':>7}"
        )
        run("first", COUNT, api)
        run("unchanged", COUNT, api)
    finally:
        server.stop()
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
