"""Server-drawn SVG charts: the marks an analyst relies on are there, placed right, escaped."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from xml.etree import ElementTree

from cradlewatch.web.charts import (
    FunnelPoint,
    LimitCurve,
    Scale,
    cusum_chart,
    date_ticks,
    day_of,
    funnel_plot,
    nice_ticks,
    thin,
    timeline,
)
from cradlewatch.web.province_map import EMPTY, SHADES, outline, province_map, shade

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]
OUTLINE = ROOT / "src" / "cradlewatch" / "web" / "static" / "map" / "china-provinces.json"
HOSTILE = "<script>alert('x')</script> & \"q\""


def parse(svg: str) -> ElementTree.Element:
    """The SVG as XML: it must be well-formed for a browser to draw it inline."""
    return ElementTree.fromstring(svg)


def marks(root: ElementTree.Element, role: str) -> list[ElementTree.Element]:
    return [e for e in root.iter() if e.get("data-role") == role]


def test_cusum_chart_draws_path_limit_and_alarm_at_the_right_places() -> None:
    days = [day_of("2013-01-01") + 7 * k for k in range(10)]
    values = [0.0, 1.0, 2.0, 3.5, 4.4, 0.0, 0.5, 1.0, 0.0, 0.2]
    svg = cusum_chart(days, values, 4.2, [(4, "alarm at B5")], "Dr <X>")
    root = parse(svg)
    path = marks(root, "path")[0].get("points", "").split()
    assert len(path) == len(values)
    (limit,) = marks(root, "limit")
    (alarm,) = marks(root, "alarm")
    assert alarm.find(f"{SVG}title").text == "alarm at B5"
    # the alarm marker's tip sits on the 5th point; the limit line lies below it (y grows down)
    x5, y5 = map(float, path[4].split(","))
    tip = re.match(r"M([\d.]+),([\d.]+)", alarm.get("d", ""))
    assert tip and (float(tip.group(1)), float(tip.group(2))) == (x5, y5)
    assert float(limit.get("y1", "0")) > y5
    assert "Dr &lt;X&gt;" in svg and "<X>" not in svg


def test_thin_keeps_alarms_and_the_envelope() -> None:
    values = [float(k % 97) for k in range(20_000)]
    values[12_345] = 500.0
    kept = thin(values, [777])
    assert len(kept) <= 1600 and 777 in kept and 12_345 in kept
    assert kept[0] == 0 and kept[-1] == len(values) - 1
    assert thin(values[:10], []) == list(range(10))


def test_funnel_plot_highlights_one_clinician_among_peers_and_escapes_names() -> None:
    points = [
        FunnelPoint("Dr-A", 2, 2.0, False),
        FunnelPoint(HOSTILE, 9, 2.5, True),
        FunnelPoint("Dr-Z", 12, 1.5, True),
    ]
    limits = [
        LimitCurve(0.95, [0.5, 1.0, 2.0, 3.0], [0.0, 0.1, 0.3, 0.4], [5.0, 3.0, 2.2, 1.9]),
        LimitCurve(0.998, [0.5, 1.0, 2.0, 3.0], [0.0, 0.0, 0.1, 0.2], [9.0, 6.0, 3.9, 3.1]),
    ]
    svg = funnel_plot(points, limits, "Dr-Z", "custody_loss 2013")
    root = parse(svg)
    (chosen,) = marks(root, "highlight")
    assert chosen.get("data-clinician") == "Dr-Z"
    assert len(marks(root, "clinician")) == 2  # the peers, drawn apart from the highlight
    coverages = {(e.get("data-coverage"), e.get("data-side")) for e in marks(root, "limit")}
    assert coverages == {
        ("0.95", "upper"),
        ("0.95", "lower"),
        ("0.998", "upper"),
        ("0.998", "lower"),
    }
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    # the highlighted point sits at E = 1.5, O/E = 8 on the plot's scales
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert any(t and t.startswith("Dr-Z: 12 observed, 1.50 expected (O/E 8.00)") for t in titles)


def test_timeline_has_one_bar_per_period_with_its_count() -> None:
    start = day_of("2014-01-06")
    bars = [(start + 7 * k, start + 7 * k + 6, count) for k, count in enumerate([3, 0, 1])]
    root = parse(timeline(bars, "week", "Ring R1"))
    assert [int(b.get("data-count", "-1")) for b in marks(root, "bar")] == [3, 0, 1]


def test_ticks_are_round_and_cover_the_range() -> None:
    assert nice_ticks(0.0, 9.4) == [0.0, 2.0, 4.0, 6.0, 8.0]
    ticks = date_ticks(day_of("2012-03-15"), day_of("2016-11-02"))
    assert [label for _, label in ticks] == ["2013", "2014", "2015", "2016"]
    assert [label for _, label in date_ticks(day_of("2014-01-10"), day_of("2014-03-20"))] == [
        "2014-02",
        "2014-03",
    ]
    weeks = date_ticks(day_of("2024-01-26"), day_of("2024-03-13"))
    assert weeks[0][1] == "2024-01-29" and all(d % 7 == 4 for d, _ in weeks)  # Mondays
    assert Scale(0.0, 10.0, 100.0, 0.0)(2.5) == 75.0


def _official_provinces() -> set[str]:
    places = ROOT / "src" / "cradlewatch" / "find" / "extract" / "places.csv"
    with places.open(encoding="utf-8", newline="") as handle:
        return {row["province"] for row in csv.DictReader(handle)}


def test_outline_uses_the_place_extractors_province_names_and_stays_small() -> None:
    assert set(outline()["provinces"]) == _official_provinces()
    assert OUTLINE.stat().st_size < 300_000
    assert (OUTLINE.parent / "echarts.LICENSE.txt").exists()


def test_map_shades_exactly_the_provinces_with_posts() -> None:
    counts = {"江苏省": 4, "浙江省": 1, "香港特别行政区": 2, "Atlantis": 3}
    root = parse(province_map(counts, HOSTILE))
    provinces = {p.get("data-province"): p for p in marks(root, "province")}
    assert set(provinces) == _official_provinces()  # every province drawn, none invented
    shaded = {name for name, p in provinces.items() if p.get("fill") != EMPTY}
    assert shaded == {"江苏省", "浙江省", "香港特别行政区"}
    assert provinces["江苏省"].get("fill") == SHADES[-1]
    assert provinces["浙江省"].get("data-count") == "1"
    assert provinces["江苏省"].find(f"{SVG}title").text == "江苏省: 4 posts"
    assert root.get("aria-label") == HOSTILE  # escaped in the markup, intact once parsed


def test_shade_classes() -> None:
    assert shade(0, 10) == EMPTY
    assert shade(1, 10) == SHADES[0] and shade(10, 10) == SHADES[-1]
    assert shade(5, 10) == SHADES[2]
