import re

from gen.core.text import normalize
from gen.territories.models import Commune

_POSTCODE = re.compile(r"^\d{5}$")
_NAME_WITH_CODE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>\d{2,5}|2[AB])\)$")


def find_commune(text: str) -> Commune | None:
    """The commune meant by a postcode ("62300"), a name ("Lens") or both ("Lens (62300)", "Lens (62)").

    Among homonyms the most populous wins: "Lens" is the one in Pas-de-Calais.
    """
    text = text.strip()
    if not text:
        return None
    communes = Commune.objects.select_related("departement").order_by("-population", "insee_code")
    if _POSTCODE.match(text):
        return communes.filter(postal_codes__code=text).first()
    match = _NAME_WITH_CODE.match(text)
    if match:
        name, code = normalize(match["name"]), match["code"]
        by_name = communes.filter(search_name=name)
        if len(code) == 5:
            return by_name.filter(postal_codes__code=code).first() or by_name.filter(insee_code=code).first()
        return by_name.filter(departement__code=code).first()
    return communes.filter(search_name=normalize(text)).first()


def suggest_communes(text: str, *, limit: int = 10) -> list[Commune]:
    """Communes whose name starts like the text, most populous first: "len" -> Lens, Lencloître…"""
    name = normalize(text)
    if len(name) < 2:
        return []
    return list(
        Commune.objects.filter(search_name__startswith=name)
        .select_related("departement")
        .order_by("-population", "insee_code")[:limit]
    )
