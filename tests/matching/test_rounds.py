"""A round on plain ids: the arrays and back, and faults named by their ids."""

import pytest

from gen.matching import allocate


def test_places_go_by_wishes_and_call_orders():
    result = allocate(
        capacity={"lens": 2, "lille": 1, "roubaix": 1},
        call_order={
            "lens": ["sofia", "amel", "quentin", "bruno"],
            "lille": ["bruno", "sofia", "chloe"],
            "roubaix": ["chloe", "quentin"],
        },
        wishes={
            "amel": ["lens"],
            "bruno": ["lille", "lens"],
            "sofia": ["lille", "lens"],
            "quentin": ["lens", "roubaix"],
            "chloe": ["roubaix", "lille"],
        },
    )
    # Lille keeps bruno over sofia, who then pushes quentin out of Lens; Roubaix calls chloe first.
    assert result.assignment == {
        "amel": "lens",
        "bruno": "lille",
        "sofia": "lens",
        "quentin": None,
        "chloe": "roubaix",
    }
    # Why quentin has nothing: both his wishes are full of candidates called before him.
    assert result.last_admitted == {"lens": "amel", "lille": "bruno", "roubaix": "chloe"}


def test_call_orders_may_hold_candidates_who_do_not_wish_the_session():
    result = allocate(
        capacity={1: 1, 2: 3},
        call_order={1: [30, 10, 20], 2: [20, 10]},
        wishes={10: [1], 20: [1, 2]},
    )
    assert result.assignment == {10: 1, 20: 2}
    assert result.last_admitted == {1: 10, 2: None}


@pytest.mark.parametrize(
    ("capacity", "call_order", "wishes", "message"),
    [
        ({"s": 1}, {"s": ["a"]}, {"a": ["t"]}, "candidate 'a' wishes session 't', which does not exist"),
        ({"s": 1}, {"s": ["a"]}, {"a": ["s", "s"]}, "candidate 'a' wishes session 's' twice"),
        (
            {"s": 1},
            {"s": ["b"]},
            {"a": ["s"]},
            "candidate 'a' wishes session 's' but is not in its call order",
        ),
        ({"s": 1}, {}, {"a": ["s"]}, "candidate 'a' wishes session 's' but is not in its call order"),
        ({"s": 1}, {"s": ["a", "b", "a"]}, {"a": ["s"]}, "session 's' calls candidate 'a' twice"),
        ({"s": -2}, {"s": []}, {}, r"session 's' has a negative capacity \(-2\)"),
        ({"s": 1.5}, {"s": []}, {}, "session 's' has a capacity of 1.5, not a whole number"),
        ({"s": 1}, {"s": [], "t": []}, {}, "session 't' has a call order but no capacity"),
    ],
)
def test_faults_are_named(capacity, call_order, wishes, message):
    with pytest.raises(ValueError, match=message):
        allocate(capacity=capacity, call_order=call_order, wishes=wishes)
