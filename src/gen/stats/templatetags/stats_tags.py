"""Showing indicators: `{{ value|indicator }}` formats a figure the French way, and
`{% course_outcome_tile course %}` is the course page's "in employment at 6 months" tile."""

import datetime

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gen.outcomes.definitions import add_months
from gen.stats.filters import Filters
from gen.stats.indicators import HEADLINE_INDICATOR, Kind
from gen.stats.selectors import IndicatorValue, figures_freshness, totals

register = template.Library()

# The course page counts the sessions that ended in the last three years: recent enough to tell a
# candidate what to expect, long enough to reach the confidentiality threshold.
COURSE_TILE_YEARS = 3


@register.filter(name="indicator")
def display(value: IndicatorValue) -> str:
    if value.value is None:
        return _("not published")
    if value.indicator.kind is Kind.COUNT:
        return number_format(value.value, force_grouping=True)
    if value.indicator.kind is Kind.PERCENT:
        return f"{number_format(value.value, 1)} %"
    return number_format(value.value, 1)


@register.filter
def grouped(number: int | None) -> str:
    return "" if number is None else number_format(number, force_grouping=True)


@register.filter
def get_value(values: dict, code: str):
    return values[code]


@register.inclusion_tag("stats/_course_tile.html")
def course_outcome_tile(course, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    filters = Filters(
        period_start=add_months(today, -12 * COURSE_TILE_YEARS), period_end=today, course_id=course.pk
    )
    return {
        "value": totals(filters)[HEADLINE_INDICATOR],
        "years": COURSE_TILE_YEARS,
        "freshness": figures_freshness(),
    }
