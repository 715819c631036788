"""Synthetic national rounds, deterministic from a seed, to benchmark and load-test allocation.

`national_round(1_000_000)`: a million candidates with 1 to 5 wishes each (uniform), a session of 24
places per 10 candidates, sessions drawn with a log-normal popularity (σ = 1; σ = 2 for a stress test
where a few sessions draw crowds), and each session's call order a random strict ranking of the
candidates who wish it. The arrays are those `deferred_acceptance` takes.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SyntheticRound:
    wish_ptr: np.ndarray  # (N + 1,) CSR offsets of each candidate's wishes, preferred first
    wish_session: np.ndarray  # (M,) session index of each wish
    wish_rank: np.ndarray  # (M,) the candidate's position in that session's call order
    capacity: np.ndarray  # (S,) places per session

    @property
    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        return self.wish_ptr, self.wish_session, self.wish_rank, self.capacity

    def preferences(self) -> tuple[dict[int, list[int]], dict[int, list[int]], dict[int, int]]:
        """The round as preference lists, as other solvers take it: each candidate's sessions (preferred
        first), each session's call order and places. Sessions nobody wishes are left out."""
        candidate = np.repeat(np.arange(len(self.wish_ptr) - 1), np.diff(self.wish_ptr))
        wishes = {c: [] for c in range(len(self.wish_ptr) - 1)}
        for c, session in zip(candidate.tolist(), self.wish_session.tolist(), strict=True):
            wishes[c].append(session)
        call_orders: dict[int, list[int]] = {}
        order = np.lexsort((self.wish_rank, self.wish_session))
        for session, c in zip(self.wish_session[order].tolist(), candidate[order].tolist(), strict=True):
            call_orders.setdefault(session, []).append(c)
        return wishes, call_orders, {session: int(self.capacity[session]) for session in call_orders}


def national_round(
    candidates: int,
    *,
    sigma: float = 1.0,
    seed: int = 2026,
    max_wishes: int = 5,
    candidates_per_session: int = 10,
    places: int = 24,
) -> SyntheticRound:
    rng = np.random.default_rng(seed)
    sessions = max(1, candidates // candidates_per_session)
    popularity = np.cumsum(rng.lognormal(0.0, sigma, sessions))
    counts = rng.integers(1, min(max_wishes, sessions) + 1, candidates)
    wish_ptr = np.concatenate(([0], np.cumsum(counts)))
    candidate = np.repeat(np.arange(candidates), counts)

    def draw(size: int) -> np.ndarray:
        picked = np.searchsorted(popularity, rng.random(size) * popularity[-1], side="right")
        return np.minimum(picked, sessions - 1)

    wish_session = draw(len(candidate))
    while True:  # draw again the wishes that repeat a session of the same candidate
        order = np.argsort(candidate * sessions + wish_session, kind="stable")
        keys = (candidate * sessions + wish_session)[order]
        repeated = order[1:][keys[1:] == keys[:-1]]
        if not repeated.size:
            break
        wish_session[repeated] = draw(repeated.size)

    # Call orders: sort each session's wishes by a random key; a wish's rank is its place in that order.
    order = np.lexsort((rng.random(len(wish_session)), wish_session))
    session_start = np.concatenate(([0], np.cumsum(np.bincount(wish_session, minlength=sessions))))
    wish_rank = np.empty(len(wish_session), dtype=np.intp)
    wish_rank[order] = np.arange(len(order)) - session_start[wish_session[order]]
    return SyntheticRound(
        wish_ptr=wish_ptr,
        wish_session=wish_session,
        wish_rank=wish_rank,
        capacity=np.full(sessions, places, dtype=np.intp),
    )
