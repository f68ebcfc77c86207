"""Build the Workbench's province outline from ECharts 4.9.0's ``map/json/china.json``.

Run once, with the npm tarball unpacked somewhere (the npm registry is the only source of map
data reachable from the build machines):

    npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz
    .venv/bin/python scripts/china_provinces.py package/map/json/china.json

It writes ``src/cradlewatch/web/static/map/china-provinces.json``: one SVG path per province,
keyed by the official name the places extractor uses (``江苏省``, taken from
``find/extract/places.csv``), already projected and simplified so that the server only pastes
strings into an ``<svg>``. The source's features are kept as they are (34, Taiwan, Hong Kong and
Macau included as ECharts ships them); nothing is added or removed.

Projection: equirectangular with longitude scaled by cos(35°), the latitude of China's middle,
which keeps shapes recognisable at this scale without a projection library. Simplification:
Douglas–Peucker at 0.6 units of the 1000-unit-wide drawing (about a pixel at the width the
page shows), dropping islands smaller than 2 square units except a province's largest part.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "src" / "cradlewatch" / "find" / "extract" / "places.csv"
OUT = ROOT / "src" / "cradlewatch" / "web" / "static" / "map" / "china-provinces.json"
WIDTH = 1000.0
TOLERANCE = 0.6
MIN_AREA = 2.0
LAT0 = math.radians(35.0)

Point = tuple[float, float]


def decode(encoded: str, offset: list[int], scale: float) -> list[Point]:
    """ECharts' compact coordinates: zig-zag deltas, two characters per point, 64-based."""
    points: list[Point] = []
    x, y = offset
    for i in range(0, len(encoded), 2):
        dx = ord(encoded[i]) - 64
        dy = ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x / scale, y / scale))
    return points


def polygons(feature: dict, scale: float) -> list[list[Point]]:
    """The outer rings of a feature (ECharts' China map has no holes worth drawing)."""
    geometry = feature["geometry"]
    offsets = geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        return [decode(geometry["coordinates"][0], offsets[0], scale)]
    return [
        decode(part[0], offs[0], scale)
        for part, offs in zip(geometry["coordinates"], offsets, strict=True)
    ]


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker, iterative (long coastlines would overflow a recursive version)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        worst, index = 0.0, -1
        for k in range(first + 1, last):
            px, py = points[k]
            if length == 0.0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs((x2 - x1) * (y1 - py) - (x1 - px) * (y2 - y1)) / length
            if distance > worst:
                worst, index = distance, k
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area(points: list[Point]) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2.0
    )


def official_names() -> list[str]:
    with PLACES.open(encoding="utf-8", newline="") as handle:
        return sorted({row["province"] for row in csv.DictReader(handle)})


def official(short: str, names: list[str]) -> str:
    """The official name a source's short name (``江苏``, ``内蒙古``) abbreviates."""
    found = [name for name in names if name.startswith(short)]
    if len(found) != 1:
        raise SystemExit(f"{short}: {len(found)} official names match ({found})")
    return found[0]


def main(source: Path) -> None:
    data = json.loads(source.read_text(encoding="utf-8"))
    scale = float(data.get("UTF8Scale", 1024))
    names = official_names()
    shapes = {
        official(f["properties"]["name"], names): (
            polygons(f, scale),
            f["properties"].get("cp"),
            f["properties"]["name"],
        )
        for f in data["features"]
    }
    lons = [x for parts, _, _ in shapes.values() for part in parts for x, _ in part]
    lats = [y for parts, _, _ in shapes.values() for part in parts for _, y in part]
    west, north = min(lons), max(lats)
    unit = WIDTH / ((max(lons) - west) * math.cos(LAT0))

    def project(lon: float, lat: float) -> Point:
        return ((lon - west) * math.cos(LAT0) * unit, (north - lat) * unit)

    height = math.ceil((north - min(lats)) * unit)
    provinces = {}
    for name, (parts, centre, short) in sorted(shapes.items()):
        projected = [simplify([project(*p) for p in part], TOLERANCE) for part in parts]
        projected.sort(key=area, reverse=True)
        kept = [projected[0]] + [p for p in projected[1:] if area(p) >= MIN_AREA and len(p) > 2]
        path = "".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in part) + "Z" for part in kept)
        cx, cy = project(*centre) if centre else kept[0][0]
        provinces[name] = {"short": short, "path": path, "centre": [round(cx, 1), round(cy, 1)]}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "source": "Apache ECharts 4.9.0, map/json/china.json (npm pack echarts@4.9.0)",
                "licence": "Apache-2.0; see echarts.LICENSE.txt and echarts.NOTICE.txt",
                "projection": "equirectangular, longitude scaled by cos 35°",
                "width": WIDTH,
                "height": height,
                "provinces": provinces,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )
    print(f"{OUT}: {len(provinces)} provinces, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: china_provinces.py PATH/TO/echarts/map/json/china.json")
    main(Path(sys.argv[1]))
