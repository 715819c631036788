"""A map of France by region as a tile-grid cartogram: one equal square per region, placed roughly
where the region lies, the overseas regions in a row below.

No region boundaries are available offline under an open licence (the SVG maps on npm are licensed
for non-commercial use only), and equal tiles give every region, Corsica and Mayotte included, the
same visual weight — a small region's rate is as readable as a large one's.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gen.stats.selectors import IndicatorValue, Row
from gen.stats.templatetags.stats_tags import display

# INSEE region code: (abbreviation, column, row).
TILES = {
    "32": ("HDF", 2, 0),
    "28": ("NOR", 1, 1),
    "11": ("IDF", 2, 1),
    "44": ("GES", 3, 1),
    "53": ("BRE", 0, 2),
    "52": ("PDL", 1, 2),
    "24": ("CVL", 2, 2),
    "27": ("BFC", 3, 2),
    "75": ("NAQ", 1, 3),
    "84": ("ARA", 2, 3),
    "76": ("OCC", 1, 4),
    "93": ("PAC", 2, 4),
    "94": ("COR", 3, 4),
    "01": ("GUA", 0, 5),
    "02": ("MTQ", 1, 5),
    "03": ("GUF", 2, 5),
    "04": ("REU", 3, 5),
    "06": ("MAY", 4, 5),
}
TILE, GAP = 84, 6
OVERSEAS_ROW, OVERSEAS_OFFSET = 5, 30  # room for the overseas row's heading
# Light to dark blue (DSFR blue France scale); dark tiles get white text.
CLASS_FILLS = ("#e3e3fd", "#cacafb", "#a1a1f8", "#5757e6", "#000091")
DARK_FROM = 3
NO_VALUE_FILL = "#eeeeee"


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
    description: str  # in full, for the data table and the tooltip


@dataclass(frozen=True)
class LegendItem:
    fill: str
    text: str


@dataclass(frozen=True)
class Cartogram:
    chart_id: str
    title: str
    tiles: list[Tile]
    legend: list[LegendItem]
    width: int
    height: int
    tile: int
    overseas_y: int


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
    tiles = []
    for region_code, name in regions:
        if region_code not in TILES:
            continue
        abbreviation, column, row = TILES[region_code]
        value = by_region.get(region_code)
        index = None
        if value is not None and value.value is not None:
            index = next(
                i for i, (_low, high) in enumerate(classes) if value.value <= high or i == len(classes) - 1
            )
        fill = NO_VALUE_FILL if index is None else fills[index]
        dark = index is not None and (len(fills) == 1 or index >= DARK_FROM)
        tiles.append(
            Tile(
                code=region_code,
                name=name,
                abbreviation=abbreviation,
                x=column * (TILE + GAP),
                y=row * (TILE + GAP) + (OVERSEAS_OFFSET if row == OVERSEAS_ROW else 0),
                fill=fill,
                text_colour="#ffffff" if dark else "#161616",
                text=display(value) if value is not None and value.value is not None else "–",
                description=display(value) if value is not None else _("no data"),
            )
        )
    legend = [
        LegendItem(fills[index], f"{display_number(low)} – {display_number(high)} %")
        for index, (low, high) in enumerate(classes)
    ]
    legend.append(LegendItem(NO_VALUE_FILL, _("not published or no data")))
    return Cartogram(
        chart_id=chart_id,
        title=title,
        tiles=tiles,
        legend=legend,
        width=5 * (TILE + GAP),
        height=(OVERSEAS_ROW + 1) * (TILE + GAP) + OVERSEAS_OFFSET,
        tile=TILE,
        overseas_y=OVERSEAS_ROW * (TILE + GAP) + OVERSEAS_OFFSET - 10,
    )


def display_number(number: float) -> str:
    return number_format(number, 1)
