"""Call order with minimum rates: worked examples, the rule stated naively, and its properties."""

import itertools
import math
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gen.matching import call_order

DETERMINISTIC = settings(derandomize=True, database=None, max_examples=300, deadline=None)


def test_one_public_parcoursup_example():
    # 20% of scholarship holders ("boursiers"), who are ranked 6th and 9th.
    ranking = ["a1", "a2", "a3", "a4", "a5", "b6", "a7", "a8", "b9", "a10"]
    # k=1: 0 holders called < 0.2 × 1 -> binding: the best holder, b6.
    # k=2 to 5: 1 < 0.4, 0.6, 0.8, 1.0 is false -> the best remaining: a1, a2, a3, a4.
    # k=6: 1 < 1.2 -> binding: b9.
    # k=7 to 10: 2 < 1.4 … 2.0 is false -> the ranking: a5, a7, a8, a10.
    assert call_order(ranking, {"scholarship": ["b6", "b9"]}, {"scholarship": 20}, ["scholarship"]) == [
        "b6",
        "a1",
        "a2",
        "a3",
        "a4",
        "b9",
        "a5",
        "a7",
        "a8",
        "a10",
    ]


TWO_PUBLICS = {
    "ranking": ["amel", "bruno", "sofia", "quentin", "chloe", "samir", "jade", "david"],
    "groups": {"scholarship": ["sofia", "samir"], "qpv": ["quentin", "jade"]},
    "min_rates": {"scholarship": 25, "qpv": 25},
}


def test_two_publics_precedence_decides_who_goes_first():
    # k=1: both publics binding (0 < 0.25) and nobody is in both: drop the lower one (qpv) -> sofia.
    # k=2: scholarship 1 < 0.5 false, qpv 0 < 0.5 binding -> quentin.
    # k=3, 4: 1 < 0.75, 1 < 1.0 false for both -> amel, bruno.
    # k=5: both binding again (1 < 1.25), nobody in both -> drop qpv -> samir.
    # k=6: qpv 1 < 1.5 binding -> jade; k=7, 8: chloe, david.
    assert call_order(**TWO_PUBLICS, precedence=["scholarship", "qpv"]) == [
        "sofia",
        "quentin",
        "amel",
        "bruno",
        "samir",
        "jade",
        "chloe",
        "david",
    ]
    # The other precedence swaps the pairs at k=1, 2 and k=5, 6.
    assert call_order(**TWO_PUBLICS, precedence=["qpv", "scholarship"]) == [
        "quentin",
        "sofia",
        "amel",
        "bruno",
        "jade",
        "samir",
        "chloe",
        "david",
    ]


def test_a_candidate_of_every_binding_public_goes_first():
    # k=1: both binding; sq belongs to both -> sq, though ranked 6th, whatever the precedence.
    # k=2, 3, 4: nothing binding (1 < 0.5, 0.75, 1.0 false) -> a, b, s.
    # k=5: scholarship 2 < 1.25 false, qpv 1 < 1.25 binding -> q; then c, d, e.
    ranking = ["a", "b", "s", "q", "c", "sq", "d", "e"]
    groups = {"scholarship": ["s", "sq"], "qpv": ["q", "sq"]}
    rates = {"scholarship": 25, "qpv": 25}
    expected = ["sq", "a", "b", "s", "q", "c", "d", "e"]
    assert call_order(ranking, groups, rates, ["scholarship", "qpv"]) == expected
    assert call_order(ranking, groups, rates, ["qpv", "scholarship"]) == expected


