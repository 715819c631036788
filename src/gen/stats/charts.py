"""Charts drawn on the server as SVG: the geometry is worked out here, the templates only draw it.

Each chart comes with the table of its data (the accessible alternative) in the template.
"""

from dataclasses import dataclass

from gen.stats.indicators import INDICATORS_BY_CODE, Kind
from gen.stats.selectors import IndicatorValue, Row
from gen.stats.templatetags.stats_tags import display

# DSFR colours with a contrast of at least 3:1 on white, told apart by their markers too.
SERIES_COLOURS = ("#000091", "#b34000")

BAR_WIDTH = 640
BAR_LABEL_WIDTH = 230
BAR_AREA_WIDTH = 320
BAR_ROW_HEIGHT = 30
LABEL_CHARACTERS = 32


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    text: str
    y: int
    width: float
    value_x: float  # where the value is written, after the bar
    masked: bool


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    area_width: int
    row_height: int


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def bar_chart(rows: list[Row], code: str, *, chart_id: str, title: str, limit: int | None = None) -> BarChart:
    """Horizontal bars of one indicator, highest first; masked values last, without a bar."""
    values = [(row, row.values[code]) for row in rows]
    values.sort(key=lambda item: (item[1].value is None, -(item[1].value or 0), item[0].label))
    if limit is not None:
        values = values[:limit]
    highest = max((value.value for _row, value in values if value.value is not None), default=0)
    if INDICATORS_BY_CODE[code].kind is Kind.PERCENT:
        highest = 100
    bars = [
        Bar(
            label=row.label,
            short_label=_shorten(row.label),
            text=display(value),
            y=index * BAR_ROW_HEIGHT,
            width=(
                width := round(BAR_AREA_WIDTH * value.value / highest, 1) if value.value and highest else 0
            ),
            value_x=BAR_LABEL_WIDTH + width + 6,
            masked=value.value is None,
        )
        for index, (row, value) in enumerate(values)
    ]
    return BarChart(
        chart_id=chart_id,
        title=title,
        bars=bars,
        width=BAR_WIDTH,
        height=max(len(bars), 1) * BAR_ROW_HEIGHT,
        label_width=BAR_LABEL_WIDTH,
        area_width=BAR_AREA_WIDTH,
        row_height=BAR_ROW_HEIGHT,
    )


LINE_WIDTH, LINE_HEIGHT = 640, 260
LINE_LEFT, LINE_RIGHT, LINE_TOP, LINE_BOTTOM = 48, 24, 16, 36


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    marker: str  # "circle" or "square"
    points: list[Point]
    path: str  # the line, broken where a value is masked


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class LineChart:
    chart_id: str
    title: str
    series: list[Series]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    # The data table: (year, the text of each series).
    table: list[tuple[str, list[str]]]
    width: int
    height: int
    left: int
    right: int
    bottom: int


def line_chart(rows: list[Row], codes: tuple[str, ...], *, chart_id: str, title: str) -> LineChart:
    """Rates (0–100 %) by year, one line per indicator."""
    plot_width = LINE_WIDTH - LINE_LEFT - LINE_RIGHT
    plot_height = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    step = plot_width / max(len(rows) - 1, 1)

    def x_of(index: int) -> float:
        return round(LINE_LEFT + (index * step if len(rows) > 1 else plot_width / 2), 1)

    def y_of(percent: float) -> float:
        return round(LINE_TOP + plot_height * (1 - percent / 100), 1)

    series = []
    for number, code in enumerate(codes):
        points, path, drawing = [], [], False
        for index, row in enumerate(rows):
            value: IndicatorValue = row.values[code]
            if value.value is None:
                drawing = False
                continue
            point = Point(x_of(index), y_of(value.value), display(value))
            points.append(point)
            path.append(f"{'L' if drawing else 'M'}{point.x} {point.y}")
            drawing = True
        series.append(
            Series(
                label=str(INDICATORS_BY_CODE[code].label),
                colour=SERIES_COLOURS[number % len(SERIES_COLOURS)],
                marker="circle" if number % 2 == 0 else "square",
                points=points,
                path=" ".join(path),
            )
        )
    return LineChart(
        chart_id=chart_id,
        title=title,
        series=series,
        x_ticks=[Tick(x_of(index), row.label) for index, row in enumerate(rows)],
        y_ticks=[Tick(y_of(percent), f"{percent} %") for percent in (0, 25, 50, 75, 100)],
        table=[(row.label, [display(row.values[code]) for code in codes]) for row in rows],
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        left=LINE_LEFT,
        right=LINE_WIDTH - LINE_RIGHT,
        bottom=LINE_HEIGHT - LINE_BOTTOM,
    )


COLUMN_AREA_HEIGHT = 200


@dataclass(frozen=True)
class Column:
    label: str
    text: str
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class ColumnChart:
    chart_id: str
    title: str
    columns: list[Column]
    width: int
    height: int
    column_width: float
    baseline: int


def column_chart(rows: list[Row], code: str, *, chart_id: str, title: str) -> ColumnChart:
    """Vertical columns of a count by year."""
    width = LINE_WIDTH
    slot = (width - 2 * LINE_LEFT) / max(len(rows), 1)
    column_width = round(min(slot * 0.6, 64), 1)
    highest = max((row.values[code].value or 0 for row in rows), default=0)
    top, baseline = 24, 24 + COLUMN_AREA_HEIGHT
    columns = []
    for index, row in enumerate(rows):
        value = row.values[code]
        height = round(COLUMN_AREA_HEIGHT * (value.value or 0) / highest, 1) if highest else 0
        columns.append(
            Column(
                label=row.label,
                text=display(value),
                x=round(LINE_LEFT + index * slot + (slot - column_width) / 2, 1),
                y=round(top + COLUMN_AREA_HEIGHT - height, 1),
                height=height,
            )
        )
    return ColumnChart(
        chart_id=chart_id,
        title=title,
        columns=columns,
        width=width,
        height=baseline + 28,
        column_width=column_width,
        baseline=baseline,
    )
