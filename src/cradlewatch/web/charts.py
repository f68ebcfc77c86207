"""Charts drawn on the server as inline SVG: a CUSUM path, a funnel plot, a timeline.

Why SVG strings and not a JavaScript chart library: the Workbench's pages must work with no
network and under ``Content-Security-Policy: default-src 'self'``, the chart must be in the
page an analyst saves or prints, and the same numbers must be testable without a browser.
Colours and strokes are presentation attributes (inline ``style`` would be blocked by the CSP).
Every label passes through :func:`markupsafe.escape`; every mark an analyst may point at
carries a ``<title>`` (the browser's tooltip) and a ``data-role`` naming what it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

EPOCH = date(1970, 1, 1)
INK = "#1f4e79"
ALARM = "#b22222"
MUTED = "#888888"
GRID = "#dddddd"
MIN_BARS = 8  # a timeline is at least this many periods wide
MAX_POINTS = 1500  # points of one drawn line; more than the pixels the chart is wide


@dataclass(frozen=True, slots=True)
class Scale:
    """A linear map from data values ``[low, high]`` to pixels ``[start, end]``."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


@dataclass(frozen=True, slots=True)
class Frame:
    """The plotting area of one chart and its two scales."""

    width: int
    height: int
    x: Scale
    y: Scale

    @classmethod
    def make(cls, width: int, height: int, x: tuple[float, float], y: tuple[float, float]) -> Frame:
        left, right, top, bottom = 58, 16, 30, 40
        return cls(
            width,
            height,
            Scale(x[0], x[1], left, width - right),
            Scale(y[0], y[1], height - bottom, top),
        )


def day_of(iso: str) -> int:
    """Days since 1970-01-01 of an ISO date (or the date part of an ISO time)."""
    return (date.fromisoformat(iso[:10]) - EPOCH).days


def iso_of(day: int) -> str:
    return (EPOCH + timedelta(days=int(day))).isoformat()


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering ``[low, high]``."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def date_ticks(first: int, last: int, most: int = 8) -> list[tuple[int, str]]:
    """Ticks between two days, as (day, label): every 1, 2, 7 or 14 days over a short span
    (Mondays for weeks), else month starts (every 1, 2, 3, 6, 12… months)."""
    if last - first < 62:
        step = next(s for s in (1, 2, 7, 14, 31) if (last - first + 1) / s <= most)
        day = first if step < 7 else first + (-(first - 4)) % 7  # 1970-01-05 was a Monday
        return [(d, iso_of(d)) for d in range(day, last + 1, step)]
    start, end = EPOCH + timedelta(days=first), EPOCH + timedelta(days=last)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120, 1200) if months / s <= most)
    ticks = []
    index = start.year * 12 + start.month - 1
    index += -index % step
    while True:
        tick = date(index // 12, index % 12 + 1, 1)
        if tick > end:
            break
        if tick >= start:
            label = tick.strftime("%Y") if step >= 12 else tick.strftime("%Y-%m")
            ticks.append(((tick - EPOCH).days, label))
        index += step
    return ticks


def _n(value: float) -> str:
    return f"{value:.1f}"


def _svg(frame: Frame, label: str, body: list[str], kind: str) -> Markup:
    text = escape(label)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{kind}" '
        f'viewBox="0 0 {frame.width} {frame.height}" role="img" aria-label="{text}" '
        f'font-family="sans-serif" font-size="11"><title>{text}</title>' + "".join(body) + "</svg>"
    )


def _axes(
    frame: Frame,
    x_ticks: Sequence[tuple[float, str]],
    y_ticks: Sequence[float],
    x_label: str,
    y_label: str,
) -> list[str]:
    """Grid lines, tick labels and axis titles (labels escaped)."""
    x0, x1 = frame.x.start, frame.x.end
    y0, y1 = frame.y.start, frame.y.end
    out = [
        f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y0)}" stroke="{MUTED}"/>',
        f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x0)}" y2="{_n(y1)}" stroke="{MUTED}"/>',
    ]
    for value, label in x_ticks:
        x = _n(frame.x(value))
        out.append(f'<line x1="{x}" y1="{_n(y0)}" x2="{x}" y2="{_n(y1)}" stroke="{GRID}"/>')
        out.append(f'<text x="{x}" y="{_n(y0 + 14)}" text-anchor="middle">{escape(label)}</text>')
    for value in y_ticks:
        y = _n(frame.y(value))
        out.append(f'<line x1="{_n(x0)}" y1="{y}" x2="{_n(x1)}" y2="{y}" stroke="{GRID}"/>')
        out.append(f'<text x="{_n(x0 - 5)}" y="{y}" dy="4" text-anchor="end">{value:g}</text>')
    out.append(
        f'<text x="{_n((x0 + x1) / 2)}" y="{frame.height - 6}" text-anchor="middle">'
        f"{escape(x_label)}</text>"
    )
    out.append(
        f'<text transform="translate(13 {_n((y0 + y1) / 2)}) rotate(-90)" '
        f'text-anchor="middle">{escape(y_label)}</text>'
    )
    return out


