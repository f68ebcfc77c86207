"""`cradlewatch extract` and `cradlewatch evaluate extract` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cradlewatch.cli import app
from cradlewatch.find.extract import Extraction, extract
from cradlewatch.find.extract.evaluation import score_extractions

runner = CliRunner()

POSTS = [
    {"id": "p1", "title": "送养满月男宝", "text": "营养费5万，加扣扣 一二三四五六七八，南京"},
    {"id": "p2", "text": "英短猫咪送养，有偿领养200元，电话13812345678"},
    {"text": "no id here"},
]
TRUTH = [
    {
        "id": "p1",
        "identifiers": [{"kind": "qq", "value": "12345678"}],
        "prices": [{"amount": 50000, "currency": "CNY"}],
        "places": [{"province": "江苏省", "city": "南京市"}],
        "children": [{"sex": "male", "age_days": 30, "field": "title"}],
    },
    {
        "id": "p2",
        "identifiers": [{"kind": "phone", "value": "+8613812345678"}, {"kind": "qq", "value": "1"}],
        "prices": [{"amount": 200, "currency": "CNY"}],
    },
]


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
    return path


def test_extract_writes_facts_with_exact_spans(tmp_path: Path) -> None:
    posts = _write(tmp_path / "posts.jsonl", POSTS)
    out, rejects = tmp_path / "facts.jsonl", tmp_path / "rejects.jsonl"
    result = runner.invoke(app, ["extract", str(posts), "-o", str(out), "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["p1", "p2"]
    first = records[0]
    assert [(i["kind"], i["value"]) for i in first["identifiers"]] == [("qq", "12345678")]
    assert first["children"] == [
        {"sex": "male", "age_days": 30, "raw": "满月男宝", "field": "title", "start": 2, "end": 6}
    ]
    for kind in ("identifiers", "prices", "places", "children"):
        for record in first[kind]:
            source = POSTS[0][record["field"]]
            assert isinstance(source, str)
            assert source[record["start"] : record["end"]] == record["raw"]
    assert "line" in rejects.read_text("utf-8")


def test_evaluate_extract_scores_each_kind(tmp_path: Path) -> None:
    posts = _write(tmp_path / "posts.jsonl", POSTS[:2])
    truth = _write(tmp_path / "truth.jsonl", TRUTH)
    figures = tmp_path / "figures.json"
    result = runner.invoke(
        app, ["evaluate", "extract", str(posts), "--truth", str(truth), "--json", str(figures)]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(figures.read_text("utf-8"))["scores"]
    assert scores["identifiers"]["tp"] == 2 and scores["identifiers"]["fn"] == 1
    assert scores["identifiers/qq"]["recall"] == 0.5
    assert scores["prices"]["f1"] == 1.0
    assert scores["children"]["tp"] == 1


def test_evaluate_extract_leaves_out_facts_of_fields_not_scored(tmp_path: Path) -> None:
    posts = _write(tmp_path / "posts.jsonl", POSTS[:1])
    truth = _write(tmp_path / "truth.jsonl", TRUTH[:1])
    figures = tmp_path / "figures.json"
    args = ["evaluate", "extract", str(posts), "--truth", str(truth), "--json", str(figures)]
    result = runner.invoke(app, [*args, "--fields", "text"])
    assert result.exit_code == 0, result.output
    scores = json.loads(figures.read_text("utf-8"))["scores"]
    assert scores["children"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 0,
        "fp": 0,
        "fn": 0,
    }


def test_evaluate_extract_needs_truth_for_every_post(tmp_path: Path) -> None:
    posts = _write(tmp_path / "posts.jsonl", POSTS[:2])
    truth = _write(tmp_path / "truth.jsonl", TRUTH[:1])
    result = runner.invoke(app, ["evaluate", "extract", str(posts), "--truth", str(truth)])
    assert result.exit_code == 2
    assert "no truth for 1 posts" in result.output


def test_score_counts_each_distinct_value_once_per_post() -> None:
    found = extract("13812345678 再说一遍 138 1234 5678")
    assert len(found.identifiers) == 2
    report = score_extractions(
        "t", [("a", found, {"identifiers": [{"kind": "phone", "value": "+8613812345678"}]})]
    )
    assert (report.scores["identifiers"].tp, report.scores["identifiers"].fp) == (1, 0)
    empty = score_extractions("t", [("b", Extraction(), {"prices": [{"amount": 1}]})])
    assert empty.scores["prices"].recall == 0.0
    assert empty.misses[0].missed == [(1.0, "CNY")]
