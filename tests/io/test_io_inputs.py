"""Inputs as a whole: directories, stdin, unreadable paths, progress totals, deduplication."""

from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path

import pytest

from cradlewatch.errors import UsageError
from cradlewatch.io import dedupe_ids, file_format, progress_bar, read_posts, total_input_bytes
from cradlewatch.model import Post, Reject


def read(inputs: list[str]) -> tuple[list[Post], list[Reject]]:
    rejects: list[Reject] = []
    return list(read_posts(inputs, rejects.append)), rejects


def make_tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / "a" / "deep").mkdir()
    (root / "b" / "2.jsonl").write_text('{"id":"b2","text":"x"}\n', encoding="utf-8")
    (root / "a" / "1.csv").write_text("id,text\na1,x\n", encoding="utf-8")
    (root / "a" / "deep" / "0.ndjson.gz").write_bytes(gzip.compress(b'{"id":"a0","text":"x"}\n'))
    (root / "a" / "page.HTML").write_text("<p>page</p>", encoding="utf-8")
    (root / "notes.txt").write_text("not posts", encoding="utf-8")
    (root / ".hidden.jsonl").write_text('{"id":"h","text":"x"}\n', encoding="utf-8")
    (root / "top.json").write_text('{"id":"t","text":"x"}\n', encoding="utf-8")


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    posts, rejects = read([str(tmp_path)])
    assert [post.id for post in posts if not post.id.startswith("html:")] == ["a1", "a0", "b2", "t"]
    assert [post.text for post in posts if post.id.startswith("html:")] == ["page"]
    assert [post.provenance.source for post in posts if post.provenance] == [
        str(tmp_path / "a" / "1.csv"),
        str(tmp_path / "a" / "deep" / "0.ndjson.gz"),
        str(tmp_path / "a" / "page.HTML"),
        str(tmp_path / "b" / "2.jsonl"),
        str(tmp_path / "top.json"),
    ]
    assert rejects == [Reject(str(tmp_path / "notes.txt"), None, "unsupported file type")]


def test_a_directory_link_loop_is_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "p.jsonl").write_text('{"id":"p","text":"x"}\n', encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "d" / "loop")
    posts, _ = read([str(tmp_path)])
    assert [post.id for post in posts] == ["p"]


def test_stdin_reads_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"id":"s1","text":"x"}\n{bad\n{"id":"s2","text":"y"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    posts, rejects = read(["-"])
    assert [post.id for post in posts] == ["s1", "s2"]
    assert posts[0].provenance is not None and posts[0].provenance.source == "-"
    assert [(reject.source, reject.line) for reject in rejects] == [("-", 2)]
    assert total_input_bytes(["-"]) is None


def test_unreadable_inputs_raise_before_any_post(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"id":"g","text":"x"}\n', encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(UsageError, match=r"missing\.jsonl: No such file or directory"):
        read_posts([str(good), str(missing)], lambda reject: None)
    with pytest.raises(UsageError, match="standard input given more than once"):
        read_posts(["-", "-"], lambda reject: None)
    with pytest.raises(UsageError, match="missing"):
        total_input_bytes([str(missing)])


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_permission_denied_is_a_usage_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked.jsonl"
    locked.write_text("{}\n", encoding="utf-8")
    locked.chmod(0)
    with pytest.raises(UsageError, match="Permission denied"):
        read_posts([str(locked)], lambda reject: None)


def test_progress_increments_add_up_to_the_total(tmp_path: Path) -> None:
    make_tree(tmp_path)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"".join(b'{"id":"%d","text":"%s"}\n' % (i, b"x" * 300) for i in range(20000)))
    increments: list[int] = []
    posts = list(read_posts([str(tmp_path)], lambda reject: None, increments.append))
    assert len(posts) == 20005
    assert sum(increments) == total_input_bytes([str(tmp_path)])
    assert len(increments) > 3  # the big file reports along the way, not only at its end
    expected = sum(
        path.stat().st_size
        for path in tmp_path.rglob("*")
        if path.is_file() and file_format(str(path)) and not path.name.startswith(".")
    )
    assert total_input_bytes([str(tmp_path)]) == expected


def test_progress_bar_is_a_no_op_without_a_terminal_and_counts_with_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with progress_bar(1000, "reading") as advance:
        advance(10)  # stderr is captured by pytest: no terminal, nothing shown
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress_bar(None, "reading") as advance:
        assert advance.__name__ == "_ignore"
    with progress_bar(1000, "reading") as advance:
        assert advance.__name__ == "advance"
        advance(1000)


def test_dedupe_ids_rejects_repeats_with_the_first_location(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(
        '{"id":"a","text":"1"}\n{"id":"b","text":"2"}\n{"id":"a","text":"3"}\n', encoding="utf-8"
    )
    other = tmp_path / "more.csv"
    other.write_text("id,text\nb,4\n", encoding="utf-8")
    rejects: list[Reject] = []
    posts = list(dedupe_ids(read_posts([str(path), str(other)], rejects.append), rejects.append))
    assert [post.text for post in posts] == ["1", "2"]
    assert rejects == [
        Reject(str(path), 3, f"duplicate id (first seen at {path}:1)"),
        Reject(str(other), 2, f"duplicate id (first seen at {path}:2)"),
    ]


def test_file_format_by_name() -> None:
    assert file_format("x.JSONL") == "jsonl"
    assert file_format("x.json.gz") == "jsonl"
    assert file_format("x.csv.gz") == "csv"
    assert file_format("x.htm") == "html"
    assert file_format("x.warc.gz") == "warc"
    assert file_format("x.gz") is None
    assert file_format("x.txt") is None


def test_gzip_on_stdin_is_recognised_by_its_magic_number(monkeypatch: pytest.MonkeyPatch) -> None:
    data = gzip.compress(b'{"id":"z","text":"x"}\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    posts, rejects = read(["-"])
    assert [post.id for post in posts] == ["z"] and rejects == []


def test_one_string_instead_of_a_list_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not one string"):
        read_posts("posts.jsonl", lambda reject: None)


def test_a_file_in_a_directory_that_cannot_be_opened_raises_when_reached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.jsonl").write_text('{"id":"a","text":"x"}\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id":"b","text":"x"}\n', encoding="utf-8")
    real_open = open

    def guarded_open(path: str, mode: str = "r") -> object:
        if path.endswith("b.jsonl"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, mode)

    monkeypatch.setattr("cradlewatch.io.opening.open", guarded_open, raising=False)
    posts = read_posts([str(tmp_path)], lambda reject: None)
    assert next(posts).id == "a"
    with pytest.raises(UsageError, match=r"b\.jsonl: Permission denied"):
        next(posts)
