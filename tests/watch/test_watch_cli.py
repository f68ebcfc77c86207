"""The ``watch``, ``scenario births`` and ``evaluate watch`` commands (CONTRACTS §5)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from cradlewatch.cli import app

CONTRACT_COLUMNS = [
    "clinician",
    "hospital",
    "signal",
    "outcome",
    "alert_date",
    "alert_birth_id",
    "births_seen",
    "events_seen",
    "expected_events",
    "statistic",
    "threshold",
]


def _births(path: Path) -> Path:
    rows = [
        "birth_id,date,hospital,clinician,severe_diagnosis,relinquished,transferred_out,"
        "death_reported,confirmed,maternal_age,gestation_weeks,birth_weight_g"
    ]
    for i in range(400):
        clinician = f"D{i % 4}"
        severe = 1 if i % 37 == 0 else 0
        rows.append(
            f"b{i},2021-{1 + i % 12:02d}-{1 + i % 28:02d},H1,{clinician},{severe},0,0,0,"
            f"{1 if severe else ''},{20 + i % 20},{36 + i % 6},{2500 + 7 * (i % 200)}"
        )
    rows.append("b500,2021-06-01,H1,D9,1,1,0,0,,25,40,3400")  # the Shaanxi pattern
    rows.append("b501,2021-02-30,H1,D9,0,0,0,0,,25,40,3400")  # no such date
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_watch_writes_contract_columns_and_reports_rejects(tmp_path: Path) -> None:
    births = _births(tmp_path / "births.csv")
    out = tmp_path / "alerts.csv"
    rejects = tmp_path / "rejects.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "watch",
            str(births),
            "--out",
            str(out),
            "--rejects",
            str(rejects),
            "--arl0",
            "10000",
            "--report",
            str(tmp_path / "r"),
        ],
    )
    assert result.exit_code == 0, result.output
    with open(out, newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
        alerts = list(reader)
    rule = [a for a in alerts if a["signal"] == "rule"]
    assert [(a["clinician"], a["alert_birth_id"], a["alert_date"]) for a in rule] == [
        ("D9", "b500", "2021-06-01")
    ]
    assert rule[0]["reason"].startswith("unconfirmed_custody_loss")
    reject = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert reject == [
        {"source": str(births), "line": 403, "reason": "date is not a valid ISO date YYYY-MM-DD"}
    ]
    assert (tmp_path / "r" / "report.html").is_file()
    assert (tmp_path / "r" / "charts" / "cusum_D9.png").is_file()
    summary = json.loads((tmp_path / "r" / "summary.json").read_text())
    assert summary["expected_false_alarms_per_year"] > 0


def test_missing_required_column_exits_2_with_one_line(tmp_path: Path) -> None:
    births = tmp_path / "births.csv"
    births.write_text("birth_id,date,clinician\nb1,2021-01-01,D1\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["watch", str(births), "--out", str(tmp_path / "a.csv")])
    assert result.exit_code == 2
    assert "severe_diagnosis" in result.output


def test_help_lists_the_contract_flags() -> None:
    result = CliRunner().invoke(app, ["watch", "-h"])
    assert result.exit_code == 0
    for flag in ("--arl0", "--odds-ratio", "--out"):
        assert flag in result.output


def test_scenario_then_evaluate(tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(
        app, ["scenario", "births", "--out", str(tmp_path), "--scale", "0.3", "--seed", "11"]
    )
    assert made.exit_code == 0, made.output
    scores = tmp_path / "scores.json"
    evaluated = runner.invoke(
        app,
        [
            "evaluate",
            "watch",
            "--births",
            str(tmp_path / "births.csv"),
            "--truth",
            str(tmp_path / "births_truth.json"),
            "--out",
            str(scores),
        ],
    )
    assert evaluated.exit_code == 0, evaluated.output
    methods = {m["method"]: m for m in json.loads(scores.read_text())["methods"]}
    assert methods["watch (flagged)"]["detected"] == methods["watch (flagged)"]["fraudulent"]
