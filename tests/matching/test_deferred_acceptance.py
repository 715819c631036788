"""Deferred acceptance on arrays: stable, candidate-optimal, the same as the textbook and the `matching` library."""

import sys
import threading
import warnings
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matching.games import HospitalResident

from gen.matching import deferred_acceptance
from gen.matching.synthetic import national_round

DETERMINISTIC = settings(derandomize=True, database=None, max_examples=400, deadline=None)


def textbook(wishes: list[list[int]], ranks: list[list[int]], capacity: list[int]) -> list[int]:
    """Gale–Shapley, candidates proposing one at a time, as in the textbooks."""
    following = [0] * len(wishes)
    held: list[list[tuple[int, int]]] = [[] for _ in capacity]  # (rank, candidate)
    free = deque(range(len(wishes)))
    while free:
        candidate = free.popleft()
        if following[candidate] == len(wishes[candidate]):
            continue
        session = wishes[candidate][following[candidate]]
        held[session].append((ranks[candidate][following[candidate]], candidate))
        if len(held[session]) > capacity[session]:
            worst = max(held[session])
            held[session].remove(worst)
            following[worst[1]] += 1
            free.append(worst[1])
    assignment = [-1] * len(wishes)
    for session, holding in enumerate(held):
        for _, candidate in holding:
            assignment[candidate] = session
    return assignment


def arrays(wishes, ranks, capacity):
    wish_ptr = np.cumsum([0] + [len(w) for w in wishes])
    return (
        wish_ptr,
        np.array([s for w in wishes for s in w], dtype=np.int64),
        np.array([r for rs in ranks for r in rs], dtype=np.int64),
        np.array(capacity, dtype=np.int64),
    )


@st.composite
def rounds(draw):
    sessions = draw(st.integers(1, 5))
    capacity = draw(st.lists(st.integers(0, 3), min_size=sessions, max_size=sessions))
    candidates = draw(st.integers(0, 14))
    wishes = [
        draw(st.lists(st.integers(0, sessions - 1), unique=True, max_size=sessions))
        for _ in range(candidates)
    ]
    # Each session's call order: distinct positions, with gaps (it may call people who did not wish it).
    ranks = [[0] * len(w) for w in wishes]
    for session in range(sessions):
        wishers = [(c, i) for c, w in enumerate(wishes) for i, s in enumerate(w) if s == session]
        positions = draw(
            st.lists(st.integers(0, 40), unique=True, min_size=len(wishers), max_size=len(wishers))
        )
        for (candidate, index), position in zip(wishers, positions, strict=True):
            ranks[candidate][index] = position
    return wishes, ranks, capacity


@DETERMINISTIC
@given(rounds())
def test_the_allocation_is_the_textbook_one_and_it_is_stable(instance):
    wishes, ranks, capacity = instance
    result = deferred_acceptance(*arrays(wishes, ranks, capacity))
    assignment = result.assignment.tolist()

    assert assignment == textbook(wishes, ranks, capacity)
    rank_at = [dict(zip(w, r, strict=True)) for w, r in zip(wishes, ranks, strict=True)]
    admitted = [[c for c, s in enumerate(assignment) if s == session] for session in range(len(capacity))]
    for session, holding in enumerate(admitted):
        assert len(holding) <= capacity[session]
        assert result.admitted[session] == len(holding)
        assert result.full[session] == (len(holding) == capacity[session])
        expected = max(rank_at[c][session] for c in holding) if result.full[session] and holding else -1
        assert result.cutoff[session] == expected
    for candidate, session in enumerate(assignment):
        assert session == -1 or session in wishes[candidate]
        better = wishes[candidate] if session == -1 else wishes[candidate][: wishes[candidate].index(session)]
        for wanted in better:
            # No blocking pair: every session the candidate prefers is full of candidates it ranks higher,
            # which is what the cut-off says.
            assert len(admitted[wanted]) == capacity[wanted]
            assert all(rank_at[c][wanted] < rank_at[candidate][wanted] for c in admitted[wanted])
            assert result.full[wanted] and rank_at[candidate][wanted] > result.cutoff[wanted]


def test_a_worked_example():
    # Session 0 (1 place) calls ana (0) before ben (1); session 1 (1 place) calls ben then ana.
    # Both wish session 0 first: it keeps ana; ben goes to session 1, his second wish.
    result = deferred_acceptance([0, 2, 4], [0, 1, 0, 1], [0, 1, 1, 0], [1, 1])
    assert result.assignment.tolist() == [0, 1]
    assert result.cutoff.tolist() == [0, 0]
    # With two places in session 0, ben gets his first wish and session 1 keeps a place.
    result = deferred_acceptance([0, 2, 4], [0, 1, 0, 1], [0, 1, 1, 0], [2, 1])
    assert result.assignment.tolist() == [0, 0]
    assert result.cutoff.tolist() == [1, -1]
    assert result.full.tolist() == [True, False]


