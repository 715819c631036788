"""A round on plain ids: sessions with places and call orders, candidates with wishes, in; places out.

    allocate(
        capacity={"lens-1": 24, "lille-1": 24},
        call_order={"lens-1": ["ana", "ben"], "lille-1": ["ben", "ana"]},
        wishes={"ana": ["lille-1", "lens-1"], "ben": ["lille-1"]},
    )

Ids are any hashable values. A session's call order may hold candidates who do not wish it (they are
ignored), but a candidate must be in the call order of every session they wish: a session cannot admit
someone it has not ranked, so that is an error, as are unknown sessions, repeated wishes, a candidate
called twice by a session and negative capacities (ValueError naming them). The arrays and the
algorithm are those of `gen.matching.deferred_acceptance`.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral

import numpy as np

from gen.matching.deferred_acceptance import deferred_acceptance


@dataclass(frozen=True)
class RoundResult:
    assignment: dict  # candidate id -> session id, or None when no wish could be granted
    last_admitted: dict  # session id -> its last admitted candidate when the session is full, else None


def allocate(
    *,
    capacity: Mapping[Hashable, int],
    call_order: Mapping[Hashable, Sequence[Hashable]],
    wishes: Mapping[Hashable, Sequence[Hashable]],
) -> RoundResult:
    sessions = list(capacity)
    for session, places in capacity.items():
        if isinstance(places, bool) or not isinstance(places, Integral):
            raise ValueError(f"session {session!r} has a capacity of {places!r}, not a whole number")
        if places < 0:
            raise ValueError(f"session {session!r} has a negative capacity ({places})")
    for session in call_order:
        if session not in capacity:
            raise ValueError(f"session {session!r} has a call order but no capacity")
    session_index = {session: index for index, session in enumerate(sessions)}
    rank = [_positions(session, call_order.get(session, ())) for session in sessions]
    candidates = list(wishes)
    wish_ptr, wish_session, wish_rank = [0], [], []
    for candidate in candidates:
        seen = set()
        for session in wishes[candidate]:
            if session not in session_index:
                raise ValueError(f"candidate {candidate!r} wishes session {session!r}, which does not exist")
            if session in seen:
                raise ValueError(f"candidate {candidate!r} wishes session {session!r} twice")
            seen.add(session)
            index = session_index[session]
            if candidate not in rank[index]:
                raise ValueError(
                    f"candidate {candidate!r} wishes session {session!r} but is not in its call order"
                )
            wish_session.append(index)
            wish_rank.append(rank[index][candidate])
        wish_ptr.append(len(wish_session))
    result = deferred_acceptance(
        np.array(wish_ptr, dtype=np.intp),
        np.array(wish_session, dtype=np.intp),
        np.array(wish_rank, dtype=np.intp),
        np.array([capacity[session] for session in sessions], dtype=np.intp),
    )
    assignment = {
        candidate: None if index < 0 else sessions[index]
        for candidate, index in zip(candidates, result.assignment.tolist(), strict=True)
    }
    last_admitted = {
        session: call_order[session][cutoff] if cutoff >= 0 else None
        for session, cutoff in zip(sessions, result.cutoff.tolist(), strict=True)
    }
    return RoundResult(assignment=assignment, last_admitted=last_admitted)


def _positions(session, call_order: Sequence) -> dict:
    positions = {}
    for position, candidate in enumerate(call_order):
        if candidate in positions:
            raise ValueError(f"session {session!r} calls candidate {candidate!r} twice")
        positions[candidate] = position
    return positions
