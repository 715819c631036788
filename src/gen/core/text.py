"""Text normalisation shared by every search: accent-, case- and punctuation-insensitive."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """'Développeur·se Web !' -> 'developpeur se web'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    stripped = stripped.replace("œ", "oe").replace("æ", "ae")
    return _NON_WORD.sub(" ", stripped).strip()
