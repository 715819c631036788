"""Reading the indicators from the session figures: totals, and breakdowns by year, region, métier,
organisation, course or session — each a single aggregate query over the figures (the totals and the
years share one).

Every rate carries its numerator and denominator, and is masked below `STATS_MIN_RESPONDENTS`; and
`figures_freshness` says when the figures were counted, and whether that is too long ago.
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from gen.stats.filters import Filters
from gen.stats.indicators import INDICATORS, MEASURES, POPULATIONS, Anchor, Indicator, Kind
from gen.stats.models import FiguresRefresh, SessionFigures
from gen.stats.refresh import STALE_AFTER

_DATE_FIELDS = {Anchor.START: "start_date", Anchor.END: "end_date"}


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    value: float | int | None
    numerator: int | None
    denominator: int | None
    masked: bool = False
    reason: str = ""

    @property
    def code(self) -> str:
        return self.indicator.code


def indicator_value(indicator: Indicator, sums: dict[str, int], minimum: int) -> IndicatorValue:
    numerator = sums.get(indicator.numerator.code, 0)
    if indicator.denominator is None:
        return IndicatorValue(indicator, numerator, numerator, None)
    denominator = sums.get(indicator.denominator.code, 0)
    if denominator == 0 or denominator < minimum:
        reason = (
            _("Nothing to count for these filters.")
            if denominator == 0
            else _("Not published: fewer than %(minimum)s people counted (statistical confidentiality).")
            % {"minimum": minimum}
        )
        return IndicatorValue(indicator, None, None, denominator, masked=True, reason=reason)
    ratio = numerator / denominator
    value = round(100 * ratio, 1) if indicator.kind is Kind.PERCENT else round(ratio, 1)
    return IndicatorValue(indicator, value, numerator, denominator)


def indicator_values(
    sums: dict[str, int], indicators: Iterable[Indicator] = INDICATORS
) -> dict[str, IndicatorValue]:
    minimum = settings.STATS_MIN_RESPONDENTS
    return {indicator.code: indicator_value(indicator, sums, minimum) for indicator in indicators}


def _sums(filters: Filters) -> dict:
    return {
        measure.code: Coalesce(Sum(measure.code, filter=filters.period_q(_DATE_FIELDS[measure.anchor])), 0)
        for measure in MEASURES
    }


def _figures(filters: Filters):
    """The session figures in scope, and in the period by one of their dates at least."""
    figures = SessionFigures.objects.filter(filters.figures_q())
    if filters.has_period:
        figures = figures.filter(filters.period_q("start_date") | filters.period_q("end_date"))
    return figures


def totals(filters: Filters) -> dict[str, IndicatorValue]:
    return indicator_values(measure_sums(filters))


def measure_sums(filters: Filters) -> dict[str, int]:
    """Every measure added up over the session figures in the filters."""
    return _figures(filters).aggregate(**_sums(filters))


def measure_sums_from_records(filters: Filters) -> dict[str, int]:
    """The same sums read from the records themselves, one aggregate query per population: what the
    figures stand for (the tests compare both), and too slow for a dashboard at the national scale."""
    sums = {}
    for population in POPULATIONS:
        measures = {
            measure.code: measure.aggregate() for measure in MEASURES if measure.population is population
        }
        counted = filters.rows(population.rows(), population).aggregate(**measures)
        sums.update({code: value or 0 for code, value in counted.items()})
    return sums


@dataclass(frozen=True)
class Row:
    key: object
    label: str
    values: dict[str, IndicatorValue]


@dataclass(frozen=True)
class Group:
    key: str
    fields: tuple[str, ...]  # read for the label
    label: Callable[[dict], str]
    order_by: tuple[str, ...]


GROUPS = {
    "region": Group("region__code", ("region__name",), lambda row: row["region__name"], ("region__name",)),
    # By métier, a course leading to two métiers counts in both.
    "job": Group(
        "course__jobs__code",
        ("course__jobs__title",),
        lambda row: f"{row['course__jobs__title']} ({row['course__jobs__code']})",
        ("course__jobs__title",),
    ),
    "organisation": Group(
        "organisation_id",
        ("organisation__name",),
        lambda row: row["organisation__name"],
        ("organisation__name",),
    ),
    "course": Group("course_id", ("course__title",), lambda row: row["course__title"], ("course__title",)),
    "session": Group(
        "session_id",
        ("course__title", "session__name", "start_date"),
        lambda row: f"{row['course__title']} – {row['session__name']} ({row['start_date']:%m/%Y})",
        ("-start_date", "course__title"),
    ),
}


def breakdown(filters: Filters, by: str) -> list[Row]:
    """The indicators per year, or per region, métier, organisation, course or session (`GROUPS`)."""
    if by == "year":
        return totals_and_years(filters)[1]
    group = GROUPS[by]
    figures = _figures(filters)
    if by == "job" and filters.job_code:
        figures = figures.filter(course__jobs__code__startswith=filters.job_code)
    grouped = (
        figures.values(group.key, *group.fields)
        .annotate(**_sums(filters))
        .order_by(*group.order_by, group.key)
    )
    return [
        Row(row[group.key], group.label(row), indicator_values(row))
        for row in grouped
        if row[group.key] is not None  # a course without any métier
    ]


def totals_and_years(filters: Filters) -> tuple[dict[str, IndicatorValue], list[Row]]:
    """The totals, and per year the learners and admissions by the year their session started and the
    outcomes by the year it ended: one scan of the figures, grouped by both years."""
    in_period = {
        anchor: Count("pk", filter=filters.period_q(date_field))
        for anchor, date_field in _DATE_FIELDS.items()
    }
    grid = (
        _figures(filters)
        .values(start_year=ExtractYear("start_date"), end_year=ExtractYear("end_date"))
        .annotate(**_sums(filters), **{f"in_period_{anchor}": count for anchor, count in in_period.items()})
        .order_by()
    )
    sums: Counter = Counter()
    years: dict[int, Counter] = {}
    for row in grid:
        year_of = {Anchor.START: row["start_year"], Anchor.END: row["end_year"]}
        for measure in MEASURES:
            sums[measure.code] += row[measure.code]
            if row[f"in_period_{measure.anchor}"]:
                years.setdefault(year_of[measure.anchor], Counter())[measure.code] += row[measure.code]
    rows = [Row(year, str(year), indicator_values(year_sums)) for year, year_sums in sorted(years.items())]
    return indicator_values(sums), rows


def refreshed_at() -> datetime.datetime | None:
    """When the figures were last counted; None if they never were."""
    return FiguresRefresh.objects.values_list("refreshed_at", flat=True).first()


@dataclass(frozen=True)
class Freshness:
    """When the figures were counted, seen at a given instant."""

    refreshed_at: datetime.datetime | None
    now: datetime.datetime

    @property
    def computed(self) -> bool:
        return self.refreshed_at is not None

    @property
    def out_of_date(self) -> bool:
        """Counted, but longer ago than twice the refresh interval: the hourly count has stopped."""
        return self.computed and self.now - self.refreshed_at > STALE_AFTER

    @property
    def stale(self) -> bool:
        """Not to be taken as the current figures: out of date, or never counted."""
        return not self.computed or self.out_of_date


def figures_freshness(now: datetime.datetime | None = None) -> Freshness:
    return Freshness(refreshed_at=refreshed_at(), now=now or timezone.now())
