"""The indicators table of a dashboard as a spreadsheet: CSV (UTF-8 with a BOM, semicolons) or XLSX
(the table, then one sheet per breakdown). Masked rates stay masked. Every row of the table says, like
its period and scope, when the figures were counted (Paris time): a date cell in XLSX."""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gen.stats.dashboards import BREAKDOWN_LABELS
from gen.stats.indicators import INDICATORS, Kind
from gen.stats.selectors import Freshness, IndicatorValue

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Spreadsheets run formulas in cells starting with these: they are written as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_COUNTED_ON_FORMAT = "%Y-%m-%d %H:%M"
_COUNTED_ON_XLSX_FORMAT = "dd/mm/yyyy hh:mm"


def _text(value) -> str | int | float:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _unit(kind: Kind) -> str:
    return {Kind.COUNT: _("number"), Kind.PERCENT: "%", Kind.RATIO: _("ratio")}[kind]


def _period(filters) -> str:
    if not filters.has_period:
        return _("all years")
    start = filters.period_start.isoformat() if filters.period_start else "…"
    end = filters.period_end.isoformat() if filters.period_end else "…"
    return f"{start} – {end}"


def _counted_on(freshness: Freshness) -> datetime.datetime | str:
    """When the figures were counted, in Paris time without offset (spreadsheets know no time zone)."""
    if not freshness.computed:
        return _("not counted yet")
    return timezone.localtime(freshness.refreshed_at).replace(tzinfo=None, second=0, microsecond=0)


def table_header() -> list[str]:
    return [
        _("Indicator"),
        _("Value"),
        _("Unit"),
        _("Numerator"),
        _("Denominator"),
        _("Published"),
        _("Note"),
        _("Period"),
        _("Scope"),
        _("Counted on (Paris time)"),
    ]


def table_row(value: IndicatorValue, *, period: str, scope: str, counted_on: datetime.datetime | str) -> list:
    return [
        str(value.indicator.label),
        value.value,
        _unit(value.indicator.kind),
        value.numerator,
        value.denominator,
        _("no") if value.masked else _("yes"),
        value.reason,
        period,
        scope,
        counted_on,
    ]


def _rows(scope, data) -> list[list]:
    period = _period(data.filters)
    counted_on = _counted_on(data.freshness)
    return [
        table_row(data.totals[indicator.code], period=period, scope=scope.title, counted_on=counted_on)
        for indicator in INDICATORS
    ]


def _filename(scope, today: datetime.date, fmt: str) -> str:
    return f"statistiques-gen-{scope.kind}-{today:%Y-%m-%d}.{fmt}"


def response(fmt: str, scope, data, *, today: datetime.date) -> HttpResponse:
    response = HttpResponse(content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{_filename(scope, today, fmt)}"'
    if fmt == "csv":
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
        writer.writerow(table_header())
        for row in _rows(scope, data):
            writer.writerow(_csv_cell(cell) for cell in row)
        return response
    response.write(_workbook(scope, data))
    return response


def _csv_cell(value) -> str | int | float:
    if isinstance(value, datetime.datetime):
        return value.strftime(_COUNTED_ON_FORMAT)
    return _text(value)


def _workbook(scope, data) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")
    sheet.append(table_header())
    for row in _rows(scope, data):
        sheet.append([_text(cell) for cell in row])
        counted_on = sheet.cell(row=sheet.max_row, column=len(row))
        if isinstance(counted_on.value, datetime.datetime):
            counted_on.number_format = _COUNTED_ON_XLSX_FORMAT
    for by, rows in data.breakdowns.items():
        sheet = workbook.create_sheet(title=str(BREAKDOWN_LABELS[by]))
        sheet.append([_("Group"), *(str(indicator.label) for indicator in INDICATORS)])
        for row in rows:
            sheet.append(
                [_text(str(row.label)), *(row.values[indicator.code].value for indicator in INDICATORS)]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
