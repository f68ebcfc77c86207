"""JSON Lines reader: good lines pass, each bad line is rejected with its number and reason."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import orjson
import pytest

from cradlewatch.io import read_posts
from cradlewatch.model import Post, Reject


def read(*inputs: str | Path) -> tuple[list[Post], list[Reject]]:
    rejects: list[Reject] = []
    posts = list(read_posts([str(item) for item in inputs], rejects.append))
    return posts, rejects


def test_malformed_lines_are_rejected_with_line_numbers_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(
        b'{"id": "p1", "text": "\xe6\xb1\x82\xe6\x94\xb6\xe5\x85\xbb"}\n'  # 2: bad JSON
        b'{"id": "p2", "text": \n'
        b"[1, 2]\n"  # 3: not an object
        b'{"text": "no id"}\n'  # 4
        b'{"id": "p5"}\n'  # 5
        b'{"id": 6, "text": "int id"}\n'  # 6
        b'{"id": "p7", "text": 7}\n'  # 7
        b'{"id": "p8", "text": "t", "title": 8}\n'  # 8
        b'{"id": "p9", "text": "t", "images": [1]}\n'  # 9
        b'{"id": "p10", "text": "t", "images": {"url": "x"}}\n'  # 10
        b'{"id": "p11", "text": "t", "posted_at": "last Tuesday"}\n'  # 11
        b'"just a string"\n'  # 12
        b'{"id": "", "text": "empty id"}\n'  # 13
        b'{"id": "p14", "text": "ok", "title": null, "author": ""}\n'
    )
    posts, rejects = read(path)
    assert [post.id for post in posts] == ["p1", "p14"]
    assert posts[0].text == "求收养"
    assert posts[1].title is None and posts[1].author is None
    reasons = {reject.line: reject.reason for reject in rejects}
    assert list(reasons) == list(range(2, 14))
    assert reasons[2].startswith("invalid JSON")
    assert reasons[3] == "expected a JSON object, got an array"
    assert reasons[4] == "missing id"
    assert reasons[5] == "missing text"
    assert reasons[6] == "id must be a string, got a number"
    assert reasons[7] == "text must be a string, got a number"
    assert reasons[8] == "title must be a string or null, got a number"
    assert reasons[9] == "images[0] must be an object, got a number"
    assert reasons[10] == "images must be a list of objects, got an object"
    assert reasons[11].startswith("posted_at must be an ISO 8601 date-time")
    assert reasons[12] == "expected a JSON object, got a string"
    assert reasons[13] == "id must not be empty"
    assert all(reject.source == str(path) for reject in rejects)


def test_bad_utf8_line_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "one"}\n'
        b'{"id": "b", "text": "caf\xc3"}\n'
        b'{"id": "c", "text": "\xe4\xb8\x89"}\n'
    )
    posts, rejects = read(path)
    assert [post.text for post in posts] == ["one", "三"]
    assert [(reject.line, reject.reason) for reject in rejects] == [
        (2, "invalid UTF-8 at byte 25 of the line")
    ]


def test_empty_and_blank_files_yield_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.ndjson").write_bytes(b"\n  \n\r\n")
    posts, rejects = read(tmp_path / "empty.jsonl", tmp_path / "blank.ndjson")
    assert posts == [] and rejects == []


def test_a_ten_megabyte_line_is_read(tmp_path: Path) -> None:
    text = "求" * (10 * 1024 * 1024 // 3 + 1)
    path = tmp_path / "big.json"
    path.write_bytes(
        orjson.dumps({"id": "big", "text": text})
        + b"\n"
        + orjson.dumps({"id": "next", "text": "x"})
        + b"\n"
    )
    posts, rejects = read(path)
    assert rejects == []
    assert [post.id for post in posts] == ["big", "next"]
    assert posts[0].text == text
    assert posts[1].provenance is not None and posts[1].provenance.line == 2


def test_provenance_hashes_the_raw_line_and_records_its_offset(tmp_path: Path) -> None:
    lines = [
        b'{"id":"a","text":"x"}',
        b'{ "text" : "y", "id" : "b" , "captured_at": "2014-02-01T08:00:00+08:00"}',
    ]
    path = tmp_path / "posts.jsonl"
    path.write_bytes(lines[0] + b"\r\n" + lines[1] + b"\n")
    posts, _ = read(path)
    first, second = (post.provenance for post in posts)
    assert first is not None and second is not None
    assert first.sha256 == hashlib.sha256(lines[0]).hexdigest()
    assert second.sha256 == hashlib.sha256(lines[1]).hexdigest()
    assert (first.source, first.line, first.offset) == (str(path), 1, 0)
    assert (second.line, second.offset) == (2, len(lines[0]) + 2)
    assert second.captured_at == "2014-02-01T08:00:00+08:00"
    assert path.read_bytes()[second.offset :].startswith(lines[1])


def test_unknown_fields_are_kept_in_extra(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    record = {
        "id": "p",
        "text": "t",
        "platform": "tieba",
        "thread_id": "t9",
        "reply_to": "p0",
        "likes": 3,
        "geo": {"lat": 32.0},
        "images": [{"url": "https://img/1.jpg", "sha256": "ab"}],
    }
    path.write_bytes(orjson.dumps(record) + b"\n")
    (post,), _ = read(path)
    assert post.extra == {"reply_to": "p0", "likes": 3, "geo": {"lat": 32.0}}
    assert post.platform == "tieba" and post.thread_id == "t9"
    assert post.images == [{"url": "https://img/1.jpg", "sha256": "ab"}]


def test_byte_order_mark_on_the_first_line_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id":"a","text":"x"}\n')
    (post,), rejects = read(path)
    assert rejects == [] and post.id == "a"
    assert post.provenance is not None
    assert post.provenance.sha256 == hashlib.sha256(b'{"id":"a","text":"x"}').hexdigest()


@pytest.mark.parametrize("name", ["posts.jsonl.gz", "posts.ndjson.gz", "posts.json.gz"])
def test_gzip_variants(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with gzip.open(path, "wb") as handle:
        handle.write(b'{"id":"a","text":"x"}\nnot json\n{"id":"b","text":"y"}\n')
    posts, rejects = read(path)
    assert [post.id for post in posts] == ["a", "b"]
    assert [reject.line for reject in rejects] == [2]


def test_truncated_gzip_keeps_what_was_read_and_reports_where_it_stopped(tmp_path: Path) -> None:
    body = b"".join(
        orjson.dumps({"id": f"p{i}", "text": "x" * (i % 50)}) + b"\n" for i in range(5000)
    )
    whole = gzip.compress(body)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    posts, rejects = read(path)
    assert 0 < len(posts) < 5000
    assert [post.id for post in posts] == [f"p{i}" for i in range(len(posts))]
    assert len(rejects) == 1
    assert rejects[0].reason.startswith("cannot read past line")


def test_a_pretty_printed_json_document_gets_a_hint_on_line_one(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('[\n  {"id": "a", "text": "x"}\n]\n', encoding="utf-8")
    posts, rejects = read(path)
    assert [post.id for post in posts] == ["a"]  # line 2 happens to be a whole object
    assert rejects[0].line == 1 and rejects[0].reason.endswith("(for a JSON array: jq -c '.[]')")
    assert [reject.line for reject in rejects] == [1, 3]
    assert "jq" not in rejects[1].reason
