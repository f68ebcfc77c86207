"""Record-level checks: which births match which rule, and why."""

from __future__ import annotations

import numpy as np

from cradlewatch.watch.rules import check_records


def _check(severe, relinquished, transferred, died, confirmed, risk, clinician=None, day=None):
    n = len(severe)
    outcomes = {
        "severe_diagnosis": np.array(severe, dtype=np.int8),
        "relinquished": np.array(relinquished, dtype=np.int8),
        "transferred_out": np.array(transferred, dtype=np.int8),
        "death_reported": np.array(died, dtype=np.int8),
    }
    return check_records(
        outcomes,
        np.array(confirmed, dtype=np.int8),
        np.array(risk, dtype=float),
        np.zeros(n, dtype=np.int32) if clinician is None else np.array(clinician),
        np.arange(n) * 30 if day is None else np.array(day),
    )


def test_contract_rules() -> None:
    hits = _check(
        severe=[1, 1, 1, 1, 1, 0, 1],
        relinquished=[1, 0, 0, 1, 0, 1, 0],
        transferred=[0, 0, 1, 0, 1, 0, 0],
        died=[0, 1, 0, 0, 0, 0, 0],
        confirmed=[-1, 0, 0, 1, -1, -1, -1],
        risk=[0.5] * 7,  # no diagnosis is improbable here
    )
    by_row = {hit.row: hit.code for hit in hits}
    # unconfirmed + relinquished/death; refuted + transfer; a confirmed diagnosis, an unknown
    # one ending in transfer, no diagnosis, and no custody loss raise nothing
    assert by_row == {
        0: "unconfirmed_custody_loss",
        1: "unconfirmed_custody_loss",
        2: "refuted_diagnosis_transfer",
    }
    assert "confirmed=unknown" in hits[0].reason and "relinquished" in hits[0].reason
    assert "reported dead" in hits[1].reason


def test_improbable_diagnosis_needs_a_recent_earlier_loss_of_the_same_clinician() -> None:
    # base rate of severe diagnoses: 3/6 = 0.5; risk 0.01 is far below it
    hits = _check(
        severe=[1, 1, 1, 0, 0, 1],
        relinquished=[1, 0, 0, 0, 0, 0],
        transferred=[0, 1, 1, 0, 0, 1],
        died=[0, 0, 0, 0, 0, 0],
        confirmed=[-1, -1, -1, -1, -1, -1],
        risk=[0.01, 0.01, 0.01, 0.01, 0.01, 0.9],
        clinician=[0, 0, 1, 1, 1, 1],
        day=[0, 100, 110, 120, 130, 140],
    )
    codes = {hit.row: hit.code for hit in hits}
    # row 1 follows row 0 (same clinician, 100 days); row 2 is another clinician's first;
    # row 5 had a likely diagnosis (risk 0.9)
    assert codes == {0: "unconfirmed_custody_loss", 1: "improbable_diagnosis_repeat"}
    assert hits[1].threshold is not None and hits[1].statistic <= hits[1].threshold
