"""A map of China's provinces shaded by how many of a ring's posts name each one.

The outline is bundled (``static/map/china-provinces.json``, built by
``scripts/china_provinces.py`` from Apache ECharts 4.9.0's ``china.json``, Apache-2.0): no
tile server, nothing fetched, so the map works on an air-gapped machine and in a saved page.
Provinces are keyed by the official names the places extractor writes (``江苏省``), so a
ring's place counts shade the outline without any name matching at request time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import orjson
from markupsafe import Markup, escape

# Five classes of a sequential blue scale (ColorBrewer "Blues"), none for no posts.
SHADES = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
EMPTY = "#f4f4f4"
SMALL = 12.0  # provinces narrower than this (Hong Kong, Macau) also get a visible dot


@cache
def outline() -> dict[str, Any]:
    """The bundled province outline: ``width``, ``height`` and ``provinces`` by name."""
    path = resources.files("cradlewatch.web").joinpath("static", "map", "china-provinces.json")
    data: dict[str, Any] = orjson.loads(path.read_bytes())
    return data


def shade(count: int, most: int) -> str:
    """The fill of a province with ``count`` posts when the busiest has ``most``."""
    if count <= 0 or most <= 0:
        return EMPTY
    return SHADES[min(len(SHADES), math.ceil(len(SHADES) * count / most)) - 1]


def _width(path: str) -> float:
    """Horizontal extent of an SVG path made of ``M``/``L`` commands with ``x,y`` pairs."""
    xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+),", path)]
    return max(xs) - min(xs)


@cache
def _small() -> frozenset[str]:
    return frozenset(
        name for name, shape in outline()["provinces"].items() if _width(shape["path"]) < SMALL
    )


def province_map(counts: Mapping[str, int], title: str) -> Markup:
    """Inline SVG of every province, shaded by ``counts``, each with a tooltip.

    Names in ``counts`` that the outline lacks are not drawn (the page lists the counts as
    a table too, so none is lost).
    """
    data = outline()
    most = max(counts.values(), default=0)
    width, height = data["width"], data["height"]
    body = []
    for name, shape in data["provinces"].items():
        count = counts.get(name, 0)
        fill = shade(count, most)
        label = escape(f"{name}: {count} post{'s' if count != 1 else ''}")
        body.append(
            f'<path data-role="province" data-province="{escape(name)}" data-count="{count}" '
            f'd="{shape["path"]}" fill="{fill}" stroke="#666666" stroke-width="0.8">'
            f"<title>{label}</title></path>"
        )
        if count and name in _small():
            x, y = shape["centre"]
            body.append(
                f'<circle cx="{x}" cy="{y}" r="6" fill="{fill}" stroke="#000000">'
                f"<title>{label}</title></circle>"
            )
    body += _legend(most, height)
    text = escape(title)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" data-chart="provinces" '
        f'viewBox="0 0 {width:g} {height + 50}" role="img" aria-label="{text}" '
        f'font-family="sans-serif" font-size="18"><title>{text}</title>' + "".join(body) + "</svg>"
    )


def _legend(most: int, top: float) -> list[str]:
    """One swatch per class with the post counts it stands for."""
    if most <= 0:
        return [f'<text x="10" y="{top + 35:g}">No province named in these posts.</text>']
    out = []
    classes = len(SHADES)
    for k, colour in enumerate(SHADES):
        low = math.floor(most * k / classes) + 1
        high = math.floor(most * (k + 1) / classes)
        if high < low:
            continue
        label = f"{low} post" if low == high == 1 else f"{low}–{high} posts"
        if low == high > 1:
            label = f"{low} posts"
        x = 10 + k * 130
        out.append(
            f'<rect x="{x}" y="{top + 15:g}" width="24" height="24" fill="{colour}" '
            f'stroke="#666666"/><text x="{x + 30}" y="{top + 33:g}">{label}</text>'
        )
    return out