def test_constraints_are_dropped_one_at_a_time_from_the_lowest_precedence():
    # k=1: A, B and C all binding (0 < 0.5); nobody is in all three. Dropping C leaves A and B: ab
    # qualifies, so ab goes first though ac is ranked better (dropping B too would have chosen ac).
    ranking = ["ac", "ab", "x"]
    groups = {"A": ["ac", "ab"], "B": ["ab"], "C": ["ac"]}
    rates = {"A": 50, "B": 50, "C": 50}
    assert call_order(ranking, groups, rates, ["A", "B", "C"]) == ["ab", "ac", "x"]
    # k=2 there: A 1 < 1.0 false, B 1 < 1.0 false, C 0 < 1.0 binding -> ac.
    assert call_order(ranking, groups, rates, ["A", "C", "B"]) == ["ac", "ab", "x"]


def test_a_public_that_runs_out_binds_no_more():
    # 50% of women, only one: she goes first, then the ranking as it is.
    ranking = ["m1", "m2", "w3", "m4"]
    assert call_order(ranking, {"women": ["w3"]}, {"women": 50}, ["women"]) == ["w3", "m1", "m2", "m4"]


def test_rates_are_compared_exactly():
    # 28% of 25 is exactly 7, but 0.28 * 25 == 7.000000000000001 in floating point, which would make the
    # rate binding at k=25 with 7 members called already. Exactly, the 25th called is not a member.
    ranking = list(range(30))
    members = list(range(20, 30))
    for rate in (28, 28.0, Decimal("28"), Fraction(28)):
        called = call_order(ranking, {"p": members}, {"p": rate}, ["p"])
        assert sum(candidate in members for candidate in called[:25]) == 7
        assert sum(candidate in members for candidate in called[:24]) == 7


def test_float_rates_are_read_as_decimals():
    # 33.3% exactly: at k=10, 3 called < 3.33 -> binding. (As a binary float 33.3 is a hair below 33.3,
    # which does not change this case; the point is that 33.3 behaves as 333/1000 everywhere.)
    ranking = [f"a{i}" for i in range(12)] + ["p1", "p2", "p3", "p4", "p5"]
    called = call_order(ranking, {"p": ["p1", "p2", "p3", "p4", "p5"]}, {"p": 33.3}, ["p"])
    assert called == call_order(
        ranking, {"p": ["p1", "p2", "p3", "p4", "p5"]}, {"p": Fraction(333, 10)}, ["p"]
    )
    assert [candidate for candidate in called[:10] if candidate.startswith("p")] == ["p1", "p2", "p3", "p4"]


def test_members_who_did_not_apply_are_ignored_and_publics_without_rate_too():
    ranking = ["a", "b", "c"]
    groups = {"women": ["c", "zoe"], "young": ["a"]}
    assert call_order(ranking, groups, {"women": 100}, ["women"]) == ["c", "a", "b"]
    assert call_order(ranking, groups, {}, []) == ranking
    assert call_order([], groups, {"women": 50}, ["women"]) == []


