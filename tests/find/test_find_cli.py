"""`cradlewatch scan` on the command line: the CONTRACTS §2 record shape, rejects, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cradlewatch.cli import app

runner = CliRunner()

POSTS = [
    {"id": "p1", "text": "送养男宝，满月，营养费5万，加扣扣 一二三四五六七八", "platform": "tieba"},
    {"id": "p2", "text": "英短猫咪送养，已打疫苗，有偿领养200元", "platform": "forum"},
    {"text": "no id here"},
    {"id": "p3", "text": "寻子启事：男孩3岁走失，如有线索重金酬谢，电话13812345678"},
]


def write_posts(path: Path) -> Path:
    lines = [json.dumps(p, ensure_ascii=False) for p in POSTS]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_scan_writes_one_contract_record_per_accepted_post(tmp_path: Path) -> None:
    posts = write_posts(tmp_path / "posts.jsonl")
    out, rejects = tmp_path / "findings.jsonl", tmp_path / "rejects.jsonl"
    result = runner.invoke(app, ["scan", str(posts), "--out", str(out), "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    findings = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [f["id"] for f in findings] == ["p1", "p2", "p3"]
    first = findings[0]
    assert set(first) >= {
        "id",
        "verdict",
        "risk",
        "reasons",
        "identifiers",
        "prices",
        "places",
        "children",
    }
    assert first["verdict"] == "trafficking"
    assert {"code", "weight", "field", "evidence", "start", "end"} <= set(first["reasons"][0])
    assert {"kind": "qq", "value": "12345678"}.items() <= next(
        i for i in first["identifiers"] if i["kind"] == "qq"
    ).items()
    assert first["prices"][0]["amount"] == 50000 and first["prices"][0]["currency"] == "CNY"
    assert findings[1]["verdict"] == "benign"
    assert findings[2]["verdict"] == "benign"
    bad = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in bad] == [3, 4]
    assert all(r["source"] == str(posts) and r["reason"] for r in bad)


def test_scan_reads_stdin_and_writes_stdout() -> None:
    text = json.dumps(POSTS[0], ensure_ascii=False) + "\n"
    result = runner.invoke(app, ["scan", "-"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["id"] == "p1"


def test_missing_input_is_a_usage_error_with_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["scan", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2


def test_explain_shows_the_reasons_of_one_post(tmp_path: Path) -> None:
    posts = write_posts(tmp_path / "posts.jsonl")
    result = runner.invoke(
        app, ["scan", "--explain", "p1", str(posts), "--rejects", str(tmp_path / "r")]
    )
    assert result.exit_code == 0, result.output
    assert "trafficking" in result.stdout
    assert "price_for_child" in result.stdout
    unknown = runner.invoke(
        app, ["scan", "--explain", "zzz", str(posts), "--rejects", str(tmp_path / "r")]
    )
    assert unknown.exit_code == 2


def test_analysts_labels_retrain_the_text_model_and_scan_uses_it(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        json.dumps({"id": "x1", "text": "有宝宝，私聊价格", "label": 1}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "x2", "text": "猫咪找新家", "label": 0}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    model = tmp_path / "model.npz"
    trained = runner.invoke(
        app, ["train", "scan", "--size", "300", "--labels", str(labels), "--out", str(model)]
    )
    assert trained.exit_code == 0, trained.output
    posts = write_posts(tmp_path / "posts.jsonl")
    out = tmp_path / "findings.jsonl"
    scanned = runner.invoke(
        app,
        [
            "scan",
            str(posts),
            "--model",
            str(model),
            "--out",
            str(out),
            "--rejects",
            str(tmp_path / "r"),
        ],
    )
    assert scanned.exit_code == 0, scanned.output
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["verdict"] == "trafficking"


def test_a_label_that_is_not_0_or_1_is_a_usage_error(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "x1", "text": "t", "label": "maybe"}) + "\n")
    result = runner.invoke(
        app,
        [
            "train",
            "scan",
            "--size",
            "50",
            "--labels",
            str(labels),
            "--out",
            str(tmp_path / "m.npz"),
        ],
    )
    assert result.exit_code == 2


def test_held_out_templates_are_never_trained_on(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["train", "scan", "--templates", "heldout", "--out", str(tmp_path / "m.npz")]
    )
    assert result.exit_code == 2
