"""``cradlewatch rings`` end to end: contract fields, rejects, usage errors, state, judgements."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

POSTS = [
    {"id": "p1", "text": "诚心送养刚满月男宝，身体健康，营养费5万，可办出生证，有意者加QQ 123456789 私聊",
     "platform": "tieba", "author_id": "xiaoli88", "site": "送养吧",
     "posted_at": "2013-08-02T10:11:00+08:00"},
    {"id": "p2", "text": "送养女宝一名，出生20天，补偿费3万，可上户口，联系扣扣123456789",
     "platform": "qq_group", "author_id": "ymzj_01", "site": "圆梦之家",
     "posted_at": "2014-01-30T22:40:00+08:00"},
    {"id": "p3", "text": "小区门口的流浪猫咪找领养，已打疫苗，驱虫，免费送养", "platform": "weibo"},
]
LATER = {"id": "p9", "text": "送养男宝，出生一周，营养费4万，包办出生证明，加QQ 123456789",
         "platform": "tieba", "author_id": "new_hand", "posted_at": "2014-02-01T08:00:00+08:00"}


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cradlewatch.cli", *args], capture_output=True,
                          timeout=120, check=False)


def _write(path: Path, records: list[dict[str, object]], extra: bytes = b"") -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records) + extra)
    return path


def test_rings_writes_contract_fields_and_rejects_bad_lines(tmp_path: Path) -> None:
    posts = _write(tmp_path / "posts.jsonl", POSTS, b"not json\n")
    result = _run("rings", str(posts), "--workers", "1")
    assert result.returncode == 0, result.stderr
    rings = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert len(rings) == 1
    ring = rings[0]
    for key in ("ring", "posts", "accounts", "identifiers", "places", "sites", "first_seen",
                "last_seen", "risk", "reasons"):
        assert key in ring
    assert ring["ring"] == "R0001" and ring["posts"] == ["p1", "p2"]
    assert ring["identifiers"] == [{"kind": "qq", "value": "123456789"}]
    assert ring["first_seen"] == "2013-08-02T10:11:00+08:00"
    assert ring["last_seen"] == "2014-01-30T22:40:00+08:00"
    assert ring["reasons"][0] == {"code": "shared_identifier", "evidence": "qq:123456789",
                                  "posts": ["p1", "p2"], "weight": ring["reasons"][0]["weight"]}
    reject = orjson.loads(result.stderr.splitlines()[0])
    assert reject["line"] == 4 and "invalid JSON" in reject["reason"]


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("rings", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 2
    assert b"nope.jsonl" in result.stderr and b"Traceback" not in result.stderr


def test_state_and_judgements_across_runs(tmp_path: Path) -> None:
    state = tmp_path / "state"
    day1 = _write(tmp_path / "day1.jsonl", POSTS)
    first = _run("rings", str(day1), "--state", str(state), "--workers", "1")
    assert first.returncode == 0, first.stderr
    day2 = _write(tmp_path / "day2.jsonl", [LATER])
    second = _run("rings", str(day2), "--state", str(state), "--workers", "1")
    rings = [orjson.loads(line) for line in second.stdout.splitlines()]
    assert [(r["ring"], r["posts"]) for r in rings] == [("R0001", ["p1", "p2", "p9"])]

    judgements = _write(tmp_path / "judgements.jsonl", [
        {"action": "split", "posts": ["p9"], "user": "li", "time": "2026-03-01T09:00:00Z",
         "note": "copied number"}])
    third = _run("rings", str(day2), "--state", str(state), "--judgements", str(judgements),
                 "--workers", "1")
    rings = [orjson.loads(line) for line in third.stdout.splitlines()]
    assert [(r["ring"], r["posts"]) for r in rings] == [("R0001", ["p1", "p2"]),
                                                        ("R0002", ["p9"])]
    split = rings[1]["reasons"][0]
    assert split["code"] == "analyst_split" and "li" in split["evidence"]


def test_two_scan_workers_give_the_same_rings_on_every_run(tmp_path: Path) -> None:
    posts = _write(tmp_path / "posts.jsonl", POSTS + [LATER])
    first = _run("rings", str(posts), "--workers", "2")
    second = _run("rings", str(posts), "--workers", "2")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert [orjson.loads(line)["posts"] for line in first.stdout.splitlines()] == [
        ["p1", "p2", "p9"]]
