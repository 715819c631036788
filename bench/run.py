"""Run every benchmark and print its table: `make bench` (set DATABASE_URL for PostgreSQL).

matching.py needs no database and comes first."""

import runpy
import sys
from pathlib import Path

BENCHMARKS = [
    "matching.py",
    "catalogue_search.py",
    "admissions_round.py",
    "offers_expiry.py",
    "indicators.py",
    "outbox.py",
]

if __name__ == "__main__":
    here = Path(__file__).parent
    sys.path.insert(0, str(here.parent))
    for name in BENCHMARKS:
        print(f"\n### {name}\n")
        runpy.run_path(str(here / name), run_name="__main__")
