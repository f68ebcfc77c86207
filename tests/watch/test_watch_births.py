"""Birth records: validation with line and reason, ordering, kept columns."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cradlewatch.errors import UsageError
from cradlewatch.watch.births import read_births

HEADER = (
    "birth_id,date,hospital,clinician,severe_diagnosis,relinquished,transferred_out,"
    "death_reported,confirmed,maternal_age,gestation_weeks,birth_weight_g,ward\n"
)


def _write(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "births.csv"
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_bad_rows_are_rejected_with_line_and_reason_and_the_rest_kept(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            "b1,2020-01-05,H1,D1,0,0,0,0,,28,39,3300,A",
            "b2,2020-13-01,H1,D1,0,0,0,0,,28,39,3300,A",  # month 13
            "b3,2020-1-5,H1,D1,0,0,0,0,,28,39,3300,A",  # not ISO
            "b4,2020-01-06,H1,D1,2,0,0,0,,28,39,3300,A",  # flag 2
            "b5,2020-01-06,H1,D1,1,0,0,0,yes,28,39,3300,A",  # confirmed yes
            "b1,2020-01-07,H1,D1,0,0,0,0,,28,39,3300,A",  # duplicate id
            "b6,2020-01-07,H1,D1,0,,0,0,,28,39,3300,A",  # empty flag
            "b7,2020-01-08,H1,D1,0,0,0,0,,28,39,33kg,A",  # not a number
            "b8,2020-01-08,H1,D1,0,0,0,0,,28,39,3.3,A",  # kilograms, out of range
            "b9,2020-01-09,H1,D2,1,1,0,0,0,,,,B",  # valid, missing covariates
        ],
    )
    births, rejects = read_births(path)
    assert births.birth_id.to_pylist() == ["b1", "b9"]
    reasons = {r.line: r.reason for r in rejects}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9, 10}
    assert "date" in reasons[3] and "date" in reasons[4]
    assert "severe_diagnosis is '2'" in reasons[5]
    assert "confirmed is 'yes'" in reasons[6]
    assert "duplicate birth_id" in reasons[7]
    assert "relinquished is empty" in reasons[8]
    assert "birth_weight_g is not a number" in reasons[9]
    assert "plausible range" in reasons[10]
    assert all(r.source == str(path) for r in rejects)
    assert np.isnan(births.covariates["maternal_age"][1])
    assert list(births.extra["ward"]) == ["A", "B"]


def test_rows_in_any_order_are_sorted_by_clinician_date_and_id(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        [
            "z,2020-03-01,H1,D2,0,0,0,0,,30,39,3300,",
            "b,2020-02-01,H1,D1,0,0,0,0,,30,39,3300,",
            "a,2020-02-01,H1,D1,1,1,0,0,1,30,39,3300,",
            "c,2020-01-01,H1,D1,0,0,0,0,,30,39,3300,",
        ],
    )
    births, _ = read_births(path)
    assert births.birth_id.to_pylist() == ["c", "a", "b", "z"]
    assert list(births.line) == [5, 4, 3, 2]
    assert list(births.clinicians[births.clinician]) == ["D1", "D1", "D1", "D2"]
    assert list(births.starts) == [0, 3, 4]
    assert births.date(1) == "2020-02-01"
    assert list(births.confirmed) == [-1, 1, -1, -1]


def test_only_required_columns(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ["x,2021-05-05,D1,1", "y,2021-05-06,D1,0"],
        header="birth_id,date,clinician,severe_diagnosis\n",
    )
    births, rejects = read_births(path)
    assert not rejects and len(births) == 2
    assert set(births.outcomes) == {"severe_diagnosis"}
    assert births.covariates == {}


def test_missing_required_column_is_a_usage_error(tmp_path: Path) -> None:
    path = _write(tmp_path, ["x,2021-05-05,D1"], header="birth_id,date,clinician\n")
    with pytest.raises(UsageError, match="severe_diagnosis"):
        read_births(path)


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        read_births(tmp_path / "absent.csv")
