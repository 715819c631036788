"""Allocation speed: deferred acceptance on arrays, from 10,000 to a million candidates, against the
`matching` library (PyPI, its documented `HospitalResident` path). No database needed.

    python bench/matching.py           # N = 10k … 1M, and the library at 10k and 30k (about a minute)
    python bench/matching.py --quick   # N = 10k … 100k, the library at 10k

Rounds come from `gen.matching.synthetic.national_round` (reuse it for a round through the database):
N candidates with 1 to 5 wishes, N/10 sessions of 24 places, log-normal session popularity (σ = 1,
and σ = 2 for crowds on a few sessions), random call orders. Our time is the best of a few runs, from
arrays, with and without input validation; peak memory is what the solve allocates (tracemalloc).
The library's time is `create_from_dictionaries` + `solve`; building its dictionaries is not timed.
Targets: 1M candidates in ≤ 1 s and ≤ 1 GB; ≥ 1,000× the library at 30k.
"""

import sys
import threading
import time
import tracemalloc
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and `import matching` would import this
# very file instead of the library of that name.
sys.path = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import numpy as np  # noqa: E402
from matching.games import HospitalResident  # noqa: E402

from gen.matching.deferred_acceptance import deferred_acceptance  # noqa: E402
from gen.matching.synthetic import national_round  # noqa: E402

FULL = {
    "rounds": [
        (10_000, 1.0),
        (30_000, 1.0),
        (100_000, 1.0),
        (300_000, 1.0),
        (1_000_000, 1.0),
        (1_000_000, 2.0),
    ],
    "library": {10_000, 30_000},
}
QUICK = {"rounds": [(10_000, 1.0), (30_000, 1.0), (100_000, 1.0), (100_000, 2.0)], "library": {10_000}}


def best_time(instance, *, validate: bool, runs: int) -> tuple[float, object]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = deferred_acceptance(*instance.arrays, validate=validate)
        timings.append(time.perf_counter() - started)
    return min(timings), result


def peak_memory(instance) -> int:
    tracemalloc.start()
    try:
        deferred_acceptance(*instance.arrays)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def library(instance) -> tuple[float, np.ndarray]:
    """The library's time and allocation. Its deep copies recurse deeply: a big stack, in a thread."""
    resident_prefs, hospital_prefs, capacities = instance.preferences()
    assignment = np.full(len(resident_prefs), -1)

    def solve() -> float:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns about sessions without places
            started = time.perf_counter()
            game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
            matching = game.solve(optimal="resident")
            elapsed = time.perf_counter() - started
        for hospital, residents in matching.items():
            assignment[[resident.name for resident in residents]] = hospital.name
        return elapsed

    limit, stack = sys.getrecursionlimit(), threading.stack_size(1 << 30)
    sys.setrecursionlimit(1_000_000)
    try:
        with ThreadPoolExecutor(1) as executor:
            elapsed = executor.submit(solve).result()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(stack)
    return elapsed, assignment


def main(quick: bool) -> None:
    plan = QUICK if quick else FULL
    print(
        f"| {'N':>9} | {'wishes':>9} | {'σ':>3} | {'rounds':>6} | {'solve ms':>8} | {'+ checks ms':>11} "
        f"| {'peak MB':>7} | {'inputs MB':>9} | {'library s':>9} | {'× faster':>8} | same |"
    )
    print(
        f"|{'-' * 11}|{'-' * 11}|{'-' * 5}|{'-' * 8}|{'-' * 10}|{'-' * 13}|{'-' * 9}|{'-' * 11}|{'-' * 11}|{'-' * 10}|------|"
    )
    for candidates, sigma in plan["rounds"]:
        instance = national_round(candidates, sigma=sigma)
        runs = 3 if candidates >= 300_000 else 7
        solve, _ = best_time(instance, validate=False, runs=runs)
        checked, result = best_time(instance, validate=True, runs=runs)
        peak = peak_memory(instance)
        inputs = sum(array.nbytes for array in instance.arrays)
        versus = same = ""
        if candidates in plan["library"] and sigma == 1.0:
            elapsed, assignment = library(instance)
            versus = f"{elapsed:9.2f} | {elapsed / checked:7,.0f}×"
            same = "yes" if np.array_equal(assignment, result.assignment) else "NO"
        else:
            versus = f"{'':9} | {'':8}"
        print(
            f"| {candidates:>9,} | {len(instance.wish_session):>9,} | {sigma:>3.0f} | {result.rounds:>6} "
            f"| {solve * 1000:>8.1f} | {checked * 1000:>11.1f} | {peak / 2**20:>7.0f} | {inputs / 2**20:>9.0f} "
            f"| {versus} | {same:>4} |"
        )
    placed = (result.assignment >= 0).mean()
    print(f"\nLast round: {placed:.1%} of candidates placed, {result.full.mean():.1%} of sessions full.")
    print("Targets: 1M in ≤ 1 s and ≤ 1 GB (solve + checks, peak); ≥ 1,000× the library at 30k.")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
