"""The statistics dashboards on the stress demo: over 1,000,000 learners and 3,000,000 outcome records
(PostgreSQL).

    make bench    # or, on a database seeded with `gen seed-demo --scale stress`:
                  # DATABASE_URL=postgres://…/gen_bench .venv/bin/python bench/indicators.py

The stress scale's past cohorts (gen.demo.history) hold the million learners. Every run counts the
figures of every session again (`gen refresh-stats --apply`, timed), then times, over 20 runs each, the data
of the national and a regional dashboard (every figure, trend and comparison they show) and the
whole national page through Django. For comparison it also reads the national key figures straight
from the records (the definitions' own queries): what a dashboard without the session figures would
cost. Target: each dashboard's data in 300 ms or less.
"""

import datetime
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gen.settings.dev")
os.environ["DEBUG"] = "0"
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from gen.catalogue.models import Course  # noqa: E402
from gen.cohorts.models import Enrolment  # noqa: E402
from gen.demo.context import demo_organisations  # noqa: E402
from gen.outcomes.models import Outcome  # noqa: E402
from gen.stats import dashboards  # noqa: E402
from gen.stats.filters import Filters  # noqa: E402
from gen.stats.refresh import figures_refresh  # noqa: E402
from gen.stats.selectors import measure_sums_from_records  # noqa: E402

RUNS = 20
DIRECT_RUNS = 3
TARGET_MS = 300
REGION = "32"  # Hauts-de-France
YEAR = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def timings(function, runs: int) -> list[float]:
    function()  # warm the caches once, as a server in use has them
    result = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        result.append((time.perf_counter() - started) * 1000)
    return result


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("This benchmark runs on PostgreSQL: set DATABASE_URL.")
    learners = Enrolment.objects.count()
    if learners < 1_000_000:
        sys.exit(f"{learners:,} learners: seed the stress demo first (gen seed-demo --scale stress).")
    started = time.perf_counter()
    sessions = len(figures_refresh())
    refresh_seconds = time.perf_counter() - started
    outcomes = Outcome.objects.count()
    print(
        f"{learners:,} learners, {outcomes:,} outcome records, {sessions:,} sessions; "
        f"gen refresh-stats --apply: {refresh_seconds:.1f} s.\n"
    )
    # The first demo course's organisation has past cohorts (gen.demo.history gives them to the first).
    organisation = (
        Course.objects.filter(organisation__in=demo_organisations()).order_by("pk").first().organisation
    )
    client = Client()
    cases = [
        (
            "national dashboard, all years",
            lambda: dashboards.dashboard_data(Filters(), dashboards.NATIONAL),
            RUNS,
        ),
        (
            "national dashboard, 2024, métier M18",
            lambda: dashboards.dashboard_data(Filters(*YEAR, job_code="M18"), dashboards.NATIONAL),
            RUNS,
        ),
        (
            "regional dashboard (Hauts-de-France), all years",
            lambda: dashboards.dashboard_data(Filters(region_code=REGION), dashboards.REGIONAL),
            RUNS,
        ),
        (
            "regional dashboard (Hauts-de-France), 2024",
            lambda: dashboards.dashboard_data(Filters(*YEAR, region_code=REGION), dashboards.REGIONAL),
            RUNS,
        ),
        (
            "organisation dashboard, all years",
            lambda: dashboards.dashboard_data(
                Filters(organisation_id=organisation.pk), dashboards.ORGANISATION
            ),
            RUNS,
        ),
        ("national page /statistiques/ (whole request)", lambda: client.get("/statistiques/"), RUNS),
        (
            "without the figures: national key figures from the records",
            lambda: measure_sums_from_records(Filters()),
            DIRECT_RUNS,
        ),
        (
            "without the figures: regional key figures from the records",
            lambda: measure_sums_from_records(Filters(region_code=REGION)),
            DIRECT_RUNS,
        ),
    ]
    width = max(len(name) for name, _function, _runs in cases)
    print(f"| {'reading':<{width}} | runs | median ms |  p95 ms |")
    print(f"|{'-' * (width + 2)}|------|-----------|---------|")
    for name, function, runs in cases:
        values = timings(function, runs)
        print(f"| {name:<{width}} | {runs:>4} | {statistics.median(values):>9.1f} | {p95(values):>7.1f} |")
    print(f"\nTarget: each dashboard's data in {TARGET_MS} ms or less.")


if __name__ == "__main__":
    main()
