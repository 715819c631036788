"""The catalogue search form: one validation for the page, the map and the API."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.catalogue.models import Job, Modality
from gen.catalogue.search import CourseSearch, Sort
from gen.core.widgets import FastSelect
from gen.territories.models import Departement, Region
from gen.territories.selectors import find_commune

DISTANCE_CHOICES = [
    ("", _("Any distance")),
    (10, "10 km"),
    (20, "20 km"),
    (30, "30 km"),
    (50, "50 km"),
    (100, "100 km"),
]
SORT_CHOICES = [
    ("", _("Best first")),
    (Sort.RELEVANCE, _("Relevance")),
    (Sort.START_DATE, _("Next start date")),
    (Sort.DISTANCE, _("Distance")),
]


# Plain (code, label) choices, kept a few minutes: the filters only need codes, and reading these
# reference lists on every search cost more than the search itself.
REFERENCE_CHOICES_SECONDS = 300


def _cached_choices(key: str, read) -> list:
    return cache.get_or_set(f"catalogue:choices:{key}", lambda: list(read()), REFERENCE_CHOICES_SECONDS)


def job_choices() -> list:
    jobs = _cached_choices("jobs", lambda: Job.objects.order_by("title").values_list("code", "title"))
    return [("", _("All trades")), *jobs]


def region_choices() -> list:
    return [
        ("", _("All regions")),
        *_cached_choices("regions", lambda: Region.objects.values_list("code", "name")),
    ]


def departement_choices() -> list:
    departements = _cached_choices("departements", lambda: Departement.objects.values_list("code", "name"))
    return [("", _("All départements")), *((code, f"{name} ({code})") for code, name in departements)]


class CourseSearchForm(DsfrBaseForm):
    q = forms.CharField(
        label=_("Trade, skill, keyword"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Your search is too long: %(limit_value)d characters at most.")},
    )
    lieu = forms.CharField(
        widget=forms.TextInput(
            attrs={
                # Suggestions as the visitor types, in the datalist of catalogue/_filters.html.
                "list": "commune-suggestions",
                "autocomplete": "off",
                "hx-get": reverse_lazy("catalogue:commune_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#commune-suggestions",
                "hx-sync": "this:replace",
            }
        ),
        label=_("Town or postcode"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("This town name is too long: %(limit_value)d characters at most.")},
    )
    distance = forms.TypedChoiceField(
        widget=FastSelect,
        label=_("Within"),
        choices=DISTANCE_CHOICES,
        coerce=int,
        required=False,
        empty_value=None,
    )
    metier = forms.ChoiceField(
        widget=FastSelect, label=_("Trade (ROME)"), choices=job_choices, required=False
    )
    region = forms.ChoiceField(widget=FastSelect, label=_("Region"), choices=region_choices, required=False)
    departement = forms.ChoiceField(
        widget=FastSelect, label=_("Département"), choices=departement_choices, required=False
    )
    debut_apres = forms.DateField(
        label=_("Starting from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    debut_avant = forms.DateField(
        label=_("Starting until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    modalite = forms.ChoiceField(
        widget=FastSelect,
        label=_("Modality"),
        choices=[("", _("All modalities")), *Modality.choices],
        required=False,
    )
    places = forms.BooleanField(label=_("Only sessions with places left"), required=False)
    tri = forms.ChoiceField(widget=FastSelect, label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["distance"].error_messages["invalid_choice"] = _(
            "Choose a distance from the list (10, 20, 30, 50 or 100 km)."
        )
        self.fields["metier"].error_messages["invalid_choice"] = _("This trade is not in the list.")
        self.fields["region"].error_messages["invalid_choice"] = _("This region is not in the list.")
        self.fields["departement"].error_messages["invalid_choice"] = _(
            "This département is not in the list."
        )
        for name in ("debut_apres", "debut_avant"):
            self.fields[name].error_messages["invalid"] = _("Enter a real date, like 2027-03-15.")

    def clean_lieu(self):
        text = self.cleaned_data["lieu"].strip()
        if not text:
            return None
        commune = find_commune(text)
        if commune is None:
            raise forms.ValidationError(
                _("We cannot find the town “%(text)s”. Check its spelling or type its postcode."),
                params={"text": text},
                code="unknown_commune",
            )
        if not commune.has_location:
            raise forms.ValidationError(
                _("We do not know where “%(text)s” is located."), params={"text": text}
            )
        return commune

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("distance") and not cleaned.get("lieu") and "lieu" not in self.errors:
            self.add_error("lieu", _("Give a town or postcode to search within a distance."))
        starts_after, starts_before = cleaned.get("debut_apres"), cleaned.get("debut_avant")
        if starts_after and starts_before and starts_after > starts_before:
            self.add_error("debut_avant", _("This date comes before the “starting from” date."))
            cleaned.pop("debut_avant", None)
        return cleaned

    def to_search(self) -> CourseSearch:
        """The search built from the valid fields; invalid ones are left out (and reported on the form)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        valid = {name: value for name, value in data.items() if name not in self.errors}
        distance = valid.get("distance")
        return CourseSearch(
            text=valid.get("q") or "",
            job_code=valid.get("metier") or "",
            region_code=valid.get("region") or "",
            departement_code=valid.get("departement") or "",
            starts_after=valid.get("debut_apres"),
            starts_before=valid.get("debut_avant"),
            modality=valid.get("modalite") or "",
            with_places_left=bool(valid.get("places")),
            near=valid.get("lieu"),
            within_km=min(distance, settings.CATALOGUE_MAX_DISTANCE_KM) if distance else None,
            sort=Sort(valid["tri"]) if valid.get("tri") else None,
        )
