"""The numbers behind Watch's charts, as data: ``series.json`` in the report folder.

The PNG charts are pictures; the Workbench draws its own charts (inline SVG, with the alert
being reviewed highlighted) and its JSON twin hands the same numbers to scripts, so it needs
the series themselves. Watch is stateless and the workspace never holds birth records, so the
series are written here, next to the alerts they explain, and ``workspace import-watch``
loads them. The values are the ones ``charts.py`` draws: ``cusum_path`` over the clinician's
weights with restart after each signal, and each year's funnel counts.

Format (one JSON object)::

    {"cusum": {CLINICIAN: {"start": "2012-01-03", "days": [0, 2, ...], "odds_ratio": 2.0,
                           "charts": [{"outcome", "threshold", "values", "signals",
                                       "signal_births"}]}},
     "funnels": [{"year", "outcome", "coverage", "tau2", "phi",
                  "clinicians", "observed", "expected"}]}

``days`` counts days since ``start`` for each birth of the clinician in time order;
``values`` is the chart after each birth; ``signals`` index the births where it reached the
threshold ``h`` (``signal_births`` their ids).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from cradlewatch.watch.cusum import cusum_path
from cradlewatch.watch.monitor import CUSTODY_LOSS, WatchResult

DECIMALS = 4  # a chart value to 1e-4 of a threshold of 3 to 10 is finer than any drawing


def clinician_rows(result: WatchResult, clinician: str) -> slice:
    """The rows of one clinician's births (the table is sorted by clinician)."""
    births = result.births
    code = int(np.searchsorted(births.clinicians.astype(str), clinician))
    if code >= births.clinicians.size or births.clinicians[code] != clinician:
        raise KeyError(clinician)
    return slice(int(births.starts[code]), int(births.starts[code + 1]))


def cusum_series(result: WatchResult, clinician: str) -> dict[str, Any]:
    """Every CUSUM chart of one clinician, birth by birth, with its threshold and signals."""
    births = result.births
    rows = clinician_rows(result, clinician)
    days = births.day[rows]
    charts = []
    for j, outcome in enumerate(result.charts):
        threshold = result.designs[j].threshold
        values, signals = cusum_path(result.weights(j, rows), threshold)
        charts.append(
            {
                "outcome": outcome,
                "threshold": threshold,
                "values": np.round(values, DECIMALS).tolist(),
                "signals": signals,
                "signal_births": [births.id(rows.start + s) for s in signals],
            }
        )
    return {
        "start": births.date(rows.start),
        "days": (days - days[0]).tolist(),
        "odds_ratio": result.odds_ratio,
        "charts": charts,
    }


def funnel_series(result: WatchResult) -> list[dict[str, Any]]:
    """Each year's custody-loss funnel: every clinician's observed and expected count."""
    names = result.births.clinicians
    return [
        {
            "year": plot.year,
            "outcome": CUSTODY_LOSS,
            "coverage": plot.coverage,
            "tau2": plot.tau2,
            "phi": plot.phi,
            "clinicians": [str(names[c]) for c in plot.clinicians],
            "observed": plot.observed.astype(int).tolist(),
            "expected": np.round(plot.expected, DECIMALS).tolist(),
        }
        for plot in result.funnels
    ]


def write_series(result: WatchResult, clinicians: Iterable[str], path: Path) -> Path:
    """Write the CUSUM series of ``clinicians`` (the alerted ones) and all funnels."""
    data = {
        "cusum": {name: cusum_series(result, name) for name in sorted(set(clinicians))},
        "funnels": funnel_series(result),
    }
    path.write_bytes(orjson.dumps(data))
    return path
