"""A map of France by region: a choropleth of metropolitan France, drawn from the départements'
outlines (`maps/departements.json`, Natural Earth), and the overseas regions as equal tiles in a row
below, so that the small ones stay as readable as the large ones.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gen.stats.selectors import IndicatorValue, Row
from gen.stats.templatetags.stats_tags import display

MAP_FILE = Path(__file__).parent / "maps" / "departements.json"
# Overseas regions, by INSEE code: (abbreviation, column).
OVERSEAS_TILES = {
    "01": ("GUA", 0),
    "02": ("MTQ", 1),
    "03": ("GUF", 2),
    "04": ("REU", 3),
    "06": ("MAY", 4),
}
TILE, GAP = 84, 6
OVERSEAS_OFFSET = 30  # room for the overseas row's heading
# Light to dark blue (DSFR blue France scale); dark tiles get white text.
CLASS_FILLS = ("#e3e3fd", "#cacafb", "#a1a1f8", "#5757e6", "#000091")
DARK_FROM = 3
NO_VALUE_FILL = "#eeeeee"


@dataclass(frozen=True)
class RegionShape:
    code: str
    name: str
    fill: str
    description: str  # in full, for the data table and the tooltip
    paths: list[str]  # one per département


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    abbreviation: str
    x: int
    y: int
    fill: str
    text_colour: str
    text: str  # short, on the tile
    description: str


@dataclass(frozen=True)
class LegendItem:
    fill: str
    text: str


@dataclass(frozen=True)
class Cartogram:
    chart_id: str
    title: str
    shapes: list[RegionShape]
    region_outlines: str
    tiles: list[Tile]
    table: list[tuple[str, str]]  # (region, value), every region
    legend: list[LegendItem]
    width: int
    height: int
    tile: int
    overseas_y: int


@cache
def _geometry() -> dict:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def metropolitan_paths() -> dict[str, list[str]]:
    """Region code: the paths of its départements."""
    paths: dict[str, list[str]] = {}
    for departement in _geometry()["departements"].values():
        paths.setdefault(departement["region"], []).append(departement["path"])
    return paths


def _classes(values: list[float]) -> list[tuple[float, float]]:
    low, high = min(values), max(values)
    if high == low:
        return [(low, high)]
    step = (high - low) / len(CLASS_FILLS)
    return [(low + index * step, low + (index + 1) * step) for index in range(len(CLASS_FILLS))]


def cartogram(
    rows: list[Row], regions: list[tuple[str, str]], code: str, *, chart_id: str, title: str
) -> Cartogram:
    """`rows`: the breakdown by region; `regions`: every (code, name), so that regions without figures
    still show."""
    by_region: dict[str, IndicatorValue] = {row.key: row.values[code] for row in rows}
    published = [value.value for value in by_region.values() if value.value is not None]
    classes = _classes(published) if published else []
    fills = CLASS_FILLS if len(classes) > 1 else CLASS_FILLS[-1:]

    def class_of(value: IndicatorValue | None) -> int | None:
        if value is None or value.value is None:
            return None
        return next(
            i for i, (_low, high) in enumerate(classes) if value.value <= high or i == len(classes) - 1
        )

    map_width, map_height = (int(size) for size in _geometry()["view_box"].split()[2:])
    paths = metropolitan_paths()
    shapes, tiles, table = [], [], []
    for region_code, name in regions:
        value = by_region.get(region_code)
        index = class_of(value)
        fill = NO_VALUE_FILL if index is None else fills[index]
        description = display(value) if value is not None else _("no data")
        if region_code in paths:
            shapes.append(RegionShape(region_code, name, fill, description, paths[region_code]))
        elif region_code in OVERSEAS_TILES:
            abbreviation, column = OVERSEAS_TILES[region_code]
            dark = index is not None and (len(fills) == 1 or index >= DARK_FROM)
            tiles.append(
                Tile(
                    code=region_code,
                    name=name,
                    abbreviation=abbreviation,
                    x=column * (TILE + GAP),
                    y=map_height + OVERSEAS_OFFSET,
                    fill=fill,
                    text_colour="#ffffff" if dark else "#161616",
                    text=display(value) if index is not None else "–",
                    description=description,
                )
            )
        else:
            continue
        table.append((name, description))
    legend = [
        LegendItem(fills[index], f"{display_number(low)} – {display_number(high)} %")
        for index, (low, high) in enumerate(classes)
    ]
    legend.append(LegendItem(NO_VALUE_FILL, _("not published or no data")))
    return Cartogram(
        chart_id=chart_id,
        title=title,
        shapes=shapes,
        region_outlines=_geometry()["region_outlines"],
        tiles=tiles,
        table=table,
        legend=legend,
        width=max(map_width, len(OVERSEAS_TILES) * (TILE + GAP) - GAP),
        height=map_height + OVERSEAS_OFFSET + TILE,
        tile=TILE,
        overseas_y=map_height + OVERSEAS_OFFSET - 10,
    )


def display_number(number: float) -> str:
    return number_format(number, 1)
