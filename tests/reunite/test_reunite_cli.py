"""The command lines of CONTRACTS §4 through the real app (typer's CliRunner)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cradlewatch.cli import app

runner = CliRunner()

FREQS = "locus,allele,frequency\nD1,10,0.05\nD1,11,0.95\nD2,10,0.1\nD2,11,0.9\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path: Path, profiles: str, samples: str, *options: str) -> list[dict[str, str]]:
    args = [
        "reunite",
        "--profiles",
        str(write(tmp_path / "p.csv", profiles)),
        "--samples",
        str(write(tmp_path / "s.csv", samples)),
        "--freqs",
        str(write(tmp_path / "f.csv", FREQS)),
        "--out",
        str(tmp_path / "out.csv"),
        *options,
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    with (tmp_path / "out.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


DUO_PROFILES = (
    "sample_id,locus,allele1,allele2\n"
    "F1,D1,10,10\nF1,D2,10,10\n"
    "C1,D1,10,10\nC1,D2,10.0,10\n"
    "M2,D1,11,11\nM2,D2,11,11\n"
)
DUO_SAMPLES = "sample_id,case_id,role\nF1,K1,father\nM2,K2,mother\nC1,,child\nU3,K3,mother\n"


def test_duo_reproduces_forrel_200(tmp_path: Path) -> None:
    rows = run(tmp_path, DUO_PROFILES, DUO_SAMPLES, "--mutation-rate", "0")
    assert list(rows[0]) == [
        "child_id",
        "case_id",
        "references",
        "log10_lr",
        "loci_used",
        "inconsistent_loci",
        "rank",
    ]
    assert rows[0]["case_id"] == "K1" and rows[0]["references"] == "father"
    assert float(rows[0]["log10_lr"]) == pytest.approx(math.log10(200), abs=1e-12)
    assert len(rows[0]["log10_lr"].replace("-", "").replace(".", "")) >= 10
    assert rows[0]["loci_used"] == "2" and rows[0]["inconsistent_loci"] == "0"
    assert rows[0]["rank"] == "1"
    # K2 excludes without mutation: -inf, ranked after, and dropped by --min-log10-lr 0.
    assert len(rows) == 1


def test_all_reports_every_pair_in_contract_order(tmp_path: Path) -> None:
    rows = run(tmp_path, DUO_PROFILES, DUO_SAMPLES, "--mutation-rate", "0", "--all")
    assert [(r["case_id"], r["log10_lr"], r["rank"]) for r in rows] == [
        ("K1", rows[0]["log10_lr"], "1"),
        ("K3", "0", "2"),  # untyped reference: no locus used, value 0
        ("K2", "-inf", "3"),
    ]
    assert rows[1]["loci_used"] == "0" and rows[1]["references"] == ""
    assert rows[2]["inconsistent_loci"] == "2"


def test_mutation_keeps_exclusions_finite_and_counts_inconsistencies(tmp_path: Path) -> None:
    rows = run(tmp_path, DUO_PROFILES, DUO_SAMPLES, "--all")
    k2 = next(r for r in rows if r["case_id"] == "K2")
    assert k2["log10_lr"] not in ("-inf", "nan") and float(k2["log10_lr"]) < -3
    assert k2["inconsistent_loci"] == "2"


def test_top_and_threshold_never_renumber(tmp_path: Path) -> None:
    rows = run(tmp_path, DUO_PROFILES, DUO_SAMPLES, "--min-log10-lr", "-100", "--top", "1")
    assert [r["rank"] for r in rows] == ["1"]
    rows = run(tmp_path, DUO_PROFILES, DUO_SAMPLES, "--min-log10-lr", "-100", "--top", "5")
    assert [r["case_id"] for r in rows] == ["K1", "K2"]
    assert [r["rank"] for r in rows] == ["1", "2"]


def test_impossible_references_give_nan(tmp_path: Path) -> None:
    profiles = (
        "sample_id,locus,allele1,allele2\nM1,D1,10,10\nF1,D1,10,10\nS1,D1,11,11\nC1,D1,10,10\n"
    )
    samples = "sample_id,case_id,role\nM1,K1,mother\nF1,K1,father\nS1,K1,full_sibling\nC1,,child\n"
    args = ["--mutation-rate", "0", "--all"]
    result = runner.invoke(
        app,
        [
            "reunite",
            "--profiles",
            str(write(tmp_path / "p.csv", profiles)),
            "--samples",
            str(write(tmp_path / "s.csv", samples)),
            "--freqs",
            str(write(tmp_path / "f.csv", FREQS)),
            *args,
        ],
    )
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["log10_lr"] == "nan"
    assert rows[0]["references"] == "father+full_sibling+mother"
    assert rows[0]["inconsistent_loci"] == "1"


def test_unreadable_input_exits_2_with_one_line(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "reunite",
            "--profiles",
            str(tmp_path / "none.csv"),
            "--samples",
            str(tmp_path / "none.csv"),
            "--freqs",
            str(write(tmp_path / "f.csv", FREQS)),
        ],
    )
    assert result.exit_code == 2
    assert "none.csv" in result.output and "Traceback" not in result.output


def test_index_round_trip_gives_the_same_output(tmp_path: Path) -> None:
    direct = run(tmp_path, DUO_PROFILES, DUO_SAMPLES, "--all")
    result = runner.invoke(
        app,
        [
            "reunite",
            "index",
            "--profiles",
            str(tmp_path / "p.csv"),
            "--samples",
            str(tmp_path / "s.csv"),
            "--freqs",
            str(tmp_path / "f.csv"),
            "--out",
            str(tmp_path / "idx"),
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app,
        [
            "reunite",
            "--index",
            str(tmp_path / "idx"),
            "--profiles",
            str(tmp_path / "p.csv"),
            "--samples",
            str(tmp_path / "s.csv"),
            "--all",
            "--out",
            str(tmp_path / "o2.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    with (tmp_path / "o2.csv").open(encoding="utf-8") as handle:
        assert list(csv.DictReader(handle)) == direct


def test_explain_prints_loci_and_wording(tmp_path: Path) -> None:
    run(tmp_path, DUO_PROFILES, DUO_SAMPLES)
    result = runner.invoke(
        app,
        [
            "reunite",
            "--profiles",
            str(tmp_path / "p.csv"),
            "--samples",
            str(tmp_path / "s.csv"),
            "--freqs",
            str(tmp_path / "f.csv"),
            "--explain",
            "C1",
            "K2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "D1" in result.output and "D2" in result.output
    assert "inconsistent loci: 2 (D1, D2)" in result.output
    assert "inconclusive" in result.output  # 2 < 3 inconsistent loci: not yet an exclusion


def test_details_file_carries_reasons(tmp_path: Path) -> None:
    import orjson

    run(
        tmp_path,
        DUO_PROFILES,
        DUO_SAMPLES,
        "--details",
        str(tmp_path / "d.jsonl"),
        "--mutation-rate",
        "0",
    )
    records = [orjson.loads(x) for x in (tmp_path / "d.jsonl").read_bytes().splitlines()]
    assert records[0]["case_id"] == "K1"
    assert [d["locus"] for d in records[0]["loci"]] == ["D1", "D2"]
    assert float(records[0]["loci"][0]["log10_lr"]) == pytest.approx(math.log10(20))
    assert records[0]["conclusion"].startswith("inconclusive")  # 200 < 10,000


def test_power_and_scenario_commands(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "reunite",
            "power",
            "--freqs",
            str(write(tmp_path / "f.csv", FREQS)),
            "--loci",
            "D1,D2",
            "--pairs",
            "200",
            "--out",
            str(tmp_path / "power.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "expected_false_candidates_per_child" in result.output
    result = runner.invoke(
        app,
        [
            "scenario",
            "families",
            "--out",
            str(tmp_path / "fam"),
            "--cases",
            "40",
            "--found",
            "10",
            "--unrelated",
            "5",
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["evaluate", "reunite", str(tmp_path / "fam")])
    assert result.exit_code == 0, result.output
    assert "rank1_all" in result.output


def test_joint_case_matches_brute_force_through_the_cli(tmp_path: Path) -> None:
    """Mother + two siblings typed at different loci, θ and μ, an unlisted allele."""
    from reunite_bruteforce import likelihood_ratio

    freqs = "locus,allele,frequency\nD1,10,0.2\nD1,11,0.3\nD1,12,0.4\nD2,7,0.6\nD2,8,0.3\n"
    profiles = (
        "sample_id,locus,allele1,allele2\n"
        "M1,D1,10,11\nM1,D2,7,8\n"
        "S1,D1,11,12\n"  # S1 typed at D1 only
        "S2,D2,8,9\n"  # S2 typed at D2 only; 9 is not in the table
        "C1,D1,10,12\nC1,D2,7,9\n"
    )
    samples = (
        "sample_id,case_id,role\nM1,K1,mother\nS1,K1,full_sibling\nS2,K1,full_sibling\nC1,,child\n"
    )
    result = runner.invoke(
        app,
        [
            "reunite",
            "--profiles",
            str(write(tmp_path / "p.csv", profiles)),
            "--samples",
            str(write(tmp_path / "s.csv", samples)),
            "--freqs",
            str(write(tmp_path / "f.csv", freqs)),
            "--theta",
            "0.03",
            "--mutation-rate",
            "0.01",
            "--rare-freq",
            "0.002",
        ],
    )
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    d1 = likelihood_ratio(
        [0.2, 0.3, 0.4], (0, 2), mother=(0, 1), siblings=((1, 2),), theta=0.03, mu=0.01
    )
    d2 = likelihood_ratio(
        [0.6, 0.3, 0.002], (0, 2), mother=(0, 1), siblings=((1, 2),), theta=0.03, mu=0.01
    )
    assert float(row["log10_lr"]) == pytest.approx(math.log10(d1 * d2), abs=1e-9)
    assert row["references"] == "full_sibling+mother" and row["loci_used"] == "2"


def test_index_append_equals_a_full_build_and_is_idempotent(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "scenario",
            "families",
            "--out",
            str(tmp_path / "fam"),
            "--cases",
            "30",
            "--found",
            "8",
            "--unrelated",
            "2",
            "--seed",
            "4",
        ],
    )
    assert result.exit_code == 0, result.output
    fam = tmp_path / "fam"
    with (fam / "samples.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    header = ",".join(rows[0])
    refs = [r for r in rows if r["role"] != "child"]
    first = [r for r in refs if r["case_id"] <= "K00015"]
    second = [r for r in refs if r["case_id"] > "K00010"]  # K00011..15 in both: replaced
    for name, part in (("a.csv", first), ("b.csv", second)):
        write(tmp_path / name, header + "\n" + "".join(",".join(r.values()) + "\n" for r in part))
    base = ["--profiles", str(fam / "profiles.csv")]
    idx = str(tmp_path / "idx")
    for sheet, extra in (
        ("a.csv", ["--freqs", str(fam / "freqs.csv")]),
        ("b.csv", ["--append"]),
        ("b.csv", ["--append"]),
    ):
        result = runner.invoke(
            app,
            ["reunite", "index", *base, "--samples", str(tmp_path / sheet), "--out", idx, *extra],
        )
        assert result.exit_code == 0, result.output
    searched = runner.invoke(
        app, ["reunite", "--index", idx, *base, "--samples", str(fam / "samples.csv"), "--all"]
    )
    direct = runner.invoke(
        app,
        [
            "reunite",
            *base,
            "--samples",
            str(fam / "samples.csv"),
            "--freqs",
            str(fam / "freqs.csv"),
            "--all",
        ],
    )
    assert searched.exit_code == 0 and direct.exit_code == 0
    assert searched.stdout == direct.stdout
    assert len(direct.stdout.splitlines()) == 1 + 10 * 30
