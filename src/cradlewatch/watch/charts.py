"""Charts for inspectors: one CUSUM chart per alerted clinician, one funnel plot per year.

PNG via matplotlib's Agg backend (no display needed on a server or an air-gapped laptop).
A chart must let someone who has never heard of a CUSUM see when the clinician's record
turned, so each panel shows the threshold, the signals, and dates on the axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from cradlewatch.watch.cusum import cusum_path  # noqa: E402
from cradlewatch.watch.funnel import Funnel, adjusted_limits  # noqa: E402
from cradlewatch.watch.monitor import WatchResult  # noqa: E402


def safe_name(text: str) -> str:
    """A file-name-safe form of a clinician id."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in text)


def cusum_chart(
    result: WatchResult,
    clinician: str,
    path: Path,
    marks: Sequence[str] = (),
) -> Path:
    """Draw all CUSUM charts of one clinician into ``path``; ``marks`` are ISO dates to flag."""
    births = result.births
    code = int(np.searchsorted(births.clinicians.astype(str), clinician))
    if code >= births.clinicians.size or births.clinicians[code] != clinician:
        raise KeyError(clinician)
    rows = slice(int(births.starts[code]), int(births.starts[code + 1]))
    dates = births.day[rows].astype("datetime64[D]")
    k = len(result.charts)
    figure, axes = plt.subplots(k, 1, figsize=(10, 1.9 * k + 0.8), sharex=True, squeeze=False)
    for j, name in enumerate(result.charts):
        axis = axes[j, 0]
        design = result.designs[j]
        path_values, signals = cusum_path(result.weights(j, rows), design.threshold)
        axis.step(dates, path_values, where="post", lw=1.0, color="#1f4e79")
        axis.axhline(design.threshold, color="#b22222", ls="--", lw=1.0)
        if signals:
            axis.plot(dates[signals], path_values[signals], "v", color="#b22222", ms=7)
        for mark in marks:
            axis.axvline(np.datetime64(mark), color="#e69500", lw=0.6, alpha=0.7)
        axis.set_ylabel(name.replace("_", "\n"), fontsize=8)
        axis.set_ylim(bottom=0)
        axis.text(
            0.995,
            0.9,
            f"h = {design.threshold:.3f}",
            transform=axis.transAxes,
            ha="right",
            va="top",
            fontsize=7,
            color="#b22222",
        )
    axes[-1, 0].xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    figure.suptitle(
        f"Risk-adjusted CUSUM (odds ratio {result.odds_ratio:g} vs 1) — clinician {clinician}",
        fontsize=10,
    )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def funnel_chart(result: WatchResult, plot: Funnel, path: Path) -> Path:
    """Draw one year's custody-loss funnel plot with 95 % and 99.8 % limits into ``path``."""
    names = result.births.clinicians
    ratio = plot.observed / plot.expected
    grid = np.linspace(max(plot.expected.min() * 0.8, 0.05), plot.expected.max() * 1.1, 300)
    figure, axis = plt.subplots(figsize=(8, 5.5))
    for coverage, style in ((0.95, ":"), (plot.coverage, "--")):
        low, high = adjusted_limits(grid, plot.tau2, coverage)
        axis.plot(grid, high, style, color="#b22222", lw=1.0, label=f"{coverage:.1%} limits")
        axis.plot(grid, low, style, color="#b22222", lw=1.0)
    axis.axhline(1.0, color="grey", lw=0.8)
    out = plot.outside
    axis.scatter(plot.expected[~out], ratio[~out], s=12, color="#1f4e79", alpha=0.6)
    axis.scatter(plot.expected[out], ratio[out], s=28, color="#b22222")
    for k in np.flatnonzero(out):
        axis.annotate(
            str(names[plot.clinicians[k]]),
            (plot.expected[k], ratio[k]),
            fontsize=7,
            xytext=(4, 2),
            textcoords="offset points",
        )
    kind = "exact Poisson" if plot.tau2 == 0 else f"overdispersion-adjusted, τ² = {plot.tau2:.3g}"
    axis.set_title(
        f"Custody loss {plot.year}: observed / expected per clinician ({kind})", fontsize=10
    )
    axis.set_xlabel("expected custody losses (case-mix model)")
    axis.set_ylabel("observed / expected")
    axis.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
