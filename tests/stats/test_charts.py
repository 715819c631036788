"""The charts' geometry and the map: pure functions of the breakdowns."""

import csv
from pathlib import Path

from gen.stats.cartogram import CLASS_FILLS, NO_VALUE_FILL, OVERSEAS_TILES, cartogram, metropolitan_paths
from gen.stats.charts import BAR_AREA_WIDTH, bar_chart, column_chart, line_chart
from gen.stats.indicators import INDICATORS
from gen.stats.selectors import Row, indicator_values


def _row(key, label, **sums) -> Row:
    return Row(key, label, indicator_values(sums))


def _regions() -> list[Row]:
    """Corse has too few respondents for the confidentiality threshold (set to 10 in the tests)."""
    return [
        _row("32", "Hauts-de-France", respondents_6_months=20, employed_6_months=15, learners=40),
        _row("11", "Île-de-France", respondents_6_months=40, employed_6_months=20, learners=60),
        _row("94", "Corse", respondents_6_months=3, employed_6_months=3, learners=4),
    ]


def test_bars_are_sorted_highest_first_and_masked_values_come_last_without_a_bar(settings):
    settings.STATS_MIN_RESPONDENTS = 10
    chart = bar_chart(_regions(), "employment_6_months", chart_id="c", title="t")
    assert [bar.label for bar in chart.bars] == ["Hauts-de-France", "Île-de-France", "Corse"]
    assert chart.bars[0].width == BAR_AREA_WIDTH * 0.75
    assert chart.bars[2].masked and chart.bars[2].width == 0 and chart.bars[2].text == "non publié"


def test_the_line_breaks_where_a_year_is_masked(settings):
    settings.STATS_MIN_RESPONDENTS = 10
    years = [
        _row(2022, "2022", respondents_6_months=20, employed_6_months=10),
        _row(2023, "2023", respondents_6_months=2, employed_6_months=1),
        _row(2024, "2024", respondents_6_months=20, employed_6_months=15),
    ]
    chart = line_chart(years, ("employment_6_months",), chart_id="c", title="t")
    series = chart.series[0]
    assert len(series.points) == 2
    assert series.path.count("M") == 2 and "L" not in series.path
    assert chart.table[1] == ("2023", ["non publié"])


def test_columns_are_as_high_as_their_counts():
    chart = column_chart(_regions(), "learners", chart_id="c", title="t")
    heights = [column.height for column in chart.columns]
    assert heights[1] == max(heights) and heights[0] == round(heights[1] * 40 / 60, 1)


def test_the_map_has_every_region_and_greys_those_without_a_published_rate(settings):
    settings.STATS_MIN_RESPONDENTS = 10
    regions = [(code, f"Région {code}") for code in [*metropolitan_paths(), *OVERSEAS_TILES]]
    chart = cartogram(_regions(), regions, "employment_6_months", chart_id="m", title="t")
    shapes = {shape.code: shape for shape in chart.shapes}
    assert len(shapes) == 13 and {tile.code for tile in chart.tiles} == set(OVERSEAS_TILES)
    assert len(chart.table) == 18
    assert shapes["32"].fill == CLASS_FILLS[-1]
    assert shapes["11"].fill == CLASS_FILLS[0]
    assert shapes["94"].fill == NO_VALUE_FILL and shapes["94"].description == "non publié"
    assert shapes["53"].description == "pas de données"
    assert chart.legend[-1].fill == NO_VALUE_FILL


def test_the_map_draws_every_metropolitan_departement_in_its_region():
    cog = Path(__file__).parents[2] / "src/gen/territories/data/cog_departements.csv"
    with cog.open(encoding="utf-8") as file:
        expected = {}
        for row in csv.DictReader(file):
            if len(row["DEP"]) == 2:
                expected[row["REG"]] = expected.get(row["REG"], 0) + 1
    paths = metropolitan_paths()
    assert {region: len(outlines) for region, outlines in paths.items()} == expected
    assert len(paths["94"]) == 2  # Corse-du-Sud and Haute-Corse
    assert all(outline.startswith("M") and outline.endswith("Z") for outline in paths["11"])


def test_every_indicator_has_a_unique_code():
    codes = [indicator.code for indicator in INDICATORS]
    assert len(codes) == len(set(codes))
