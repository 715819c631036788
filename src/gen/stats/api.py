"""`/api/v1/statistiques`: the indicators with their numerators and denominators, with the filters of
the public dashboard (period, region, métier, organisation, course). Masked rates have no value. The
answer says when the figures were counted, and whether that is too long ago to trust them as current."""

import datetime

from django.conf import settings
from ninja import Field, Query, Router, Schema, Status

from gen.stats.filters import Filters
from gen.stats.forms import FiltersForm
from gen.stats.indicators import INDICATORS
from gen.stats.refresh import STALE_AFTER
from gen.stats.selectors import figures_freshness, totals

router = Router(tags=["statistiques"])


class StatsParams(Schema):
    """Every parameter is text, checked by the dashboards' form (errors in French)."""

    annee: str | None = Field(None, description="A year, e.g. 2025 (or use du/au).")
    du: str | None = Field(None, description="Start of the period, YYYY-MM-DD.")
    au: str | None = Field(None, description="End of the period, YYYY-MM-DD.")
    region: str | None = Field(None, description="An INSEE region code, e.g. 32.")
    metier: str | None = Field(None, description="A ROME code (M1805) or the start of one (M18, M).")
    organisme: str | None = Field(None, description="An organisation's identifier (slug).")
    formation: str | None = Field(None, description="A course's identifier (slug).")


class IndicatorOut(Schema):
    code: str
    label: str
    unit: str = Field(description="count, percent or ratio.")
    value: int | float | None = Field(description="None when masked.")
    numerator: int | None = Field(description="None when masked.")
    denominator: int | None
    masked: bool
    reason: str
    period: str = Field(
        description="Whether the period selects the sessions that started or that ended in it."
    )


class FiltersOut(Schema):
    period_start: str | None
    period_end: str | None
    region: str
    metier: str
    organisme: str
    formation: str


def _hours(interval) -> int:
    return int(interval.total_seconds() // 3600)


class StatsOut(Schema):
    filters: FiltersOut
    minimum_respondents: int
    refreshed_at: datetime.datetime | None = Field(
        description=(
            "When the figures were counted, in ISO 8601 in UTC (e.g. 2026-12-08T13:07:00Z); null when they "
            "have never been counted."
        )
    )
    stale: bool = Field(
        description=(
            f"True when the figures were counted more than {_hours(STALE_AFTER)} hours ago, twice their "
            "refresh interval (they are counted every hour), or never counted: they may then not reflect "
            "the records."
        )
    )
    indicators: list[IndicatorOut]


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _filters_out(filters: Filters, params: dict) -> dict:
    return {
        "period_start": filters.period_start.isoformat() if filters.period_start else None,
        "period_end": filters.period_end.isoformat() if filters.period_end else None,
        "region": filters.region_code,
        "metier": filters.job_code,
        "organisme": params.get("organisme") or "",
        "formation": params.get("formation") or "",
    }


@router.get("", response={200: StatsOut, 400: ErrorsOut}, summary="The network's indicators")
def statistics(request, params: Query[StatsParams]):
    data = {key: value for key, value in params.dict().items() if value is not None}
    form = FiltersForm(data)
    if not form.is_valid():
        errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
        return Status(400, {"detail": "Paramètres invalides.", "errors": errors})
    filters = form.valid_filters()
    values = totals(filters)
    freshness = figures_freshness()
    return {
        "filters": _filters_out(filters, form.query()),
        "minimum_respondents": settings.STATS_MIN_RESPONDENTS,
        "refreshed_at": freshness.refreshed_at,
        "stale": freshness.stale,
        "indicators": [
            {
                "code": indicator.code,
                "label": str(indicator.label),
                "unit": str(indicator.kind),
                "value": values[indicator.code].value,
                "numerator": values[indicator.code].numerator,
                "denominator": values[indicator.code].denominator,
                "masked": values[indicator.code].masked,
                "reason": values[indicator.code].reason,
                "period": f"sessions_{indicator.anchor}",
            }
            for indicator in INDICATORS
        ],
    }
