"""The statistics pages: national (public), regional, organisation (gen.stats.scopes), their exports,
and the methodology."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gen.stats import dashboards, exports
from gen.stats.access import organisations_for, regions_for
from gen.stats.cartogram import cartogram
from gen.stats.charts import bar_chart, column_chart, line_chart
from gen.stats.indicators import (
    HEADLINE_INDICATOR,
    INDICATORS,
    KEY_INDICATORS,
    THEME_LABELS,
    Theme,
    situation_labels,
)
from gen.stats.scopes import SCOPES, Scope
from gen.stats.selectors import figures_freshness
from gen.territories.models import Region

# The métiers compared on a chart: those with the most learners.
JOBS_ON_CHART = 12
# The columns of the tables by organisation, course and session.
TABLE_INDICATORS = (
    "learners",
    "completion_rate",
    "employment_6_months",
    "durable_employment_6_months",
    "response_rate_6_months",
    "admission_rate",
)


def _charts(data: dashboards.Dashboard) -> dict:
    charts = {}
    years = data.breakdowns.get("year", [])
    if years:
        charts["learners_by_year"] = column_chart(
            years,
            "learners",
            chart_id="chart-learners-year",
            title=_("Learners trained, by year the session started"),
        )
        charts["outcomes_by_year"] = line_chart(
            years,
            ("employment_6_months", "durable_employment_6_months"),
            chart_id="chart-outcomes-year",
            title=_("Outcomes at 6 months, by year the session ended"),
        )
    if data.breakdowns.get("region"):
        charts["by_region"] = bar_chart(
            data.breakdowns["region"],
            HEADLINE_INDICATOR,
            chart_id="chart-region",
            title=_("Back in employment at 6 months, by region"),
        )
        charts["map"] = cartogram(
            data.breakdowns["region"],
            list(Region.objects.order_by("name").values_list("code", "name")),
            HEADLINE_INDICATOR,
            chart_id="chart-map",
            title=_("Map of France by region: back in employment at 6 months"),
        )
    if data.breakdowns.get("job"):
        busiest = sorted(data.breakdowns["job"], key=lambda row: -(row.values["learners"].value or 0))
        charts["by_job"] = bar_chart(
            busiest[:JOBS_ON_CHART],
            HEADLINE_INDICATOR,
            chart_id="chart-job",
            title=_("Back in employment at 6 months, by trade (the %(count)s trades with the most learners)")
            % {"count": JOBS_ON_CHART},
        )
    return charts


def _themes(values: dict) -> list[tuple[str, list]]:
    return [
        (
            THEME_LABELS[theme],
            [values[indicator.code] for indicator in INDICATORS if indicator.theme is theme],
        )
        for theme in Theme
    ]


def _render_dashboard(request, scope: Scope):
    data = dashboards.dashboard_data(scope.filters, scope.breakdowns)
    query = urlencode(scope.form.query())
    export_name = f"stats:export_{scope.kind}"
    context = {
        "scope": scope,
        "form": scope.form,
        "fields": [scope.form[name] for name in scope.fields],
        "data": data,
        "key_figures": [data.totals[code] for code in KEY_INDICATORS],
        "themes": _themes(data.totals),
        "charts": _charts(data),
        "tables": [
            (by, dashboards.BREAKDOWN_LABELS[by], data.breakdowns[by])
            for by in ("organisation", "course", "session")
            if by in data.breakdowns
        ],
        "table_indicators": [indicator for indicator in INDICATORS if indicator.code in TABLE_INDICATORS],
        "csv_url": f"{reverse(export_name, kwargs={'fmt': 'csv'})}?{query}",
        "xlsx_url": f"{reverse(export_name, kwargs={'fmt': 'xlsx'})}?{query}",
        "minimum": settings.STATS_MIN_RESPONDENTS,
        "can_see_regions": regions_for(request.user).exists(),
        "can_see_organisations": organisations_for(request.user).exists(),
    }
    return render(request, "stats/dashboard.html", context)


@require_safe
def national(request):
    return _render_dashboard(request, SCOPES["national"](request))


@require_safe
@login_required
def regional(request):
    return _render_dashboard(request, SCOPES["region"](request))


@require_safe
@login_required
def organisation(request):
    return _render_dashboard(request, SCOPES["organisation"](request))


def _export(request, kind: str, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    scope = SCOPES[kind](request)
    data = dashboards.dashboard_data(scope.filters, scope.breakdowns)
    return exports.response(fmt, scope, data, today=timezone.localdate())


@require_safe
def export_national(request, fmt: str):
    return _export(request, "national", fmt)


@require_safe
@login_required
def export_scoped(request, kind: str, fmt: str):
    return _export(request, kind, fmt)


@require_safe
def methodology(request):
    themes = [
        (
            THEME_LABELS[theme],
            [
                (indicator, situation_labels(indicator.numerator))
                for indicator in INDICATORS
                if indicator.theme is theme
            ],
        )
        for theme in Theme
    ]
    context = {
        "themes": themes,
        "minimum": settings.STATS_MIN_RESPONDENTS,
        "freshness": figures_freshness(),
    }
    return render(request, "stats/methodology.html", context)
