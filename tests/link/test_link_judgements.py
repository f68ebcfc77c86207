"""Analysts' decisions are respected by later runs, and bad decision lines are rejected."""

from __future__ import annotations

from pathlib import Path

import orjson
from link_worlds import ring, scanned

from cradlewatch.link.judgements import parse_judgement, read_judgements
from cradlewatch.link.pipeline import link_findings
from cradlewatch.model import Reject

WHO = {"user": "analyst_li", "time": "2026-03-01T09:00:00Z"}


def _rings(posts: list, *decisions: dict[str, object]) -> list[set[str]]:
    judgements = [parse_judgement({**WHO, **d}) for d in decisions]
    return [set(r["posts"]) for r in link_findings(posts, judgements=judgements)]


def _world() -> list:
    return (ring("a", 4, (("qq", "11111"),), "A", account="x")
            + ring("b", 4, (("qq", "22222"),), "B", account="y"))


def test_confirm_joins_two_posts_and_says_who_decided() -> None:
    posts = _world()
    judgements = [parse_judgement({**WHO, "action": "confirm", "a": "post:a00", "b": "post:b00",
                                   "note": "same bank card in a photo"})]
    rings = link_findings(posts, judgements=judgements)
    assert len(rings) == 1
    confirmed = [r for r in rings[0]["reasons"] if r["code"] == "analyst_confirmed"]
    assert confirmed[0]["posts"] == ["a00", "b00"]
    assert "analyst_li" in confirmed[0]["evidence"] and "bank card" in confirmed[0]["evidence"]


def test_confirm_an_identifier_join() -> None:
    rings = _rings(_world(), {"action": "confirm", "a": "post:a00", "b": "qq:22222"})
    assert len(rings) == 1


def test_reject_a_misread_identifier_unlinks_that_post() -> None:
    posts = _world() + [scanned("odd", "完全无关的帖子 送养", ids=(("qq", "11111"),), account="q")]
    assert any("odd" in r and "a00" in r for r in _rings(posts))
    rings = _rings(posts, {"action": "reject", "a": "post:odd", "b": "qq:11111"})
    assert {"odd"} in rings


def test_reject_between_posts_keeps_them_apart() -> None:
    posts = ring("a", 6, (("qq", "11111"),), "A", account="x")
    rings = _rings(posts, {"action": "reject", "a": "post:a00", "b": "post:a05"})
    ring_of = {p: i for i, r in enumerate(rings) for p in r}
    assert ring_of["a00"] != ring_of["a05"]
    assert sorted(p for r in rings for p in r) == [f"a{k:02d}" for k in range(6)]


def test_merge_and_split_are_applied_in_time_order() -> None:
    posts = _world()
    merged = _rings(posts, {"action": "merge", "posts": ["a00", "b03"]})
    assert len(merged) == 1
    split = _rings(posts, {"action": "merge", "posts": ["a00", "b03"]},
                   {"action": "split", "posts": ["b00", "b01"], "time": "2026-03-02T00:00:00Z"})
    assert {"b00", "b01"} in split and len(split) == 2


def test_a_later_decision_on_the_same_pair_wins() -> None:
    posts = _world()
    rings = _rings(posts,
                   {"action": "confirm", "a": "post:a00", "b": "post:b00"},
                   {"action": "reject", "a": "post:b00", "b": "post:a00",
                    "time": "2026-03-05T00:00:00Z"})
    assert len(rings) == 2


def test_bad_lines_are_rejected_with_their_line_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "judgements.jsonl"
    lines = [orjson.dumps({**WHO, "action": "merge", "posts": ["a00", "b00"]}), b"{not json",
             orjson.dumps({"action": "confirm", "a": "post:a", "b": "post:b"}),
             orjson.dumps({**WHO, "action": "confirm", "a": "nonsense", "b": "post:b"})]
    path.write_bytes(b"\n".join(lines) + b"\n")
    rejects: list[Reject] = []
    judgements = read_judgements(path, rejects.append)
    assert [j.action for j in judgements] == ["merge"]
    assert [r.line for r in rejects] == [2, 3, 4]
    assert "user and time" in rejects[1].reason
