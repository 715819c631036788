"""The data of a dashboard: the indicators in total and broken down, read in a handful of queries."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gen.stats.filters import Filters
from gen.stats.selectors import (
    Freshness,
    IndicatorValue,
    Row,
    breakdown,
    figures_freshness,
    totals_and_years,
)

BREAKDOWN_LABELS = {
    "year": _("By year"),
    "region": _("By region"),
    "job": _("By trade"),
    "organisation": _("By organisation"),
    "course": _("By course"),
    "session": _("By session"),
}
NATIONAL = ("year", "region", "job")
REGIONAL = ("year", "job", "organisation")
ORGANISATION = ("year", "course", "session")


@dataclass(frozen=True)
class Dashboard:
    filters: Filters
    totals: dict[str, IndicatorValue]
    breakdowns: dict[str, list[Row]]
    freshness: Freshness


def dashboard_data(filters: Filters, breakdowns: tuple[str, ...]) -> Dashboard:
    values, years = totals_and_years(filters)
    return Dashboard(
        filters=filters,
        totals=values,
        breakdowns={by: years if by == "year" else breakdown(filters, by) for by in breakdowns},
        freshness=figures_freshness(),
    )
