"""``cradlewatch posts`` and ``post_to_record``: any input to canonical post records, and back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from cradlewatch.io import read_posts
from cradlewatch.io.records import post_to_record
from cradlewatch.model import Post, Reject


def cradlewatch(
    *args: str, stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "cradlewatch.cli", *args]
    return subprocess.run(
        command, input=stdin, capture_output=True, check=False, timeout=120, cwd=cwd
    )


def test_records_round_trip_through_read_posts(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        'id,text,title,images,group\np1,"a\nb",标题,"[{""url"": ""u"", ""sha256"": ""s""}]",g1\n',
        encoding="utf-8",
    )
    rejects: list[Reject] = []
    (post,) = read_posts([str(source)], rejects.append)
    record = post_to_record(post)
    assert record == {
        "id": "p1",
        "text": "a\nb",
        "title": "标题",
        "images": [{"url": "u", "sha256": "s"}],
        "group": "g1",
        "provenance": {
            "source": str(source),
            "line": 2,
            "offset": len("id,text,title,images,group\n"),
            "sha256": post.provenance.sha256 if post.provenance else "",
            "captured_at": None,
        },
    }
    again = tmp_path / "again.jsonl"
    again.write_bytes(orjson.dumps(post_to_record(post, provenance=False)) + b"\n")
    (back,) = read_posts([str(again)], rejects.append)
    assert (back.id, back.text, back.title, back.images, back.extra) == (
        post.id,
        post.text,
        post.title,
        post.images,
        post.extra,
    )
    assert rejects == []


def test_a_contract_field_wins_over_an_extra_of_the_same_name() -> None:
    post = Post("p", "t", title="real", extra={"title": "shadow", "note": 1})
    assert post_to_record(post, provenance=False) == {
        "id": "p",
        "text": "t",
        "title": "real",
        "note": 1,
    }


def test_posts_command_converts_dedupes_and_reports(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"id":"x","text":"1"}\n{"id":"x","text":"2"}\n{"text":"no id"}\n', encoding="utf-8"
    )
    (tmp_path / "b.html").write_text("<title>T</title><p>页面</p>", encoding="utf-8")
    out = tmp_path / "posts.jsonl.gz"
    rejects = tmp_path / "rejects.jsonl"
    result = cradlewatch(
        "posts",
        str(tmp_path / "a.jsonl"),
        str(tmp_path / "b.html"),
        "--dedupe",
        "--out",
        str(out),
        "--rejects",
        str(rejects),
    )
    assert result.returncode == 0, result.stderr
    posts = list(read_posts([str(out)], lambda reject: None))
    assert len(posts) == 2 and posts[0].id == "x" and posts[0].text == "1"
    assert posts[1].id.startswith("html:") and posts[1].text == "页面"
    assert posts[0].extra["provenance"]["line"] == 1
    reasons = [orjson.loads(line)["reason"] for line in rejects.read_bytes().splitlines()]
    assert reasons == ["duplicate id (first seen at %s:1)" % (tmp_path / "a.jsonl"), "missing id"]


def test_posts_command_reads_stdin_and_fails_cleanly_on_missing_input(tmp_path: Path) -> None:
    result = cradlewatch("posts", "-", "--no-provenance", stdin=b'{"id":"s","text":"x","k":2}\n')
    assert result.returncode == 0, result.stderr
    assert orjson.loads(result.stdout) == {"id": "s", "text": "x", "k": 2}
    missing = cradlewatch("posts", "nope.jsonl", cwd=tmp_path)
    assert missing.returncode == 2
    assert b"nope.jsonl: No such file or directory" in missing.stderr
    assert b"Traceback" not in missing.stderr
