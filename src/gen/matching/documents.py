"""The JSON documents of `gen matching call-order` and `gen matching allocate`, read and answered.

Call order (example: `docs/examples/call-order.json`)::

    {"ranking": [ids, best first], "groups": {"public": [ids]},
     "min_rates": {"public": percent}, "precedence": ["public", ...]}
    -> {"call_order": [ids]}

Only "ranking" is required. Allocation (example: `docs/examples/allocate.json`)::

    {"sessions": [{"id": ..., "capacity": n, "call_order": [candidate ids]}],
     "candidates": [{"id": ..., "wishes": [session ids, preferred first]}]}
    -> {"assignment": {"candidate id": session id or null}}

Ids are strings or integers and come back as given (as object keys, candidate ids become strings).
Unknown keys are refused, so that a misspelt key cannot be silently ignored. Every fault raises a
`DocumentError` (a ValueError) that says where it is; nothing is computed from a faulty document.
"""

import json
from typing import Any

from gen.matching.call_order import call_order
from gen.matching.rounds import allocate


class DocumentError(ValueError):
    pass


def load(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(f"not JSON: {error}") from error


def call_order_document(document: Any) -> dict:
    fields = _record(
        document, "the document", required=("ranking",), optional=("groups", "min_rates", "precedence")
    )
    ranking = _ids(fields["ranking"], "ranking")
    groups = _object(fields.get("groups", {}), "groups")
    groups = {public: _ids(members, f"groups.{public}") for public, members in groups.items()}
    min_rates = _object(fields.get("min_rates", {}), "min_rates")
    for public, rate in min_rates.items():
        if isinstance(rate, bool) or not isinstance(rate, int | float):
            raise DocumentError(f"min_rates.{public} must be a number, not {rate!r}")
    precedence = _list(fields.get("precedence", []), "precedence")
    for position, public in enumerate(precedence):
        if not isinstance(public, str):
            raise DocumentError(f"precedence[{position}] must be the name of a public, not {public!r}")
    try:
        return {"call_order": call_order(ranking, groups, min_rates, precedence)}
    except ValueError as error:
        raise DocumentError(str(error)) from error


def allocate_document(document: Any) -> dict:
    fields = _record(document, "the document", required=("sessions", "candidates"))
    capacity, call_orders = {}, {}
    for position, entry in enumerate(_list(fields["sessions"], "sessions")):
        where = f"sessions[{position}]"
        session = _record(entry, where, required=("id", "capacity", "call_order"))
        session_id = _id(session["id"], f"{where}.id")
        if session_id in capacity:
            raise DocumentError(f"session {session_id!r} appears twice in sessions")
        places = session["capacity"]
        if isinstance(places, bool) or not isinstance(places, int):
            raise DocumentError(f"{where}.capacity must be a whole number, not {places!r}")
        capacity[session_id] = places
        call_orders[session_id] = _ids(session["call_order"], f"{where}.call_order")
    wishes, keys = {}, {}
    for position, entry in enumerate(_list(fields["candidates"], "candidates")):
        where = f"candidates[{position}]"
        candidate = _record(entry, where, required=("id", "wishes"))
        candidate_id = _id(candidate["id"], f"{where}.id")
        if candidate_id in wishes:
            raise DocumentError(f"candidate {candidate_id!r} appears twice in candidates")
        if str(candidate_id) in keys:
            raise DocumentError(
                f"candidates {keys[str(candidate_id)]!r} and {candidate_id!r} would share "
                f"the key {str(candidate_id)!r} in the answer"
            )
        keys[str(candidate_id)] = candidate_id
        wishes[candidate_id] = _ids(candidate["wishes"], f"{where}.wishes")
    try:
        result = allocate(capacity=capacity, call_order=call_orders, wishes=wishes)
    except ValueError as error:
        raise DocumentError(str(error)) from error
    return {"assignment": {str(candidate): session for candidate, session in result.assignment.items()}}


def _object(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise DocumentError(f"{where} must be a JSON object, not {_kind(value)}")
    return value


def _record(value: Any, where: str, *, required: tuple, optional: tuple = ()) -> dict:
    """A JSON object with the `required` keys, and no key but these and the `optional` ones."""
    record = _object(value, where)
    for key in required:
        if key not in record:
            raise DocumentError(f"{where} has no {key!r} key")
    allowed = (*required, *optional)
    for key in record:
        if key not in allowed:
            raise DocumentError(f"{where} has an unknown key {key!r} (expected {', '.join(allowed)})")
    return record


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise DocumentError(f"{where} must be a JSON list, not {_kind(value)}")
    return value


def _ids(value: Any, where: str) -> list:
    return [_id(item, f"{where}[{position}]") for position, item in enumerate(_list(value, where))]


def _id(value: Any, where: str) -> str | int:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DocumentError(f"{where} must be an id (a string or an integer), not {value!r}")
    return value


def _kind(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")
