"""The dashboards' scopes: who may see each, which filters it offers, which it imposes (a region, an
organisation), and which breakdowns it shows. The pages and their exports read the same scope."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from gen.catalogue.models import Course
from gen.organisations.models import Organisation
from gen.stats import dashboards
from gen.stats.access import organisations_for, regions_for
from gen.stats.filters import Filters
from gen.stats.forms import FiltersForm
from gen.territories.models import Region


@dataclass(frozen=True)
class Scope:
    kind: str  # "national", "region" or "organisation"
    title: str
    form: FiltersForm
    filters: Filters
    breakdowns: tuple[str, ...]
    fields: tuple[str, ...]  # the filters offered on the page
    region: Region | None = None
    organisation: Organisation | None = None


def _bound(form: FiltersForm) -> FiltersForm:
    if form.is_bound:
        form.is_valid()  # faulty fields are left out of the filters and shown on the form
    return form


def national_scope(request) -> Scope:
    form = _bound(FiltersForm(request.GET or None))
    return Scope(
        kind="national",
        title=_("Statistics of the network"),
        form=form,
        filters=form.valid_filters(organisation_id=None, course_id=None),
        breakdowns=dashboards.NATIONAL,
        fields=("annee", "du", "au", "region", "metier"),
    )


def regional_scope(request) -> Scope:
    regions = regions_for(request.user)
    first = regions.order_by("name").first()
    if first is None:
        raise PermissionDenied
    data = request.GET.copy()
    data.setdefault("region", first.code)
    form = _bound(FiltersForm(data, regions=regions, all_regions=False))
    region = regions.filter(code=form.cleaned_data.get("region")).first() or first
    return Scope(
        kind="region",
        title=_("Statistics of the region %(region)s") % {"region": region.name},
        form=form,
        filters=form.valid_filters(region_code=region.code, organisation_id=None, course_id=None),
        breakdowns=dashboards.REGIONAL,
        fields=("region", "annee", "du", "au", "metier"),
        region=region,
    )


def organisation_scope(request) -> Scope:
    organisations = organisations_for(request.user).order_by("name")
    organisation = (
        organisations.filter(slug=request.GET.get("organisme") or "").first() or organisations.first()
    )
    if organisation is None:
        raise PermissionDenied
    data = request.GET.copy()
    data.setdefault("organisme", organisation.slug)
    courses = Course.objects.filter(organisation=organisation).order_by("title")
    form = _bound(FiltersForm(data, organisations=organisations, courses=courses))
    return Scope(
        kind="organisation",
        title=_("Statistics of %(organisation)s") % {"organisation": organisation.name},
        form=form,
        filters=form.valid_filters(region_code="", job_code="", organisation_id=organisation.pk),
        breakdowns=dashboards.ORGANISATION,
        fields=("organisme", "annee", "du", "au", "formation"),
        organisation=organisation,
    )


SCOPES = {"national": national_scope, "region": regional_scope, "organisation": organisation_scope}
