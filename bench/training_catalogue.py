"""Figures for the training catalogue: queries and milliseconds per request as it grows.

    .venv/bin/python bench/training_catalogue.py [--sizes 10 100 400] [--repeat 5]

Runs against a throwaway test database (created and dropped here, of the
kind DATABASE_URL names), never against your data. Prints, for each
catalogue size, the query count and the median time of the catalogue page
(unfiltered, filtered, searched), a material page and the Atom feed.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def populate(count: int, already: int) -> None:
    from registry.core.site_setup import ensure_child
    from registry.facilities.models import Facility, FacilityIndexPage
    from registry.training.models import Audience, TrainingIndexPage, TrainingMaterial
    from registry.vocabularies.models import Technique

    index = TrainingIndexPage.objects.get()
    facility = Facility.objects.filter(acronym="BENCH").first()
    if facility is None:
        facility = ensure_child(
            FacilityIndexPage.objects.get(), Facility, slug="bench", title="Bench facility",
            acronym="BENCH", country="France", country_code="FR", city="Grenoble",
        )  # fmt: skip
    audiences = list(Audience.objects.all())
    techniques = list(Technique.objects.all()[:5])
    types = [t for t, _ in TrainingMaterial.Type.choices]
    for n in range(already, count):
        material = TrainingMaterial(
            title=f"Bench material {n}",
            slug=f"bench-material-{n}",
            summary="Synthetic entry of the benchmark database.",
            material_type=types[n % len(types)],
            resource_url=f"https://bench.invalid/{n}",
            providing_facility=facility,
        )
        material.audiences = audiences[: 1 + n % len(audiences)]
        material.techniques = techniques[: n % 3]
        index.add_child(instance=material)


def measure(client: Client, url: str, repeat: int) -> tuple[int, float]:
    client.get(url)  # warm caches
    times, queries = [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return queries, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 400])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from registry.core.site_setup import ensure_site
        from registry.training.models import TrainingMaterial

        ensure_site()
        client = Client()
        print(f"database: {connection.vendor}")
        print(f"{'materials':>9}  {'page':<36} {'queries':>7} {'median ms':>9}")
        have = 0
        for size in sorted(args.sizes):
            populate(size, have)
            have = size
            sample = TrainingMaterial.objects.live().first()
            for label, url in [
                ("catalogue", "/training/"),
                (
                    "catalogue, 2 facets + sort",
                    "/training/?type=tutorial&audience=student&sort=newest",
                ),
                ("catalogue, search", "/training/?q=bench"),
                ("material page", sample.url),
                ("Atom feed", "/training/feed/atom/"),
            ]:
                queries, ms = measure(client, url, args.repeat)
                print(f"{size:>9}  {label:<36} {queries:>7} {ms:>9.1f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
