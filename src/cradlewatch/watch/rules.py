"""Record-level checks (signal ``rule``): single births that need a person to look now.

A CUSUM needs several events to separate a fraudulent clinician from chance; a fabricated
diagnosis that costs parents their baby should not wait for that. Each check below is one
pattern of the Shaanxi case that a single record can show, and each alert says which one.
The checks, their codes and thresholds live in ``rules.yaml`` so that an inspector can read
and tune them without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from cradlewatch.watch.births import UNKNOWN


@dataclass(frozen=True, slots=True)
class RuleHit:
    """One birth that matched one check."""

    code: str
    row: int
    reason: str
    statistic: float
    threshold: float | None


@cache
def rule_texts() -> dict[str, dict[str, object]]:
    """Codes, explanations and thresholds of the checks (``rules.yaml``)."""
    text = resources.files("cradlewatch.watch").joinpath("rules.yaml").read_text("utf-8")
    data: dict[str, dict[str, object]] = yaml.safe_load(text)
    return data


def _flag(outcomes: dict[str, np.ndarray], name: str, n: int) -> np.ndarray:
    return outcomes[name] == 1 if name in outcomes else np.zeros(n, dtype=bool)


def check_records(
    outcomes: dict[str, np.ndarray],
    confirmed: np.ndarray,
    severe_risk: np.ndarray,
    clinician: np.ndarray,
    day: np.ndarray,
) -> list[RuleHit]:
    """All rule hits, at most one per birth (the first matching check in ``rules.yaml``).

    ``severe_risk`` is each birth's predicted probability of a severe diagnosis; rows must be
    grouped by ``clinician`` and in date order within a clinician (as ``BirthTable`` is).
    """
    n = confirmed.size
    texts = rule_texts()
    severe = _flag(outcomes, "severe_diagnosis", n)
    relinquished = _flag(outcomes, "relinquished", n)
    transferred = _flag(outcomes, "transferred_out", n)
    died = _flag(outcomes, "death_reported", n)
    not_confirmed = confirmed != 1
    base_rate = float(severe.mean()) if n else 0.0
    spec = texts["improbable_diagnosis_repeat"]
    ratio = float(spec["risk_ratio"])  # type: ignore[arg-type]
    window = int(spec["window_days"])  # type: ignore[call-overload]
    cutoff = base_rate / ratio
    first = severe & not_confirmed & (relinquished | died)
    second = severe & (confirmed == 0) & transferred & ~first
    improbable = (
        severe & not_confirmed & (relinquished | died | transferred) & (severe_risk <= cutoff)
    )
    masks = {
        "unconfirmed_custody_loss": first,
        "refuted_diagnosis_transfer": second,
        "improbable_diagnosis_repeat": improbable
        & ~first
        & ~second
        & _follows(first | second | improbable, clinician, day, window),
    }
    hits: list[RuleHit] = []
    for code, mask in masks.items():
        template = str(texts[code]["reason"])
        for row in np.flatnonzero(mask):
            ending = ", ".join(
                word
                for word, flag in (
                    ("relinquished", relinquished),
                    ("transferred out", transferred),
                    ("reported dead", died),
                )
                if flag[row]
            )
            status = "unknown" if confirmed[row] == UNKNOWN else str(int(confirmed[row]))
            reason = template.format(
                ending=ending,
                confirmed=status,
                risk=float(severe_risk[row]),
                base=base_rate,
                ratio=ratio,
                window=window,
            )
            limit = cutoff if code == "improbable_diagnosis_repeat" else None
            hits.append(
                RuleHit(code, int(row), f"{code}: {reason}", float(severe_risk[row]), limit)
            )
    hits.sort(key=lambda hit: hit.row)
    return hits


def _follows(
    suspicious: np.ndarray, clinician: np.ndarray, day: np.ndarray, window: int
) -> np.ndarray:
    """Rows that come within ``window`` days after an earlier suspicious row of the same clinician."""
    rows = np.flatnonzero(suspicious)
    out = np.zeros(suspicious.size, dtype=bool)
    if rows.size < 2:
        return out
    earlier, later = rows[:-1], rows[1:]
    close = (clinician[earlier] == clinician[later]) & (day[later] - day[earlier] <= window)
    out[later[close]] = True
    return out
