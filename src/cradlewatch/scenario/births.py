"""Synthetic births for Watch, with ground truth (``births.yaml`` holds every parameter).

The world: hospitals of three levels (city, county, township) whose case mixes differ —
city hospitals take older mothers and more preterm births — so that a raw-rate ranking
wrongly points at city clinicians while a risk-adjusted method should not. Honest outcomes
follow logistic models of the covariates. Into this world we put:

* Zhang-like clinicians: every few months a healthy baby (term, normal weight) receives a
  fabricated severe diagnosis that is never confirmed, and the baby is relinquished or
  reported dead — the pattern of the Fuping (Shaanxi) obstetrician who sold seven newborns;
* one honest clinician with a real cluster of confirmed anomalies within two months, which
  a good surveillance system must not mistake for fraud.

Everything is vectorised numpy (millions of births in seconds) and seeded, so the demo, the
tests and the benchmark see the same world. All records are invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import yaml

COLUMNS = (
    "birth_id",
    "date",
    "hospital",
    "clinician",
    "severe_diagnosis",
    "relinquished",
    "transferred_out",
    "death_reported",
    "confirmed",
    "maternal_age",
    "gestation_weeks",
    "birth_weight_g",
)
ENDINGS = ("relinquished", "death_reported", "transferred_out")


def load_config() -> dict[str, Any]:
    """The scenario parameters of ``births.yaml``."""
    text = resources.files("cradlewatch.scenario").joinpath("births.yaml").read_text("utf-8")
    config: dict[str, Any] = yaml.safe_load(text)
    return config


@dataclass(slots=True)
class BirthWorld:
    """Generated births (in date order, CONTRACTS §5 columns) and the ground truth."""

    births: pa.Table
    truth: dict[str, Any]

    def column(self, name: str) -> list[Any]:
        """One column as Python values (flags and covariates as numbers, dates as text)."""
        values = self.births.column(name)
        if pa.types.is_date32(values.type):
            values = pc.cast(values, pa.string())
        return list(values.to_pylist())


def _logit(
    spec: dict[str, float], age: np.ndarray, gest: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    eta = (
        spec["intercept"]
        + spec["age"] * (age - 28.0)
        + spec["gestation"] * (gest - 39.0)
        + spec["weight"] * (weight - 3300.0)
    )
    return np.asarray(1.0 / (1.0 + np.exp(-eta)))


def _clinicians(config: dict[str, Any], rng: np.random.Generator, scale: float) -> dict[str, Any]:
    names, hospitals, levels, rates = [], [], [], []
    for level, spec in enumerate(config["levels"]):
        count = max(1, int(round(spec["hospitals"] * scale)))
        for h in range(1, count + 1):
            hospital = f"{spec['prefix']}-H{h:03d}"
            low, high = spec["clinicians"]
            for c in range(1, int(rng.integers(low, high + 1)) + 1):
                names.append(f"{hospital}-D{c:02d}")
                hospitals.append(hospital)
                levels.append(level)
                rates.append(
                    int(rng.integers(spec["births_per_year"][0], spec["births_per_year"][1] + 1))
                )
    return {
        "name": np.asarray(names),
        "hospital": np.asarray(hospitals),
        "level": np.asarray(levels),
        "rate": np.asarray(rates),
    }


def generate_births(
    seed: int = 20140217, scale: float = 1.0, config: dict[str, Any] | None = None
) -> BirthWorld:
    """Generate the births world; ``scale`` multiplies the number of hospitals."""
    config = config or load_config()
    rng = np.random.default_rng(seed)
    years = int(config["years"])
    start = np.datetime64(config["start"], "D")
    span = int(round(years * 365.25))
    staff = _clinicians(config, rng, scale)
    per = staff["rate"] * years
    who = np.repeat(np.arange(per.size), per)
    n = who.size
    level = staff["level"][who]
    day = rng.integers(0, span, n)

    age_mean = np.array([spec["maternal_age"][0] for spec in config["levels"]])[level]
    age_sd = np.array([spec["maternal_age"][1] for spec in config["levels"]])[level]
    age = np.clip(np.round(rng.normal(age_mean, age_sd)), 16, 48)
    preterm = rng.random(n) < np.array([spec["preterm_share"] for spec in config["levels"]])[level]
    gest = np.where(preterm, rng.uniform(27.0, 37.0, n), rng.normal(39.3, 1.1, n))
    gest = np.floor(np.clip(gest, 24.0, 42.9))
    weight = np.round(np.clip(3350.0 - 190.0 * (39.0 - gest) + rng.normal(0, 380, n), 450, 5400))

    truth = config["truth"]
    severe = rng.random(n) < _logit(truth["severe_diagnosis"], age, gest, weight)
    flags = {name: rng.random(n) < _logit(truth[name], age, gest, weight) for name in ENDINGS}
    confirmed = np.full(n, -1, dtype=np.int8)
    draw = rng.random(n)
    conf = config["confirmation"]
    confirmed[severe & (draw < conf["confirmed"])] = 1
    confirmed[
        severe & (draw >= conf["confirmed"]) & (draw < conf["confirmed"] + conf["refuted"])
    ] = 0
    status = {"confirmed": confirmed == 1, "refuted": confirmed == 0, "unknown": confirmed == -1}
    ending = rng.random(n)
    for key, rows in status.items():
        _set_endings(flags, severe & rows, ending, config["after_diagnosis"][key])

    taken = np.zeros(n, dtype=bool)
    fraud_clinicians, events = _fabricate(
        config, rng, staff, who, day, age, gest, weight, severe, confirmed, flags, taken, span
    )
    cluster_clinician, cluster_rows = _cluster(
        config, rng, staff, who, day, severe, confirmed, flags, taken, fraud_clinicians, span
    )

    order = np.lexsort((who, day))
    position = np.empty(n, dtype=np.int64)  # position of each generated birth in date order
    position[order] = np.arange(n)

    def birth_id(row: int) -> str:
        return f"B{int(position[row]) + 1:07d}"

    def date_of(row: int) -> str:
        return str(start + int(day[row]))

    numbers = pc.cast(pa.array(np.arange(1, n + 1)), pa.string())
    columns = {
        "birth_id": pc.binary_join_element_wise("B", pc.utf8_lpad(numbers, 7, "0"), ""),
        "date": pa.array((start.astype(np.int64) + day[order]).astype(np.int32), pa.date32()),
        "hospital": pc.take(pa.array(staff["hospital"]), pa.array(who[order])),
        "clinician": pc.take(pa.array(staff["name"]), pa.array(who[order])),
        "severe_diagnosis": pa.array(severe[order].astype(np.int8)),
        **{name: pa.array(flags[name][order].astype(np.int8)) for name in ENDINGS},
        "confirmed": pa.array(confirmed[order], mask=confirmed[order] == -1),
        "maternal_age": pa.array(age[order].astype(np.int64)),
        "gestation_weeks": pa.array(gest[order].astype(np.int64)),
        "birth_weight_g": pa.array(weight[order].astype(np.int64)),
    }
    fraud_events = [
        {
            "clinician": str(staff["name"][who[row]]),
            "birth_id": birth_id(row),
            "date": date_of(row),
        }
        for row in sorted(events, key=lambda r: (int(who[r]), int(day[r])))
    ]
    world_truth = {
        "seed": seed,
        "scale": scale,
        "births": int(n),
        "clinicians": [str(name) for name in staff["name"]],
        "fraudulent_clinicians": [str(staff["name"][c]) for c in fraud_clinicians],
        "fraud_events": fraud_events,
        "honest_cluster_clinician": str(staff["name"][cluster_clinician]),
        "cluster_birth_ids": [birth_id(row) for row in cluster_rows],
        "start": str(start),
        "years": years,
    }
    return BirthWorld(pa.table({name: columns[name] for name in COLUMNS}), world_truth)


def _set_endings(
    flags: dict[str, np.ndarray],
    rows: np.ndarray,
    draw: np.ndarray,
    probabilities: dict[str, float],
) -> None:
    """After a diagnosis exactly one ending (or none) happens, drawn from ``probabilities``."""
    for name in ENDINGS:
        flags[name][rows] = False
    low = 0.0
    for name in ENDINGS:
        high = low + float(probabilities.get(name, 0.0))
        flags[name][rows & (draw >= low) & (draw < high)] = True
        low = high


def _fabricate(
    config: dict[str, Any],
    rng: np.random.Generator,
    staff: dict[str, Any],
    who: np.ndarray,
    day: np.ndarray,
    age: np.ndarray,
    gest: np.ndarray,
    weight: np.ndarray,
    severe: np.ndarray,
    confirmed: np.ndarray,
    flags: dict[str, np.ndarray],
    taken: np.ndarray,
    span: int,
) -> tuple[list[int], list[int]]:
    spec = config["fraud"]
    healthy = (
        (gest >= spec["healthy"]["gestation_min"])
        & (weight >= spec["healthy"]["birth_weight_min"])
        & (age <= spec["healthy"]["maternal_age_max"])
        & ~severe
    )
    # one fraudulent clinician per level first, then any level: fraud is not a rural problem only
    levels = staff["level"]
    order = rng.permutation(levels.size)
    chosen: list[int] = []
    for level in np.unique(levels):
        chosen.append(int(order[np.flatnonzero(levels[order] == level)[0]]))
    chosen += [int(c) for c in order if c not in chosen][: max(0, spec["clinicians"] - len(chosen))]
    chosen = chosen[: spec["clinicians"]]
    events: list[int] = []
    for clinician in chosen:
        pool = np.flatnonzero((who == clinician) & healthy)
        pool = pool[np.argsort(day[pool], kind="stable")]
        when = float(rng.uniform(0, spec["first_event_within_days"]))
        while when < span:
            position = int(np.searchsorted(day[pool], when))
            while position < pool.size and taken[pool[position]]:
                position += 1
            if position >= pool.size:
                break
            row = int(pool[position])
            taken[row] = True
            severe[row] = True
            confirmed[row] = 0 if rng.random() < spec["confirmation"]["refuted"] else -1
            for name in ENDINGS:
                flags[name][row] = False
            ending = (
                "relinquished"
                if rng.random() < spec["ending"]["relinquished"]
                else "death_reported"
            )
            flags[ending][row] = True
            events.append(row)
            when = day[row] + float(rng.uniform(*spec["gap_days"]))
    return chosen, events


def _cluster(
    config: dict[str, Any],
    rng: np.random.Generator,
    staff: dict[str, Any],
    who: np.ndarray,
    day: np.ndarray,
    severe: np.ndarray,
    confirmed: np.ndarray,
    flags: dict[str, np.ndarray],
    taken: np.ndarray,
    fraud: list[int],
    span: int,
) -> tuple[int, list[int]]:
    spec = config["cluster"]
    honest = np.setdiff1d(np.arange(staff["name"].size), fraud)
    clinician = int(rng.choice(honest))
    begin = int(rng.integers(span // 3, 2 * span // 3))
    window = np.flatnonzero(
        (who == clinician) & (day >= begin) & (day < begin + spec["within_days"]) & ~severe & ~taken
    )
    rows = sorted(
        int(r) for r in rng.choice(window, size=min(spec["anomalies"], window.size), replace=False)
    )
    chosen = np.zeros(severe.size, dtype=bool)
    chosen[rows] = True
    severe[chosen] = True
    confirmed[chosen] = 1
    taken[chosen] = True
    _set_endings(flags, chosen, rng.random(severe.size), spec["ending"])
    return clinician, rows


def write_births(
    out_dir: Path | str, seed: int = 20140217, scale: float = 1.0
) -> tuple[Path, Path]:
    """Write ``births.csv`` and ``births_truth.json`` into ``out_dir``; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    world = generate_births(seed=seed, scale=scale)
    csv_path = out / "births.csv"
    pacsv.write_csv(world.births, csv_path, write_options=pacsv.WriteOptions(quoting_style="none"))
    truth_path = out / "births_truth.json"
    truth_path.write_bytes(orjson.dumps(world.truth, option=orjson.OPT_INDENT_2))
    return csv_path, truth_path
