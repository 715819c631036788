"""`gen matching call-order|allocate FILE`: JSON in, JSON out, faults as errors with nothing printed.

No test here uses the database: pytest-django would refuse any query, which shows the command needs none.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def run(*args) -> dict:
    out = io.StringIO()
    call_command("matching", *args, stdout=out)
    return json.loads(out.getvalue())


def test_call_order_of_the_example():
    answer = run("call-order", str(EXAMPLES / "call-order.json"))
    assert answer == {"call_order": ["sofia", "quentin", "amel", "bruno", "samir", "jade", "chloe", "david"]}


def test_allocate_the_example():
    answer = run("allocate", str(EXAMPLES / "allocate.json"))
    assert answer["assignment"]["quentin"] is None
    assert answer["assignment"]["sofia"] == "lens-2027-1"


def test_the_document_can_come_from_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"ranking": ["b", "a"]}'))
    assert run("call-order", "-") == {"call_order": ["b", "a"]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "bad.json: not JSON: Expecting property name enclosed in double quotes"),
        ('{"sessions": []}', "bad.json: the document has no 'candidates' key"),
        (
            '{"sessions": [{"id": "s", "capacity": 1, "call_order": []}], "candidates": [{"id": "a", "wishes": ["x"]}]}',
            "bad.json: candidate 'a' wishes session 'x', which does not exist",
        ),
        (
            '{"sessions": [{"id": "s", "capacity": -1, "call_order": []}], "candidates": []}',
            r"bad.json: session 's' has a negative capacity \(-1\)",
        ),
    ],
)
def test_a_bad_file_is_an_error_and_nothing_is_printed(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    Path("bad.json").write_text(text)
    out = io.StringIO()
    with pytest.raises(CommandError, match=message):
        call_command("matching", "allocate", "bad.json", stdout=out)
    assert out.getvalue() == ""


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*missing.json: No such file or directory"):
        call_command("matching", "call-order", str(tmp_path / "missing.json"), stdout=io.StringIO())


def test_a_file_that_is_not_text_is_an_error(tmp_path):
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CommandError, match=r"binary.json is not UTF-8 text"):
        call_command("matching", "call-order", str(tmp_path / "binary.json"), stdout=io.StringIO())


def test_an_unknown_action_is_refused():
    with pytest.raises(CommandError, match="invalid choice: 'match'"):
        call_command("matching", "match", "file.json")
