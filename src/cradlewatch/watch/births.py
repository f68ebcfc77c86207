"""Birth records (CONTRACTS §5): read, validate, and order them for monitoring.

The reader is columnar (Arrow's multi-threaded CSV parser, then numpy) because the same code
must monitor a national register of millions of births in seconds; a Python loop per row
would dominate the run time. Every row that fails a check is rejected with its line and
reason and the rest is processed: a surveillance system must not go blind because one
clerk mistyped a date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import yaml

from cradlewatch.errors import UsageError
from cradlewatch.model import Reject

REQUIRED = ("birth_id", "date", "clinician", "severe_diagnosis")
OUTCOME_FLAGS = ("severe_diagnosis", "relinquished", "transferred_out", "death_reported")
COVARIATES = ("maternal_age", "gestation_weeks", "birth_weight_g")
KNOWN = (*REQUIRED, "hospital", *OUTCOME_FLAGS[1:], "confirmed", *COVARIATES)
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
UNKNOWN = -1  # value of ``confirmed`` when the cell is empty


@cache
def covariate_ranges() -> dict[str, tuple[float, float]]:
    """Plausible covariate ranges from ``ranges.yaml`` (data a clinician may edit)."""
    text = resources.files("cradlewatch.watch").joinpath("ranges.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {name: (float(spec["min"]), float(spec["max"])) for name, spec in data.items()}


@dataclass(slots=True)
class BirthTable:
    """Accepted births as columns, sorted by clinician, then date, then ``birth_id``.

    ``clinician``/``hospital`` are integer codes into ``clinicians``/``hospitals``; ``day`` is
    days since 1970-01-01; flags are int8 (``confirmed`` uses -1 for unknown); covariates are
    float64 with NaN where the cell was empty. ``starts`` holds the first row of each
    clinician's block (plus the total), so per-clinician work is a slice, never a search.
    """

    source: str
    birth_id: np.ndarray
    line: np.ndarray
    day: np.ndarray
    clinician: np.ndarray
    clinicians: np.ndarray
    hospital: np.ndarray
    hospitals: np.ndarray
    outcomes: dict[str, np.ndarray]
    confirmed: np.ndarray
    covariates: dict[str, np.ndarray]
    extra: dict[str, np.ndarray] = field(default_factory=dict)
    starts: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))

    def __len__(self) -> int:
        return int(self.day.shape[0])

    def date(self, row: int) -> str:
        """ISO date of one row."""
        return str(np.datetime64(int(self.day[row]), "D"))


def _read_table(path: Path) -> pa.Table:
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={}, strings_can_be_null=False, auto_dict_encode=False
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise UsageError(f"{path}:1: cannot read as CSV ({str(error).splitlines()[0]})") from None


def _as_text(table: pa.Table, name: str) -> pa.Array:
    """A column as trimmed text (Arrow infers numbers; the contract speaks of text cells)."""
    column = table.column(name).combine_chunks()
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        column = pc.cast(column, pa.string())
    return pc.utf8_trim_whitespace(pc.fill_null(column, ""))


class _Checks:
    """Accumulates per-row rejection reasons (first reason wins) without a per-row loop."""

    def __init__(self, n: int) -> None:
        self.bad = np.zeros(n, dtype=bool)
        self.reason = np.full(n, -1, dtype=np.int32)
        self.messages: list[str] = []

    def add(self, mask: np.ndarray, message: str) -> None:
        new = mask & ~self.bad
        if new.any():
            self.reason[new] = len(self.messages)
            self.messages.append(message)
            self.bad |= new


def _flag(text: pa.Array, name: str, checks: _Checks, allow_empty: bool) -> np.ndarray:
    one = np.asarray(pc.equal(text, "1").to_numpy(zero_copy_only=False), dtype=bool)
    zero = np.asarray(pc.equal(text, "0").to_numpy(zero_copy_only=False), dtype=bool)
    empty = np.asarray(pc.equal(text, "").to_numpy(zero_copy_only=False), dtype=bool)
    ok = one | zero | (empty & allow_empty)
    if not ok.all():
        values = np.asarray(text.to_numpy(zero_copy_only=False), dtype=object)
        for shown in np.unique(values[~ok])[:20]:
            what = "empty" if shown == "" else repr(shown)
            allowed = "0, 1 or empty" if allow_empty else "0 or 1"
            checks.add(~ok & (values == shown), f"{name} is {what}, expected {allowed}")
    flag = np.where(one, 1, np.where(zero, 0, UNKNOWN)).astype(np.int8)
    return flag


def _covariate(text: pa.Array, name: str, checks: _Checks) -> np.ndarray:
    empty = np.asarray(pc.equal(text, "").to_numpy(zero_copy_only=False), dtype=bool)
    numeric = pc.match_substring_regex(text, r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
    is_number = np.asarray(numeric.to_numpy(zero_copy_only=False), dtype=bool)
    checks.add(~empty & ~is_number, f"{name} is not a number")
    cleaned = pc.if_else(numeric, text, pa.scalar(None, pa.string()))
    values = np.array(pc.cast(cleaned, pa.float64()).to_numpy(zero_copy_only=False), dtype=float)
    low, high = covariate_ranges()[name]
    outside = is_number & ((values < low) | (values > high))
    checks.add(outside, f"{name} outside the plausible range [{low:g}, {high:g}]")
    values[~is_number] = np.nan
    return values


def _dates(text: pa.Array, checks: _Checks) -> np.ndarray:
    shaped = pc.match_substring_regex(text, ISO_DATE)
    candidate = pc.if_else(shaped, text, pa.scalar(None, pa.string()))
    parsed = pc.strptime(candidate, format="%Y-%m-%d", unit="s", error_is_null=True)
    valid = np.asarray(pc.is_valid(parsed).to_numpy(zero_copy_only=False), dtype=bool)
    checks.add(~valid, "date is not a valid ISO date YYYY-MM-DD")
    seconds = pc.fill_null(pc.cast(parsed, pa.int64()), 0).to_numpy()
    return np.asarray(seconds // 86400, dtype=np.int64)


def _codes(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    encoded = pc.dictionary_encode(text).combine_chunks() if isinstance(
        text, pa.ChunkedArray
    ) else pc.dictionary_encode(text)
    names = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
    order = np.argsort(names.astype(str), kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return rank[encoded.indices.to_numpy()].astype(np.int32), names[order]


def read_births(path: Path | str) -> tuple[BirthTable, list[Reject]]:
    """Read and validate a births CSV; returns the accepted births and the rejected rows.

    Raises ``UsageError`` when the file cannot be read at all or lacks a required column.
    """
    path = Path(path)
    table = _read_table(path)
    missing = [name for name in REQUIRED if name not in table.column_names]
    if missing:
        raise UsageError(f"{path}:1: missing required column(s): {', '.join(missing)}")
    n = table.num_rows
    checks = _Checks(n)
    text = {name: _as_text(table, name) for name in table.column_names}

    birth_id = text["birth_id"]
    checks.add(np.asarray(pc.equal(birth_id, "").to_numpy(zero_copy_only=False)), "empty birth_id")
    checks.add(
        np.asarray(pc.equal(text["clinician"], "").to_numpy(zero_copy_only=False)),
        "empty clinician",
    )
    day = _dates(text["date"], checks)
    outcomes = {
        name: _flag(text[name], name, checks, allow_empty=False)
        for name in OUTCOME_FLAGS
        if name in text
    }
    if "confirmed" in text:
        confirmed = _flag(text["confirmed"], "confirmed", checks, allow_empty=True)
    else:
        confirmed = np.full(n, UNKNOWN, dtype=np.int8)
    covariates = {name: _covariate(text[name], name, checks) for name in COVARIATES if name in text}

    ids = pc.dictionary_encode(birth_id).indices.to_numpy()
    _, first = np.unique(ids, return_index=True)
    repeated = np.ones(n, dtype=bool)
    repeated[first] = False
    checks.add(repeated, "duplicate birth_id (its first row is kept)")

    rejects = [
        Reject(source=str(path), line=int(row) + 2, reason=checks.messages[checks.reason[row]])
        for row in np.flatnonzero(checks.bad)
    ]
    keep = np.flatnonzero(~checks.bad)
    kept = pa.array(keep)
    clinician, clinicians = _codes(pc.take(text["clinician"], kept))
    if "hospital" in text:
        hospital, hospitals = _codes(pc.take(text["hospital"], kept))
    else:
        hospital, hospitals = np.zeros(keep.size, np.int32), np.asarray([""], dtype=object)
    ids_kept = pc.take(birth_id, kept)
    id_rank = np.argsort(np.argsort(np.asarray(ids_kept.to_numpy(zero_copy_only=False), dtype=str)))
    order = np.lexsort((id_rank, day[keep], clinician))
    rows = keep[order]
    extra_names = [name for name in table.column_names if name not in KNOWN]
    sorted_clinician = clinician[order]
    starts = np.flatnonzero(np.r_[True, sorted_clinician[1:] != sorted_clinician[:-1]])
    births = BirthTable(
        source=str(path),
        birth_id=np.asarray(ids_kept.to_numpy(zero_copy_only=False), dtype=object)[order],
        line=rows.astype(np.int64) + 2,
        day=day[rows],
        clinician=sorted_clinician,
        clinicians=clinicians,
        hospital=hospital[order],
        hospitals=hospitals,
        outcomes={name: flag[rows] for name, flag in outcomes.items()},
        confirmed=confirmed[rows],
        covariates={name: values[rows] for name, values in covariates.items()},
        extra={
            name: np.asarray(text[name].to_numpy(zero_copy_only=False), dtype=object)[rows]
            for name in extra_names
        },
        starts=np.r_[starts, rows.size].astype(np.int64),
    )
    return births, rejects
