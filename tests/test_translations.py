"""Every interface string has a French translation, compiled into the .mo file that ships."""

import ast
import gettext
import re
from pathlib import Path

import pytest

CATALOGS = sorted(
    (Path(__file__).resolve().parents[1] / "src" / "gen").glob("*/locale/fr/LC_MESSAGES/django.po")
)


def unquote(block: str) -> str:
    # PO string lines use the escapes of Python string literals (\" \\ \n).
    return "".join(ast.literal_eval(line) for line in block.strip().split("\n"))


def translations(po_text: str) -> dict[str, str]:
    """The plain entries of a catalog (no context, no plural): msgid -> msgstr."""
    pairs = {}
    for entry in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', entry + "\n", flags=re.MULTILINE)
        if match and "msgctxt" not in entry and unquote(match[1]):
            pairs[unquote(match[1])] = unquote(match[2])
    return pairs


@pytest.mark.parametrize("po", CATALOGS, ids=lambda path: path.parts[-5])
def test_catalog_is_fully_translated_and_compiled(po):
    body = po.read_text().split("\n\n", 1)[1]
    assert "#, fuzzy" not in body, "fuzzy entries are not compiled"
    assert not re.search(r'^msgstr(\[\d\])? ""\n(\n|$)', body + "\n", flags=re.MULTILINE), "untranslated"
    compiled = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))
    stale = [msgid for msgid, msgstr in translations(body).items() if compiled.gettext(msgid) != msgstr]
    assert not stale, f"run `make messages`: {stale[:5]}"
