"""Watch against the scenario's ground truth, beside the methods inspectors use today.

Two numbers matter to an inspectorate: how many babies are lost before a fraudulent
clinician is flagged (detection delay, counted in fraudulent events up to and including the
alerting birth) and how many honest clinicians it must investigate for nothing (false-alarm
clinicians). We report them for Watch as a whole (clinicians it flags: a CUSUM or funnel
alert, or two record-level rule hits within two years), for any single alert, for each
signal alone, and for a raw-rate league table (each year the top 1 % of clinicians by crude
custody-loss rate to date), the usual hospital-statistics practice that ignores case mix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cradlewatch.watch.alerts import Alert, flagged_clinicians
from cradlewatch.watch.monitor import CUSTODY_LOSS, WatchResult

RAW_RATE_SHARE = 0.01  # the league table flags this share of clinicians each year


@dataclass(slots=True)
class MethodScore:
    """Detection and false alarms of one method."""

    method: str
    detected: int
    fraudulent: int
    delays: dict[str, int | None]
    false_alarm_clinicians: list[str]
    honest: int
    cluster_flagged: bool

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarm_clinicians) / self.honest if self.honest else 0.0

    @property
    def worst_delay(self) -> int | None:
        values = list(self.delays.values())
        if not values or any(v is None for v in values):
            return None
        return max(v for v in values if v is not None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "detected": self.detected,
            "fraudulent": self.fraudulent,
            "delays": self.delays,
            "worst_delay": self.worst_delay,
            "false_alarm_clinicians": self.false_alarm_clinicians,
            "false_alarm_rate": self.false_alarm_rate,
            "honest": self.honest,
            "cluster_flagged": self.cluster_flagged,
        }


@dataclass(slots=True)
class Evaluation:
    """Scores of every method on one scenario."""

    scores: list[MethodScore]
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"facts": self.facts, "methods": [score.as_dict() for score in self.scores]}


def _first_alerts(alerts: list[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Earliest (date, birth_id) alert per clinician from (clinician, date, birth_id)."""
    first: dict[str, tuple[str, str]] = {}
    for clinician, date, birth_id in alerts:
        key = (date, birth_id)
        if clinician not in first or key < first[clinician]:
            first[clinician] = key
    return first


def _score(method: str, alerts: list[tuple[str, str, str]], truth: dict[str, Any]) -> MethodScore:
    fraud = list(truth["fraudulent_clinicians"])
    events: dict[str, list[tuple[str, str]]] = {name: [] for name in fraud}
    for event in truth["fraud_events"]:
        events[event["clinician"]].append((event["date"], event["birth_id"]))
    first = _first_alerts(alerts)
    delays: dict[str, int | None] = {}
    for name in fraud:
        if name in first:
            delays[name] = sum(1 for key in events[name] if key <= first[name])
        else:
            delays[name] = None
    flagged = set(first)
    honest = [name for name in truth["clinicians"] if name not in set(fraud)]
    return MethodScore(
        method=method,
        detected=sum(1 for name in fraud if name in flagged),
        fraudulent=len(fraud),
        delays=delays,
        false_alarm_clinicians=sorted(name for name in honest if name in flagged),
        honest=len(honest),
        cluster_flagged=truth["honest_cluster_clinician"] in flagged,
    )


def raw_rate_alerts(
    result: WatchResult, share: float = RAW_RATE_SHARE
) -> list[tuple[str, str, str]]:
    """The league-table baseline: each year-end, flag the top ``share`` by crude rate to date."""
    births = result.births
    j = result.charts.index(CUSTODY_LOSS)
    years = births.day.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    m = births.clinicians.size
    top = max(1, math.ceil(share * m))
    seen = np.zeros(m)
    lost = np.zeros(m)
    out: list[tuple[str, str, str]] = []
    for year in np.unique(years):
        rows = np.flatnonzero(years == year)
        who = births.clinician[rows]
        seen += np.bincount(who, minlength=m)
        lost += np.bincount(who, weights=result.events[rows, j], minlength=m)
        last = np.full(m, -1, dtype=np.int64)
        last[who] = rows
        rate = np.where(seen > 0, lost / np.maximum(seen, 1), -1.0)
        for c in np.argsort(-rate, kind="stable")[:top]:
            if last[c] >= 0:
                out.append(
                    (str(births.clinicians[c]), births.date(int(last[c])), births.id(int(last[c])))
                )
    return out


def evaluate(result: WatchResult, truth: dict[str, Any]) -> Evaluation:
    """Score Watch, each of its signals, and the raw-rate league table on ``truth``."""

    def keys(selected: list[Alert]) -> list[tuple[str, str, str]]:
        return [(a.clinician, a.alert_date, a.alert_birth_id) for a in selected]

    alerts = result.alerts
    rules = [a for a in alerts if a.signal == "rule"]
    scores = [
        _score("watch (flagged)", keys(list(flagged_clinicians(alerts).values())), truth),
        _score("any single alert", keys(alerts), truth),
        _score("rules (2 within 2 years)", keys(list(flagged_clinicians(rules).values())), truth),
        _score("cusum only", keys([a for a in alerts if a.signal == "cusum"]), truth),
        _score("funnel only", keys([a for a in alerts if a.signal == "funnel"]), truth),
        _score("raw-rate ranking (top 1%/year)", raw_rate_alerts(result), truth),
    ]
    facts = {
        "births": len(result.births),
        "clinicians": int(result.births.clinicians.size),
        "fraud_events": len(truth["fraud_events"]),
        "expected_false_alarms_per_year": result.expected_false_alarms_per_year,
        "thresholds": {d.outcome: d.threshold for d in result.designs},
    }
    return Evaluation(scores, facts)