@pytest.mark.parametrize(
    ("ranking", "groups", "min_rates", "precedence", "message"),
    [
        (["a", "b", "a"], {}, {}, [], "candidate 'a' appears twice in the ranking"),
        (["a"], {"p": []}, {"p": 10}, ["p", "p"], "public 'p' appears twice in the precedence"),
        (["a"], {}, {"p": 10}, ["p"], "public 'p' has a minimum rate but no group of candidates"),
        (["a"], {"p": []}, {"p": 10}, [], "public 'p' has a minimum rate but is missing from the precedence"),
        (["a"], {"p": []}, {"p": 101}, ["p"], "the minimum rate of 'p' must be between 0 and 100, not 101"),
        (["a"], {"p": []}, {"p": -1}, ["p"], "the minimum rate of 'p' must be between 0 and 100, not -1"),
        (["a"], {"p": []}, {"p": float("nan")}, ["p"], "must be between 0 and 100, not nan"),
        (["a"], {"p": []}, {"p": "20"}, ["p"], "the minimum rate of 'p' must be a number, not '20'"),
        (["a"], {"p": []}, {"p": True}, ["p"], "the minimum rate of 'p' must be a number, not True"),
    ],
)
def test_bad_input_is_refused(ranking, groups, min_rates, precedence, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        call_order(ranking, groups, min_rates, precedence)


def naive_call_order(ranking, groups, min_rates, precedence):
    """The rule word for word, with no care for speed."""
    called = []
    for k in range(1, len(ranking) + 1):
        remaining = [candidate for candidate in ranking if candidate not in called]
        binding = [
            public
            for public in precedence
            if public in min_rates
            and sum(candidate in groups[public] for candidate in called)
            < Fraction(min_rates[public]) / 100 * k
            and any(candidate in groups[public] for candidate in remaining)
        ]
        while True:
            satisfying = [c for c in remaining if all(c in groups[public] for public in binding)]
            if satisfying:
                called.append(satisfying[0])
                break
            binding.pop()  # the lowest precedence
    return called


RATES = [0, 5, 10, 12.5, 20, 25, Fraction(100, 3), 40, 50, 66, 75, 100]


def test_same_as_the_naive_rule_on_thousands_of_random_cases():
    rng = random.Random(2026)
    for _ in range(3000):
        size = rng.randint(0, 9)
        publics = ["p", "q", "r"][: rng.randint(1, 3)]
        ranking = rng.sample(range(100), size)
        groups = {public: {c for c in ranking if rng.random() < rng.random()} for public in publics}
        min_rates = {public: rng.choice(RATES) for public in publics if rng.random() < 0.9}
        precedence = rng.sample(publics, len(publics))
        assert call_order(ranking, groups, min_rates, precedence) == naive_call_order(
            ranking, groups, min_rates, precedence
        ), (ranking, groups, min_rates, precedence)


def test_same_as_the_naive_rule_on_every_two_public_membership_up_to_six_candidates():
    for size in range(7):
        ranking = list(range(size))
        for memberships in itertools.product(range(4), repeat=size):  # bit 0: p, bit 1: q
            groups = {
                "p": {c for c in ranking if memberships[c] & 1},
                "q": {c for c in ranking if memberships[c] & 2},
            }
            for rates in ({"p": 30, "q": 50}, {"p": 50, "q": 50}, {"p": 100, "q": 20}):
                assert call_order(ranking, groups, rates, ["p", "q"]) == naive_call_order(
                    ranking, groups, rates, ["p", "q"]
                )


@st.composite
def sessions(draw, publics=("p", "q", "r")):
    ranking = draw(st.lists(st.integers(0, 10_000), unique=True, max_size=60))
    chosen = draw(st.lists(st.sampled_from(publics), unique=True, min_size=1))
    groups = {public: draw(st.sets(st.sampled_from(ranking))) if ranking else set() for public in chosen}
    rates = {public: draw(st.fractions(0, 100) | st.integers(0, 100)) for public in chosen}
    return ranking, groups, rates, draw(st.permutations(chosen))


@DETERMINISTIC
@given(sessions())
def test_the_call_order_is_a_permutation_of_the_ranking(session):
    ranking, groups, rates, precedence = session
    assert sorted(call_order(ranking, groups, rates, precedence)) == sorted(ranking)


@DETERMINISTIC
@given(sessions())
def test_without_rates_the_call_order_is_the_ranking(session):
    ranking, groups, _, precedence = session
    assert call_order(ranking, groups, {}, []) == ranking
    assert call_order(ranking, groups, dict.fromkeys(groups, 0), precedence) == ranking


@DETERMINISTIC
@given(sessions())
def test_the_public_of_highest_precedence_always_has_its_share(session):
    # For every k, at least ceil(rate × k) of the first k called are of the first public, or all of it;
    # with one public alone, and with lower publics competing.
    ranking, groups, rates, precedence = session
    top = precedence[0]
    for publics in ([top], precedence):
        called = call_order(ranking, groups, {p: rates[p] for p in publics}, publics)
        rate = Fraction(rates[top]) / 100
        count = 0
        for k, candidate in enumerate(called, start=1):
            count += candidate in groups[top]
            assert count >= min(math.ceil(rate * k), len(groups[top]))
