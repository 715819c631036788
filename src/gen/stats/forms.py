"""The filters of the dashboards, the exports and the API: one validation, errors in French.

A period is a year (`annee=2025`) or a date range (`du=2025-01-01&au=2025-06-30`, either end may be
left open); a métier is a ROME code (M1805) or the start of one (M18, M).
"""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from gen.catalogue.forms import job_choices
from gen.catalogue.models import Course, Job
from gen.core.widgets import FastSelect
from gen.organisations.models import Organisation
from gen.stats.filters import Filters
from gen.territories.models import Region

FIRST_YEAR = 2014  # the label was created in 2015: nothing to count before
ROME_CODE = re.compile(r"^[A-N](\d{2}(\d{2})?)?$")


def _job_choices() -> list:
    all_jobs, *jobs = job_choices()
    return [all_jobs, *((code, f"{title} ({code})") for code, title in jobs)]


class FiltersForm(DsfrBaseForm):
    annee = forms.IntegerField(
        label=_("Year"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("For example 2025. Leave empty to see every year."),
        error_messages={"invalid": _("Enter a year in four digits, for example 2025.")},
    )
    du = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date, for example 2025-01-31.")},
    )
    au = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a valid date, for example 2025-12-31.")},
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        widget=FastSelect,
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )
    metier = forms.CharField(
        label=_("Trade (ROME)"),
        required=False,
        max_length=5,
        widget=FastSelect,
        error_messages={"max_length": _("A ROME code has five characters, for example M1805.")},
    )
    organisme = forms.CharField(label=_("Organisation"), required=False, max_length=220)
    formation = forms.CharField(label=_("Course"), required=False, max_length=220)

    def __init__(
        self, *args, regions=None, organisations=None, courses=None, all_regions: bool = True, **kwargs
    ):
        """`regions`, `organisations`, `courses`: what one may choose, from a list; without them, any
        region, and any organisation or course by its identifier (slug)."""
        super().__init__(*args, **kwargs)
        regions = Region.objects.all() if regions is None else regions
        region_list = list(regions.order_by("name").values_list("code", "name"))
        self.fields["region"].choices = ([("", _("All regions"))] if all_regions else []) + region_list
        self.fields["metier"].widget.choices = _job_choices()
        self._organisations, self._courses = organisations, courses
        if organisations is not None:
            self.fields["organisme"].widget = FastSelect(
                attrs={"class": "fr-select"}, choices=list(organisations.values_list("slug", "name"))
            )
        if courses is not None:
            choices = [("", _("All courses")), *courses.values_list("slug", "title")]
            self.fields["formation"].widget = FastSelect(attrs={"class": "fr-select"}, choices=choices)

    def clean_annee(self):
        year = self.cleaned_data["annee"]
        last_year = timezone.localdate().year + 1
        if year is not None and not FIRST_YEAR <= year <= last_year:
            raise forms.ValidationError(
                _("Choose a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": last_year}
            )
        return year

    def clean_metier(self) -> str:
        code = self.cleaned_data["metier"].strip().upper()
        if not code:
            return ""
        if not ROME_CODE.match(code):
            raise forms.ValidationError(
                _("Enter a ROME code such as M1805, or the start of one such as M18 for a whole domain.")
            )
        if not Job.objects.filter(code__startswith=code).exists():
            raise forms.ValidationError(_("No ROME trade matches this code."))
        return code

    def clean_organisme(self) -> Organisation | None:
        return self._chosen(
            "organisme",
            self._organisations,
            Organisation.objects.filter(kind=Organisation.Kind.TRAINING),
            listed=_("Choose an organisation from the list."),
            unknown=_("No organisation matches this identifier."),
        )

    def clean_formation(self) -> Course | None:
        return self._chosen(
            "formation",
            self._courses,
            Course.objects.all(),
            listed=_("Choose a course from the list."),
            unknown=_("No course matches this identifier."),
        )

    def _chosen(self, name: str, listed_rows, all_rows, *, listed: str, unknown: str):
        slug = self.cleaned_data[name].strip()
        if not slug:
            return None
        found = (all_rows if listed_rows is None else listed_rows).filter(slug=slug).first()
        if found is None:
            raise forms.ValidationError(unknown if listed_rows is None else listed)
        return found

    def clean(self):
        cleaned = super().clean()
        year, start, end = cleaned.get("annee"), cleaned.get("du"), cleaned.get("au")
        if year is not None and (start or end):
            for name in ("annee", "du", "au"):
                cleaned.pop(name, None)
            raise forms.ValidationError(_("Choose either a year or dates, not both."))
        if start and end and start > end:
            self.add_error("au", _("The end of the period must come after its start."))
            cleaned.pop("du", None)  # half a faulty period would be another period
        return cleaned

    def valid_filters(self, **fixed) -> Filters:
        """The filters from the valid fields (a faulty one is left out and shown on the form), then
        `fixed`, which the user's scope imposes."""
        cleaned = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        year = cleaned.get("annee")
        period_start, period_end = cleaned.get("du"), cleaned.get("au")
        if year is not None:
            period_start, period_end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        organisation, course = cleaned.get("organisme"), cleaned.get("formation")
        values = {
            "period_start": period_start,
            "period_end": period_end,
            "region_code": cleaned.get("region") or "",
            "job_code": cleaned.get("metier") or "",
            "organisation_id": organisation.pk if organisation else None,
            "course_id": course.pk if course else None,
        }
        values.update(fixed)
        return Filters(**values)

    def query(self) -> dict[str, str]:
        """The valid filters as query parameters (for the export links), never what was typed."""
        cleaned = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        query = {}
        for name in self.fields:
            value = cleaned.get(name)
            if value in (None, ""):
                continue
            query[name] = value.slug if hasattr(value, "slug") else str(value)
        return query
