"""A town field, as every form of the platform asks for one: a name or a postcode, read back as a commune.

The widget asks the catalogue for suggestions as people type (htmx fills a `<datalist
id="commune-suggestions">` that the template puts right after the field).
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from gen.territories.models import Commune
from gen.territories.selectors import find_commune

UNKNOWN_COMMUNE = _("We cannot find the town “%(text)s”. Check its spelling or type its postcode.")


class CommuneSuggestionInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__(
            {
                "list": "commune-suggestions",
                "autocomplete": "off",
                "hx-get": reverse_lazy("catalogue:commune_suggestions"),
                "hx-vals": "js:{lieu: this.value}",
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#commune-suggestions",
                "hx-sync": "this:replace",
                **(attrs or {}),
            }
        )


def commune_text(commune: Commune) -> str:
    """How a town field shows a commune, in a form `find_commune` reads back: "Lens (62)"."""
    return f"{commune.name} ({commune.departement.code})"


class CommuneField(forms.CharField):
    """Cleans to a `Commune` (or None when left empty and not required); unknown towns are refused."""

    widget = CommuneSuggestionInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return commune_text(value) if isinstance(value, Commune) else value

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        commune = find_commune(text)
        if commune is None:
            raise forms.ValidationError(UNKNOWN_COMMUNE, params={"text": text}, code="unknown_commune")
        return commune
