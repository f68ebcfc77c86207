"""CSV reader: BOM, quoted newlines, JSON images column, empty cells, bad rows."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from cradlewatch.io import read_posts
from cradlewatch.model import Post, Reject


def read(*inputs: str | Path) -> tuple[list[Post], list[Reject]]:
    rejects: list[Reject] = []
    posts = list(read_posts([str(item) for item in inputs], rejects.append))
    return posts, rejects


def test_bom_quoted_newlines_images_and_empty_cells(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(
        "\ufeffid,text,title,platform,images,group_size\r\n"
        'p1,"男宝满月\r\n营养费5万, 私聊",求领养,tieba,"[{""url"": ""https://i/1.jpg"", '
        '""sha256"": ""ab""}]",\r\n'
        "p2,第二条,,,,120\r\n".encode()
    )
    posts, rejects = read(path)
    assert rejects == []
    first, second = posts
    assert first.id == "p1"
    assert first.text == "男宝满月\r\n营养费5万, 私聊"
    assert first.title == "求领养" and first.platform == "tieba"
    assert first.images == [{"url": "https://i/1.jpg", "sha256": "ab"}]
    assert first.extra == {}
    assert second.title is None and second.platform is None and second.images == []
    assert second.extra == {"group_size": "120"}
    assert first.provenance is not None and second.provenance is not None
    assert first.provenance.line == 2
    assert second.provenance.line == 4  # the quoted newline makes p1 span lines 2-3


def test_provenance_hashes_the_record_bytes_and_offset_points_at_them(tmp_path: Path) -> None:
    header = b"id,text\n"
    record = 'p1,"多行\n文本"'.encode()
    path = tmp_path / "posts.csv"
    path.write_bytes(b"\xef\xbb\xbf" + header + record + b"\n")
    (post,), _ = read(path)
    assert post.provenance is not None
    assert post.provenance.sha256 == hashlib.sha256(record).hexdigest()
    offset = post.provenance.offset
    assert offset == 3 + len(header)
    assert path.read_bytes()[offset : offset + len(record)] == record


def test_bad_rows_are_rejected_with_the_line_where_they_start(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_bytes(
        b"id,text,images,posted_at\n"
        b"ok1,fine,,\n"  # 2
        b",no id,,\n"  # 3
        b'bad,"spans\nlines",not json,\n'  # 4-5
        b"late,t,,2014-13-45\n"  # 6
        b"wide,t,,,extra cell\n"  # 7
        b"utf,caf\xc3,,\n"  # 8
        b'img,t,"{""url"": 1}",\n'  # 9
        b"\n"  # 10: blank, skipped
        b"ok2,fine again,,2014-02-17T09:00:00+08:00\n"  # 11
    )
    posts, rejects = read(path)
    assert [post.id for post in posts] == ["ok1", "ok2"]
    assert posts[1].posted_at == "2014-02-17T09:00:00+08:00"
    assert posts[1].provenance is not None and posts[1].provenance.line == 11
    reasons = {reject.line: reject.reason for reject in rejects}
    assert list(reasons) == [3, 4, 6, 7, 8, 9]
    assert reasons[3] == "missing id"
    assert reasons[4].startswith("images must hold a JSON list")
    assert reasons[6].startswith("posted_at must be an ISO 8601 date-time")
    assert reasons[7] == "row has 5 fields, the header has 4"
    assert reasons[8] == "invalid UTF-8 at byte 8 of the record"
    assert reasons[9] == "images must be a list of objects, got an object"


def test_header_without_required_columns_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("post_id,body\n1,x\n2,y\n", encoding="utf-8")
    posts, rejects = read(path)
    assert posts == []
    assert [(r.line, r.reason) for r in rejects] == [
        (1, "CSV header lacks required column(s): id, text")
    ]


def test_empty_file_and_header_only(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"")
    (tmp_path / "b.csv").write_bytes(b"id,text\n")
    assert read(tmp_path / "a.csv", tmp_path / "b.csv") == ([], [])


def test_a_ten_megabyte_cell_and_gzip(tmp_path: Path) -> None:
    text = "x" * (10 * 1024 * 1024)
    path = tmp_path / "big.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        handle.write(f"id,text\nbig,{text}\nsmall,y\n")
    posts, rejects = read(path)
    assert rejects == []
    assert [post.id for post in posts] == ["big", "small"]
    assert len(posts[0].text) == len(text)
