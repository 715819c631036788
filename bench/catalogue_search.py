"""Catalogue search speed on the `stress` data: 200 mixed searches, in the server and through HTTP.

    make bench    # creates and fills the gen_bench database the first time

The database must hold the reference data and `gen seed-demo --scale stress` (20,000 courses,
100,000 sessions). Server time is the whole Django request (query, template) in process; HTTP time
adds a real gunicorn worker on the loopback. Target: p95 <= 50 ms.
"""

import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gen.settings.dev")
os.environ["DEBUG"] = "0"
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from gen.catalogue.forms import CourseSearchForm  # noqa: E402
from gen.catalogue.models import Course, Job  # noqa: E402
from gen.catalogue.selectors import search_courses  # noqa: E402
from gen.territories.models import Commune  # noqa: E402

SEARCHES = 200
WORDS = [
    "developpeur",
    "cybersécurité",
    "data",
    "réseaux",
    "web",
    "médiateur numérique",
    "objets connectés",
    "designer",
    "technicien",
    "développeuse mobile",
    "devloppeur",
    "java",
    "community manager",
    "agriculture",
]


def mixed_searches(rng: random.Random) -> list[dict]:
    towns = list(Commune.objects.order_by("-population").values_list("name", flat=True)[:200])
    jobs = list(Job.objects.filter(courses__isnull=False).distinct().values_list("code", flat=True))
    searches = []
    for index in range(SEARCHES):
        params: dict = {}
        kind = index % 5
        if kind in (0, 3):
            params["q"] = rng.choice(WORDS)
        if kind in (1, 3):
            params["lieu"], params["distance"] = rng.choice(towns), rng.choice([10, 20, 30, 50, 100])
        if kind == 2:
            params["metier"] = rng.choice(jobs)
            params["places"] = "on"
        if kind == 4:
            params["debut_apres"] = "2027-01-01"
            params["debut_avant"] = "2027-06-30"
            params["modalite"] = rng.choice(["in_person", "mixed", "remote"])
        if rng.random() < 0.2:
            params["page"] = 2
        searches.append(params)
    return searches


def percentiles(timings: list[float]) -> tuple[float, float, float]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


def time_server(searches: list[dict]) -> list[float]:
    client = Client()
    client.get("/formations/")  # warm-up: connection, templates, translations
    timings = []
    for params in searches:
        started = time.perf_counter()
        response = client.get("/formations/", params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return timings


def time_http(searches: list[dict], port: int = 8765) -> list[float]:
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "0"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "gen.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--env",
            "DJANGO_SETTINGS_MODULE=gen.settings.dev",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}/formations/"
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        timings = []
        for params in searches:
            started = time.perf_counter()
            with urllib.request.urlopen(f"{base}?{urlencode(params)}", timeout=10) as response:
                response.read()
            timings.append((time.perf_counter() - started) * 1000)
        return timings
    finally:
        server.terminate()
        server.wait(timeout=10)


def explain_sample() -> str:
    form = CourseSearchForm({"q": "développeur web", "lieu": "Lyon", "distance": "50"})
    form.is_valid()
    queryset = search_courses(form.to_search())[:20]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    courses = Course.objects.count()
    if courses < 10_000:
        sys.exit(f"Only {courses} courses: load the stress data first (gen seed-demo --scale stress).")
    with connection.cursor() as cursor:
        # Fresh bulk loads leave the visibility map unset: index-only scans need a vacuum first.
        cursor.execute("VACUUM ANALYZE catalogue_course, catalogue_session, labelling_label")
    searches = mixed_searches(random.Random(2026))
    server = time_server(searches)
    http = time_http(searches)
    print(f"{connection.vendor}, {courses:,} courses, {SEARCHES} mixed searches (words, distance, filters)\n")
    print(f"| {'measure':<22} | {'p50 ms':>7} | {'p95 ms':>7} | {'max ms':>7} |")
    print(f"|{'-' * 24}|{'-' * 9}|{'-' * 9}|{'-' * 9}|")
    for name, timings in (("server (Django view)", server), ("HTTP (gunicorn, 2 w.)", http)):
        p50, p95, worst = percentiles(timings)
        print(f"| {name:<22} | {p50:7.1f} | {p95:7.1f} | {worst:7.1f} |")
    print(f"\nTarget p95 <= 50 ms. Plan of one search (words + 50 km around Lyon):\n\n{explain_sample()}")


if __name__ == "__main__":
    main()
