"""The JSON documents of `gen matching`: answers, and every fault named with where it is."""

import json
from pathlib import Path

import pytest

from gen.matching.documents import DocumentError, allocate_document, call_order_document, load

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_the_examples_are_answered():
    assert call_order_document(load((EXAMPLES / "call-order.json").read_text())) == {
        "call_order": ["sofia", "quentin", "amel", "bruno", "samir", "jade", "chloe", "david"]
    }
    assert allocate_document(load((EXAMPLES / "allocate.json").read_text())) == {
        "assignment": {
            "amel": "lens-2027-1",
            "bruno": "lille-2027-1",
            "sofia": "lens-2027-1",
            "quentin": None,
            "chloe": "roubaix-2027-1",
        }
    }


def test_only_the_ranking_is_required_for_a_call_order():
    assert call_order_document({"ranking": [3, "b", 1]}) == {"call_order": [3, "b", 1]}


def test_integer_ids_come_back_as_integers_and_candidates_as_keys():
    document = {
        "sessions": [{"id": 7, "capacity": 1, "call_order": [2, 1]}],
        "candidates": [{"id": 1, "wishes": [7]}, {"id": 2, "wishes": [7]}, {"id": "x", "wishes": []}],
    }
    answer = allocate_document(document)
    assert answer == {"assignment": {"1": None, "2": 7, "x": None}}
    assert json.loads(json.dumps(answer)) == answer


CALL_ORDER_FAULTS = [
    ([], "the document must be a JSON object, not a list"),
    ({}, "the document has no 'ranking' key"),
    (
        {"ranking": [], "min_rate": {}},
        "the document has an unknown key 'min_rate' \\(expected ranking, groups",
    ),
    ({"ranking": "abc"}, "ranking must be a JSON list, not a string"),
    ({"ranking": ["a", None]}, r"ranking\[1\] must be an id \(a string or an integer\), not None"),
    ({"ranking": [1.5]}, r"ranking\[0\] must be an id \(a string or an integer\), not 1.5"),
    ({"ranking": [True]}, r"ranking\[0\] must be an id"),
    ({"ranking": [], "groups": ["a"]}, "groups must be a JSON object, not a list"),
    ({"ranking": [], "groups": {"p": "a"}}, "groups.p must be a JSON list, not a string"),
    ({"ranking": [], "min_rates": {"p": "20"}}, "min_rates.p must be a number, not '20'"),
    ({"ranking": [], "precedence": [1]}, r"precedence\[0\] must be the name of a public, not 1"),
    ({"ranking": ["a", "a"]}, "candidate 'a' appears twice in the ranking"),
    ({"ranking": [], "groups": {"p": []}, "min_rates": {"p": 20}}, "'p' has a minimum rate but is missing"),
    (
        {"ranking": [], "groups": {"p": []}, "min_rates": {"p": 120}, "precedence": ["p"]},
        "the minimum rate of 'p' must be between 0 and 100, not 120",
    ),
]


@pytest.mark.parametrize(("document", "message"), CALL_ORDER_FAULTS)
def test_call_order_faults(document, message):
    with pytest.raises(DocumentError, match=message):
        call_order_document(document)


def session(id="s", capacity=1, call_order=("a",)):
    return {"id": id, "capacity": capacity, "call_order": list(call_order)}


def candidate(id="a", wishes=("s",)):
    return {"id": id, "wishes": list(wishes)}


ALLOCATE_FAULTS = [
    ({"sessions": []}, "the document has no 'candidates' key"),
    ({"sessions": {}, "candidates": []}, "sessions must be a JSON list, not an object"),
    ({"sessions": [3], "candidates": []}, r"sessions\[0\] must be a JSON object, not a number"),
    ({"sessions": [{"id": "s", "capacity": 1}], "candidates": []}, r"sessions\[0\] has no 'call_order' key"),
    (
        {"sessions": [{**session(), "name": "Lens"}], "candidates": []},
        r"sessions\[0\] has an unknown key 'name' \(expected id, capacity, call_order\)",
    ),
    ({"sessions": [session(id=None)], "candidates": []}, r"sessions\[0\].id must be an id"),
    (
        {"sessions": [session(capacity="24")], "candidates": []},
        r"sessions\[0\].capacity must be a whole number",
    ),
    (
        {"sessions": [session(capacity=2.0)], "candidates": []},
        r"sessions\[0\].capacity must be a whole number",
    ),
    ({"sessions": [session(capacity=-1)], "candidates": []}, r"session 's' has a negative capacity \(-1\)"),
    ({"sessions": [session(), session()], "candidates": []}, "session 's' appears twice in sessions"),
    (
        {"sessions": [session(call_order=["a", "a"])], "candidates": []},
        "session 's' calls candidate 'a' twice",
    ),
    (
        {"sessions": [session(call_order=[{}])], "candidates": []},
        r"sessions\[0\].call_order\[0\] must be an id",
    ),
    ({"sessions": [session()], "candidates": [candidate(), candidate()]}, "candidate 'a' appears twice"),
    (
        {"sessions": [session()], "candidates": [candidate(id=1, wishes=[]), candidate(id="1", wishes=[])]},
        "candidates 1 and '1' would share the key '1' in the answer",
    ),
    ({"sessions": [session()], "candidates": [{"id": "a"}]}, r"candidates\[0\] has no 'wishes' key"),
    (
        {"sessions": [session()], "candidates": [{"id": "a", "wishes": "s"}]},
        r"candidates\[0\].wishes must be a JSON list",
    ),
    (
        {"sessions": [session()], "candidates": [candidate(wishes=["t"])]},
        "wishes session 't', which does not exist",
    ),
    (
        {"sessions": [session()], "candidates": [candidate(wishes=["s", "s"])]},
        "candidate 'a' wishes session 's' twice",
    ),
    (
        {"sessions": [session(call_order=[])], "candidates": [candidate()]},
        "candidate 'a' wishes session 's' but is not in its call order",
    ),
]


@pytest.mark.parametrize(("document", "message"), ALLOCATE_FAULTS)
def test_allocate_faults(document, message):
    with pytest.raises(DocumentError, match=message):
        allocate_document(document)


def test_text_that_is_not_json():
    with pytest.raises(DocumentError, match=r"not JSON: Expecting value: line 1 column 1 \(char 0\)"):
        load("sessions: []")
