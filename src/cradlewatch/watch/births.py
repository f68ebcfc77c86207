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
TEXT_COLUMNS = ("birth_id", "clinician", "hospital", "confirmed")
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
    birth_id: pa.Array
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

    def id(self, row: int) -> str:
        """``birth_id`` of one row (ids stay in Arrow: millions of Python strings cost seconds)."""
        return str(self.birth_id[int(row)].as_py())


def _read_table(path: Path) -> pa.Table:
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    try:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in TEXT_COLUMNS},
                strings_can_be_null=False,
                null_values=[""],
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise UsageError(f"{path}:1: cannot read as CSV ({str(error).splitlines()[0]})") from None


def _column(table: pa.Table, name: str) -> pa.Array:
    """One column as a single array. Arrow types it while parsing (integers, floats, dates),
    which is several times cheaper than parsing text ourselves; a column with any odd cell
    stays text and takes the slower, checking path below."""
    return table.column(name).combine_chunks()


def _is_text(column: pa.Array) -> bool:
    return bool(pa.types.is_string(column.type) or pa.types.is_large_string(column.type))


def _text(column: pa.Array) -> pa.Array:
    if not _is_text(column):
        column = pc.cast(column, pa.string())
    return pc.utf8_trim_whitespace(pc.fill_null(column, ""))


def _mask(array: pa.Array) -> np.ndarray:
    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


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


def _flag(column: pa.Array, name: str, checks: _Checks, allow_empty: bool) -> np.ndarray:
    if pa.types.is_integer(column.type):
        one = _mask(pc.equal(column, 1))
        zero = _mask(pc.equal(column, 0))
        empty = _mask(pc.is_null(column))
    else:
        text = _text(column)
        one, zero, empty = (
            _mask(pc.equal(text, "1")),
            _mask(pc.equal(text, "0")),
            _mask(pc.equal(text, "")),
        )
    ok = one | zero | (empty & allow_empty)
    if not ok.all():
        values = np.asarray(_text(column).to_numpy(zero_copy_only=False), dtype=object)
        allowed = "0, 1 or empty" if allow_empty else "0 or 1"
        for shown in np.unique(values[~ok])[:20]:
            what = "empty" if shown == "" else repr(shown)
            checks.add(~ok & (values == shown), f"{name} is {what}, expected {allowed}")
        checks.add(~ok, f"{name} is not 0 or 1")
    return np.where(one, 1, np.where(zero, 0, UNKNOWN)).astype(np.int8)


def _covariate(column: pa.Array, name: str, checks: _Checks) -> np.ndarray:
    if pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
        values = np.array(pc.cast(column, pa.float64()).to_numpy(zero_copy_only=False), dtype=float)
        is_number = ~np.isnan(values)
    else:
        text = _text(column)
        numeric = pc.match_substring_regex(text, r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
        is_number = _mask(numeric)
        checks.add(~_mask(pc.equal(text, "")) & ~is_number, f"{name} is not a number")
        cleaned = pc.if_else(numeric, text, pa.scalar(None, pa.string()))
        values = np.array(
            pc.cast(cleaned, pa.float64()).to_numpy(zero_copy_only=False), dtype=float
        )
    low, high = covariate_ranges()[name]
    with np.errstate(invalid="ignore"):
        outside = is_number & ((values < low) | (values > high))
    checks.add(outside, f"{name} outside the plausible range [{low:g}, {high:g}]")
    values[~is_number] = np.nan
    return values


def _dates(column: pa.Array, checks: _Checks) -> np.ndarray:
    if pa.types.is_date32(column.type):
        checks.add(_mask(pc.is_null(column)), "date is empty, expected YYYY-MM-DD")
        return np.asarray(pc.fill_null(column.cast(pa.int32()), 0).to_numpy(), dtype=np.int64)
    text = _text(column)
    shaped = pc.match_substring_regex(text, ISO_DATE)
    candidate = pc.if_else(shaped, text, pa.scalar(None, pa.string()))
    parsed = pc.strptime(candidate, format="%Y-%m-%d", unit="s", error_is_null=True)
    # strptime rolls 2021-02-30 over to March; a real date prints back as it was written
    same = pc.equal(pc.strftime(parsed, format="%Y-%m-%d"), text)
    checks.add(~_mask(same), "date is not a valid ISO date YYYY-MM-DD")
    seconds = pc.fill_null(pc.cast(parsed, pa.int64()), 0).to_numpy()
    return np.asarray(seconds // 86400, dtype=np.int64)


def _codes(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    encoded = (
        pc.dictionary_encode(text).combine_chunks()
        if isinstance(text, pa.ChunkedArray)
        else pc.dictionary_encode(text)
    )
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
    columns = {name: _column(table, name) for name in table.column_names}
    birth_id = _text(columns["birth_id"])
    clinician_text = _text(columns["clinician"])
    checks.add(_mask(pc.equal(birth_id, "")), "empty birth_id")
    checks.add(_mask(pc.equal(clinician_text, "")), "empty clinician")
    day = _dates(columns["date"], checks)
    outcomes = {
        name: _flag(columns[name], name, checks, allow_empty=False)
        for name in OUTCOME_FLAGS
        if name in columns
    }
    if "confirmed" in columns:
        confirmed = _flag(columns["confirmed"], "confirmed", checks, allow_empty=True)
    else:
        confirmed = np.full(n, UNKNOWN, dtype=np.int8)
    covariates = {
        name: _covariate(columns[name], name, checks) for name in COVARIATES if name in columns
    }
    # One sort of the ids finds duplicates (equal neighbours; the stable sort keeps the
    # earliest row first) and gives the tie-break rank for births of the same day.
    by_id = pc.sort_indices(birth_id).to_numpy()
    sorted_ids = pc.take(birth_id, pa.array(by_id))
    same = np.zeros(n, dtype=bool)
    if n > 1:
        same[1:] = _mask(pc.equal(sorted_ids.slice(1), sorted_ids.slice(0, n - 1)))
    repeated = np.zeros(n, dtype=bool)
    repeated[by_id[same]] = True
    checks.add(repeated, "duplicate birth_id (its first row is kept)")
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[by_id] = np.arange(n)

    rejects = [
        Reject(source=str(path), line=int(row) + 2, reason=checks.messages[checks.reason[row]])
        for row in np.flatnonzero(checks.bad)
    ]
    keep = np.flatnonzero(~checks.bad)
    kept = pa.array(keep)
    clinician, clinicians = _codes(pc.take(clinician_text, kept))
    if "hospital" in columns:
        hospital, hospitals = _codes(pc.take(_text(columns["hospital"]), kept))
    else:
        hospital, hospitals = np.zeros(keep.size, np.int32), np.asarray([""], dtype=object)
    order = np.lexsort((id_rank[keep], day[keep], clinician))
    rows = keep[order]
    extra_names = [name for name in table.column_names if name not in KNOWN]
    sorted_clinician = clinician[order]
    starts = np.flatnonzero(np.r_[True, sorted_clinician[1:] != sorted_clinician[:-1]])
    births = BirthTable(
        source=str(path),
        birth_id=pc.take(birth_id, pa.array(rows)),
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
            name: np.asarray(_text(columns[name]).to_numpy(zero_copy_only=False), dtype=object)[
                rows
            ]
            for name in extra_names
        },
        starts=np.r_[starts, rows.size].astype(np.int64),
    )
    return births, rejects
