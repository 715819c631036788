"""Candidate-proposing deferred acceptance on compact arrays: a national round in about a second.

Input, for N candidates, M wishes and S sessions (integer arrays, any integer dtype):

- `wish_ptr` (N + 1): CSR offsets; candidate c's wishes are `wish_ptr[c]:wish_ptr[c + 1]`, preferred first;
- `wish_session` (M): the session index (0..S-1) of each wish;
- `wish_rank` (M): the candidate's position in that session's call order (0 = called first), so every
  session ranks its candidates strictly: no two wishes of a session may share a rank;
- `capacity` (S): places per session (0 allowed: the session admits nobody).

`deferred_acceptance(...)` returns an `Allocation`: the candidate-optimal stable matching, which is
unique, so the order in which candidates propose does not matter. That is why the rounds below are
parallel: all free candidates propose at once, each session keeps its best proposals up to capacity,
the rejected move on to their next wish. Sessions are read in call order ("session-major" positions,
computed once with one sort), so a round costs the proposals it carries plus a scan of the call order
of the sessions that overflow.

Why a candidate did not get a wish they preferred to their assignment: that session was full
(`full[s]`) with candidates called before them: their rank is above `cutoff[s]`. That holds for every
such wish, and explains the whole result.

`gen.matching.rounds.allocate` is the same on plain ids; `bench/matching.py` measures both against the
`matching` library.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Allocation:
    assignment: np.ndarray  # (N,) session index of each candidate, -1 when none
    admitted: np.ndarray  # (S,) number of candidates admitted by each session
    full: np.ndarray  # (S,) True when a session has no place left (capacity 0 included)
    cutoff: np.ndarray  # (S,) rank of the last admitted when the session is full, else -1
    rounds: int  # parallel proposal rounds it took (diagnostic)


def deferred_acceptance(wish_ptr, wish_session, wish_rank, capacity, *, validate: bool = True) -> Allocation:
    """Solve a round. With `validate=False` bad input gives a wrong answer instead of a ValueError."""
    wish_ptr = _integers("wish_ptr", wish_ptr)
    wish_session = _integers("wish_session", wish_session)
    wish_rank = _integers("wish_rank", wish_rank)
    capacity = _integers("capacity", capacity)
    if validate:
        _check_arrays(wish_ptr, wish_session, wish_rank, capacity)
    sessions = len(capacity)
    order, session_ptr = _session_major(wish_session, wish_rank, sessions)
    if validate:
        _check_ranks_unique(order, wish_ptr, wish_session, wish_rank)
        _check_wishes_unique(wish_ptr, wish_session, sessions)
    position = np.empty(len(order), dtype=np.intp)
    position[order] = np.arange(len(order))
    candidate_at = np.repeat(np.arange(len(wish_ptr) - 1), np.diff(wish_ptr))[order]
    current, rounds = _propose(wish_ptr, wish_session, position, candidate_at, session_ptr, capacity)
    return _allocation(wish_ptr, wish_session, wish_rank, capacity, current, rounds)


def _integers(name: str, values) -> np.ndarray:
    array = np.asarray(values)
    if array.size == 0:
        array = array.astype(np.intp)
    if array.ndim != 1 or not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"{name} must be a one-dimensional array of integers")
    return array.astype(np.intp, copy=False)


def _check_arrays(wish_ptr, wish_session, wish_rank, capacity) -> None:
    if len(wish_ptr) == 0 or wish_ptr[0] != 0 or np.any(np.diff(wish_ptr) < 0):
        raise ValueError("wish_ptr must start at 0 and never decrease")
    if wish_ptr[-1] != len(wish_session) or len(wish_rank) != len(wish_session):
        raise ValueError(
            f"wish_ptr ends at {wish_ptr[-1]} but there are {len(wish_session)} sessions "
            f"and {len(wish_rank)} ranks of wishes"
        )
    bad = np.flatnonzero(capacity < 0)
    if bad.size:
        raise ValueError(f"session {bad[0]} has a negative capacity ({capacity[bad[0]]})")
    bad = np.flatnonzero((wish_session < 0) | (wish_session >= len(capacity)))
    if bad.size:
        raise ValueError(
            f"candidate {_candidate_of(wish_ptr, bad[0])} wishes session {wish_session[bad[0]]}, "
            f"which is not a session index (0..{len(capacity) - 1})"
        )
    bad = np.flatnonzero(wish_rank < 0)
    if bad.size:
        raise ValueError(
            f"candidate {_candidate_of(wish_ptr, bad[0])} has a negative rank ({wish_rank[bad[0]]})"
        )


def _candidate_of(wish_ptr, wish: int) -> int:
    return int(np.searchsorted(wish_ptr, wish, side="right") - 1)


def _session_major(wish_session, wish_rank, sessions: int) -> tuple[np.ndarray, np.ndarray]:
    """Wish indices sorted by session then rank (each session's wishes in call order), and offsets."""
    session_ptr = np.zeros(sessions + 1, dtype=np.intp)
    np.cumsum(np.bincount(wish_session, minlength=sessions), out=session_ptr[1:])
    if len(wish_rank) == 0:
        return np.empty(0, dtype=np.intp), session_ptr
    ranks = int(wish_rank.max()) + 1
    wishes = len(wish_rank)
    if sessions * ranks * wishes < 2**62:
        # One packed key sorts several times faster than an argsort: key * M + index, index back by %.
        packed = (wish_session * ranks + wish_rank) * wishes + np.arange(wishes)
        packed.sort()
        return packed % wishes, session_ptr
    return np.lexsort((wish_rank, wish_session)), session_ptr


def _check_ranks_unique(order, wish_ptr, wish_session, wish_rank) -> None:
    ranks = wish_rank[order]
    sessions = wish_session[order]
    same = np.flatnonzero((ranks[1:] == ranks[:-1]) & (sessions[1:] == sessions[:-1]))
    if same.size:
        first, second = order[same[0]], order[same[0] + 1]
        raise ValueError(
            f"session {wish_session[first]} ranks candidates {_candidate_of(wish_ptr, first)} "
            f"and {_candidate_of(wish_ptr, second)} both at {wish_rank[first]}: a call order is strict"
        )


def _check_wishes_unique(wish_ptr, wish_session, sessions: int) -> None:
    candidate = np.repeat(np.arange(len(wish_ptr) - 1), np.diff(wish_ptr))
    keys = np.sort(candidate * sessions + wish_session)
    same = np.flatnonzero(keys[1:] == keys[:-1])
    if same.size:
        candidate, session = divmod(int(keys[same[0]]), sessions)
        raise ValueError(f"candidate {candidate} wishes session {session} twice")


def _propose(wish_ptr, wish_session, position, candidate_at, session_ptr, capacity):
    """Parallel proposal rounds; returns each candidate's current wish (wish_ptr[c + 1] when none left).

    A session holds the proposals at positions below `limit[s]` in its call order: the whole call
    order until it is full, then up to its last held candidate, so `limit` only moves up the order.
    """
    end = wish_ptr[1:]
    current = wish_ptr[:-1].copy()
    limit = np.where(capacity > 0, session_ptr[1:], session_ptr[:-1])
    held = np.zeros(len(capacity), dtype=np.intp)
    proposed = np.zeros(len(position), dtype=bool)
    free = np.flatnonzero(current < end)
    rounds = 0
    while free.size:
        rounds += 1
        wish = current[free]
        at, session = position[wish], wish_session[wish]
        inside = at < limit[session]
        losers = [free[~inside]]
        at, session = at[inside], session[inside]
        proposed[at] = True
        touched, arrived = np.unique(session, return_counts=True)
        total = held[touched] + arrived
        over = total > capacity[touched]
        held[touched] = np.minimum(total, capacity[touched])
        if over.any():
            overflowing = touched[over]
            rejected, limit[overflowing] = _trim(
                session_ptr[overflowing], limit[overflowing], capacity[overflowing], proposed
            )
            losers.append(candidate_at[rejected])
        losers = np.concatenate(losers)
        current[losers] += 1
        free = losers[current[losers] < end[losers]]
    return current, rounds


def _trim(start, stop, capacity, proposed) -> tuple[np.ndarray, np.ndarray]:
    """Scan the call orders start:stop of overflowing sessions: positions rejected, and new limits."""
    lengths = stop - start
    offsets = np.cumsum(lengths) - lengths
    at = np.arange(lengths.sum()) + np.repeat(start - offsets, lengths)
    holding = proposed[at]
    count = np.cumsum(holding)
    count -= np.repeat(count[offsets] - holding[offsets], lengths)
    places = np.repeat(capacity, lengths)
    rejected = at[holding & (count > places)]
    last_held = at[holding & (count == places)]
    return rejected, last_held + 1


def _allocation(wish_ptr, wish_session, wish_rank, capacity, current, rounds) -> Allocation:
    placed = np.flatnonzero(current < wish_ptr[1:])
    wish = current[placed]
    assignment = np.full(len(current), -1, dtype=np.intp)
    assignment[placed] = wish_session[wish]
    admitted = np.bincount(wish_session[wish], minlength=len(capacity))
    full = admitted >= capacity
    cutoff = np.full(len(capacity), -1, dtype=np.intp)
    np.maximum.at(cutoff, wish_session[wish], wish_rank[wish])
    cutoff[~full] = -1
    return Allocation(assignment=assignment, admitted=admitted, full=full, cutoff=cutoff, rounds=rounds)