def thin(values: Sequence[float], keep: Sequence[int], limit: int = MAX_POINTS) -> list[int]:
    """Indices of the points to draw: all of them when few, else each bucket's lowest and
    highest (the line's envelope survives) plus ``keep`` (alarms) and both ends."""
    n = len(values)
    if n <= limit:
        return list(range(n))
    chosen = {0, n - 1, *keep}
    size = math.ceil(n / (limit // 2))
    for begin in range(0, n, size):
        bucket = range(begin, min(begin + size, n))
        chosen.add(min(bucket, key=values.__getitem__))
        chosen.add(max(bucket, key=values.__getitem__))
    return sorted(chosen)


def cusum_chart(
    days: Sequence[int],
    values: Sequence[float],
    threshold: float,
    alarms: Sequence[tuple[int, str]],
    title: str,
) -> Markup:
    """One CUSUM chart: the path birth by birth, the control limit ``h``, the alarm points.

    ``days`` are the births' days since 1970-01-01, ``values`` the chart after each birth,
    ``alarms`` (index, tooltip) the births where the chart reached ``h``.
    """
    top = max(threshold, max(values, default=0.0)) * 1.1
    frame = Frame.make(720, 230, (days[0], max(days[-1], days[0] + 1)), (0.0, top))
    body = _axes(
        frame,
        date_ticks(days[0], days[-1]),
        nice_ticks(0.0, top),
        "birth date",
        "CUSUM",
    )
    drawn = thin(values, [index for index, _ in alarms])
    points = " ".join(f"{_n(frame.x(days[i]))},{_n(frame.y(values[i]))}" for i in drawn)
    body.append(
        f'<polyline data-role="path" points="{points}" fill="none" stroke="{INK}" '
        f'stroke-width="1.2"/>'
    )
    y = _n(frame.y(threshold))
    body.append(
        f'<line data-role="limit" x1="{_n(frame.x.start)}" y1="{y}" x2="{_n(frame.x.end)}" '
        f'y2="{y}" stroke="{ALARM}" stroke-dasharray="6 3"><title>control limit h = '
        f"{threshold:.4f}</title></line>"
    )
    body.append(
        f'<text x="{_n(frame.x.start + 4)}" y="{y}" dy="-4" fill="{ALARM}">'
        f"h = {threshold:.3f}</text>"
    )
    for index, tooltip in alarms:
        x, y = _n(frame.x(days[index])), _n(frame.y(values[index]))
        body.append(
            f'<path data-role="alarm" d="M{x},{y}m-6,-11h12l-6,10z" fill="{ALARM}">'
            f"<title>{escape(tooltip)}</title></path>"
        )
    body.append(f'<text x="{_n(frame.x.start)}" y="18" font-weight="bold">{escape(title)}</text>')
    return _svg(frame, title, body, "cusum")


@dataclass(frozen=True, slots=True)
class FunnelPoint:
    """One clinician on a funnel plot."""

    clinician: str
    observed: int
    expected: float
    outside: bool

    @property
    def ratio(self) -> float:
        return self.observed / self.expected


@dataclass(frozen=True, slots=True)
class LimitCurve:
    """Upper and lower limits of O/E at one coverage, along a grid of expected counts."""

    coverage: float
    expected: Sequence[float]
    lower: Sequence[float]
    upper: Sequence[float]


def funnel_plot(
    points: Sequence[FunnelPoint], limits: Sequence[LimitCurve], highlight: str, title: str
) -> Markup:
    """Observed/expected against expected, with limit curves; ``highlight`` drawn apart."""
    ratios = [p.ratio for p in points]
    top = max(2.0, max(ratios, default=1.0) * 1.15)
    right = max((p.expected for p in points), default=1.0) * 1.05
    frame = Frame.make(720, 400, (0.0, right), (0.0, top))
    body = _axes(
        frame,
        [(t, f"{t:g}") for t in nice_ticks(0.0, right)],
        nice_ticks(0.0, top),
        "expected events (case-mix model)",
        "observed / expected",
    )
    y = _n(frame.y(1.0))
    body.append(
        f'<line x1="{_n(frame.x.start)}" y1="{y}" x2="{_n(frame.x.end)}" y2="{y}" '
        f'stroke="{MUTED}"/>'
    )
    for curve in limits:
        dash = "2 3" if curve.coverage < 0.99 else "7 3"
        for side, values in (("upper", curve.upper), ("lower", curve.lower)):
            inside = [
                (e, v)
                for e, v in zip(curve.expected, values, strict=True)
                if math.isfinite(v) and 0.0 <= v <= top
            ]
            line = " ".join(f"{_n(frame.x(e))},{_n(frame.y(v))}" for e, v in inside)
            body.append(
                f'<polyline data-role="limit" data-coverage="{curve.coverage:g}" '
                f'data-side="{side}" points="{line}" fill="none" stroke="{ALARM}" '
                f'stroke-dasharray="{dash}"><title>{curve.coverage:.1%} {side} limit</title>'
                "</polyline>"
            )
    chosen = None
    for p in points:
        if p.clinician == highlight:
            chosen = p
            continue
        colour = ALARM if p.outside else INK
        body.append(
            f'<circle data-role="clinician" cx="{_n(frame.x(p.expected))}" '
            f'cy="{_n(frame.y(p.ratio))}" r="3" fill="{colour}" fill-opacity="0.6">'
            f"<title>{escape(_point_label(p))}</title></circle>"
        )
    if chosen is not None:
        cx, cy = _n(frame.x(chosen.expected)), _n(frame.y(chosen.ratio))
        body.append(
            f'<circle data-role="highlight" data-clinician="{escape(chosen.clinician)}" '
            f'cx="{cx}" cy="{cy}" r="6.5" fill="{ALARM if chosen.outside else INK}" '
            f'stroke="#000000" stroke-width="2"><title>{escape(_point_label(chosen))}</title>'
            f'</circle><text x="{cx}" y="{cy}" dx="9" dy="-7" font-weight="bold">'
            f"{escape(chosen.clinician)}</text>"
        )
    body.append(f'<text x="{_n(frame.x.start)}" y="18" font-weight="bold">{escape(title)}</text>')
    return _svg(frame, title, body, "funnel")


def _point_label(p: FunnelPoint) -> str:
    where = "above the limit" if p.outside else "within the limits"
    return (
        f"{p.clinician}: {p.observed} observed, {p.expected:.2f} expected "
        f"(O/E {p.ratio:.2f}), {where}"
    )


def timeline(bars: Sequence[tuple[int, int, int]], unit: str, title: str) -> Markup:
    """Counts per period as bars; ``bars`` are (first day, last day, count) in time order."""
    first, last = bars[0][0], bars[-1][1] + 1
    room = MIN_BARS * (bars[0][1] + 1 - bars[0][0]) - (last - first)
    if room > 0:  # a short ring is drawn in the middle of a few periods, not as one slab
        first, last = first - room // 2, last + room - room // 2
    top = max(count for _, _, count in bars) * 1.15
    frame = Frame.make(720, 200, (first, last), (0.0, top))
    ticks = [t for t in nice_ticks(0.0, top) if t == int(t)]
    body = _axes(frame, date_ticks(first, last - 1), ticks, unit, "posts")
    for begin, end, count in bars:
        x0, x1 = frame.x(begin), frame.x(end + 1)
        y = frame.y(count)
        tooltip = f"{iso_of(begin)} – {iso_of(end)}: {count} posts"
        body.append(
            f'<rect data-role="bar" data-count="{count}" x="{_n(x0 + 0.5)}" y="{_n(y)}" '
            f'width="{_n(max(x1 - x0 - 1.0, 1.0))}" height="{_n(frame.y.start - y)}" '
            f'fill="{INK}"><title>{escape(tooltip)}</title></rect>'
        )
    body.append(f'<text x="{_n(frame.x.start)}" y="18" font-weight="bold">{escape(title)}</text>')
    return _svg(frame, title, body, "timeline")