def test_ranks_may_be_any_large_scores():
    # Past 2^62 for sessions × ranks × wishes, call orders are sorted another way: same answer.
    instance = national_round(2000, places=5)
    wish_ptr, wish_session, wish_rank, capacity = instance.arrays
    scores = wish_rank * 10**12 + 999
    result = deferred_acceptance(wish_ptr, wish_session, scores, capacity)
    expected = deferred_acceptance(*instance.arrays)
    np.testing.assert_array_equal(result.assignment, expected.assignment)
    np.testing.assert_array_equal(result.cutoff[expected.full], expected.cutoff[expected.full] * 10**12 + 999)
    with pytest.raises(ValueError, match="session 0 ranks candidates 0 and 1 both at 1000000000000000"):
        deferred_acceptance([0, 1, 2], [0, 0], [10**15, 10**15], [1])


def test_a_session_without_places_admits_nobody():
    result = deferred_acceptance([0, 2, 3], [0, 1, 0], [5, 0, 2], [0, 1])
    assert result.assignment.tolist() == [1, -1]
    assert result.full.tolist() == [True, True]
    assert result.cutoff.tolist() == [-1, 0]


def test_no_candidates_and_no_wishes():
    assert deferred_acceptance([0], [], [], [24]).assignment.tolist() == []
    assert deferred_acceptance([0, 0], [], [], []).assignment.tolist() == [-1]


def solve_with_the_library(instance) -> list[int]:
    """The `matching` library's documented path; its deep copies need a deep stack."""
    resident_prefs, hospital_prefs, capacities = instance.preferences()
    assignment = [-1] * len(resident_prefs)

    def solve():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns about sessions without places
            game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
            for hospital, residents in game.solve(optimal="resident").items():
                for resident in residents:
                    assignment[resident.name] = hospital.name

    limit, stack = sys.getrecursionlimit(), threading.stack_size(256 << 20)
    sys.setrecursionlimit(200_000)
    try:
        with ThreadPoolExecutor(1) as executor:
            executor.submit(solve).result()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(stack)
    return assignment


@pytest.mark.parametrize(
    ("candidates", "sigma", "places", "seed"),
    [(50, 1.0, 2, 1), (300, 2.0, 3, 2), (1000, 1.0, 5, 3), (3000, 2.0, 24, 4), (3000, 1.0, 24, 5)],
)
def test_same_allocation_as_the_matching_library(candidates, sigma, places, seed):
    instance = national_round(candidates, sigma=sigma, places=places, seed=seed)
    result = deferred_acceptance(*instance.arrays)
    assert result.assignment.tolist() == solve_with_the_library(instance)
    assert 0 < (result.assignment >= 0).sum() < candidates  # some competition: the check means something


@pytest.mark.parametrize(
    ("wish_ptr", "wish_session", "wish_rank", "capacity", "message"),
    [
        ([0, 2], [0, 0], [0, 1], [1], "candidate 0 wishes session 0 twice"),
        (
            [0, 1, 2],
            [0, 0],
            [3, 3],
            [1],
            "session 0 ranks candidates 0 and 1 both at 3: a call order is strict",
        ),
        ([0, 1], [0], [0], [-1], r"session 0 has a negative capacity \(-1\)"),
        (
            [0, 1, 2],
            [0, 2],
            [0, 0],
            [1, 1],
            r"candidate 1 wishes session 2, which is not a session index \(0..1\)",
        ),
        ([0, 1], [0], [-4], [1], r"candidate 0 has a negative rank \(-4\)"),
        ([1, 1], [0], [0], [1], "wish_ptr must start at 0 and never decrease"),
        ([0, 2, 1], [0, 0], [0, 1], [1], "wish_ptr must start at 0 and never decrease"),
        ([0, 2], [0], [0], [1], "wish_ptr ends at 2 but there are 1 sessions and 1 ranks of wishes"),
        ([0, 1], [0.5], [0], [1], "wish_session must be a one-dimensional array of integers"),
        ([0, 1], [0], [[0]], [1], "wish_rank must be a one-dimensional array of integers"),
    ],
)
def test_bad_input_is_refused(wish_ptr, wish_session, wish_rank, capacity, message):
    with pytest.raises(ValueError, match=message):
        deferred_acceptance(wish_ptr, wish_session, wish_rank, capacity)
