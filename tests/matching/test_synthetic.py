"""Synthetic national rounds: the same for a seed, and valid input for the engine."""

import numpy as np

from gen.matching import deferred_acceptance
from gen.matching.synthetic import national_round


def test_a_round_is_the_same_for_a_seed_and_differs_between_seeds():
    first, again, other = (
        national_round(5000, seed=7),
        national_round(5000, seed=7),
        national_round(5000, seed=8),
    )
    for a, b in zip(first.arrays, again.arrays, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first.wish_session, other.wish_session)


def test_a_round_has_the_announced_shape():
    instance = national_round(20_000, sigma=2.0)
    wishes_per_candidate = np.diff(instance.wish_ptr)
    assert len(wishes_per_candidate) == 20_000
    assert wishes_per_candidate.min() == 1 and wishes_per_candidate.max() == 5
    assert instance.capacity.tolist() == [24] * 2000
    # Each session's ranks are the positions 0, 1, … of its call order.
    for session in (0, 1, int(np.argmax(np.bincount(instance.wish_session)))):
        ranks = np.sort(instance.wish_rank[instance.wish_session == session])
        np.testing.assert_array_equal(ranks, np.arange(len(ranks)))
    deferred_acceptance(*instance.arrays)  # validates: no repeated wish, strict call orders


def test_a_tiny_round_has_no_more_wishes_than_sessions():
    instance = national_round(25)
    assert np.diff(instance.wish_ptr).max() <= 2
    deferred_acceptance(*instance.arrays)
