"""`cradlewatch rings` on a small hand-written input: too few account pairs for Splink's EM
must not stop the command (the identifier and template links still make the rings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cradlewatch.cli import app

DEV = Path(__file__).resolve().parents[1] / "data" / "dev" / "posts.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason="tests/data/dev/posts.jsonl absent")
def test_rings_on_a_few_hundred_hand_written_posts(tmp_path: Path) -> None:
    out = tmp_path / "rings.jsonl"
    result = CliRunner().invoke(app, ["rings", str(DEV), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rings = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rings
    posts = [p for ring in rings for p in ring["posts"]]
    assert len(posts) == len(set(posts))  # every flagged post in exactly one ring


def test_placeholder_names_without_an_account_id_do_not_join_posts() -> None:
    from cradlewatch.link.records import link_post
    from cradlewatch.model import Finding, Post

    finding = Finding(id="x", verdict="trafficking", risk=0.9)
    anon = link_post(Post(id="a", text="t", platform="craigslist", author="anon"), finding)
    named = link_post(Post(id="b", text="t", platform="craigslist", author="sarah_p"), finding)
    with_id = link_post(
        Post(id="c", text="t", platform="tieba", author="匿名用户", author_id="881"), finding
    )
    assert anon.account is None
    assert named.account == "craigslist:sarah_p"
    assert with_id.account == "tieba:881"
