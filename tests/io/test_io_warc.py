"""WARC reader: HTML responses and resources become posts; everything else is skipped."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cradlewatch.io import read_posts
from cradlewatch.io.html import post_id
from cradlewatch.io.warc import BAD_LENGTH
from cradlewatch.model import Post, Reject

PAGE = "<html><head><title>求领养</title></head><body><p>男宝满月</p></body></html>".encode()
GBK_PAGE = "<html><body>女宝送养</body></html>".encode("gbk")


def write_warc(path: Path, gzip: bool) -> None:
    """A small capture: warcinfo, request, HTML response, image, redirect, GBK page, resource."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))

        def response(uri: str, status: str, content_type: str, body: bytes, date: str) -> None:
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)

        request = StatusAndHeaders(
            "GET /p/1 HTTP/1.1", [("Host", "bbs.example")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(
                "http://bbs.example/p/1", "request", payload=io.BytesIO(b""), http_headers=request
            )
        )
        response(
            "http://bbs.example/p/1",
            "200 OK",
            "text/html; charset=utf-8",
            PAGE,
            "2014-02-17T10:11:00Z",
        )
        response(
            "http://bbs.example/logo.png",
            "200 OK",
            "image/png",
            b"\x89PNG....",
            "2014-02-17T10:11:01Z",
        )
        response(
            "http://bbs.example/old",
            "301 Moved",
            "text/html",
            b"<a>moved</a>",
            "2014-02-17T10:11:02Z",
        )
        response(
            "http://bbs.example/p/2",
            "200 OK",
            "text/html; charset=GBK",
            GBK_PAGE,
            "2014-02-17T10:11:03Z",
        )
        writer.write_record(
            writer.create_warc_record(
                "http://bbs.example/saved",
                "resource",
                payload=io.BytesIO(b"<p>saved resource</p>"),
                warc_content_type="text/html",
                warc_headers_dict={"WARC-Date": "2014-02-17T10:12:00Z"},
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "http://bbs.example/p/1",
                "metadata",
                payload=io.BytesIO(b"outlinks: none"),
                warc_content_type="text/html",
            )
        )


def read(path: Path) -> tuple[list[Post], list[Reject]]:
    rejects: list[Reject] = []
    return list(read_posts([str(path)], rejects.append)), rejects


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_only_html_captures_become_posts(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip)
    posts, rejects = read(path)
    assert rejects == []
    assert [post.url for post in posts] == [
        "http://bbs.example/p/1",
        "http://bbs.example/p/2",
        "http://bbs.example/saved",
    ]
    first, second, third = posts
    assert first.title == "求领养" and first.text == "男宝满月"
    assert first.captured_at == "2014-02-17T10:11:00Z"
    assert first.id == post_id("http://bbs.example/p/1", "2014-02-17T10:11:00Z")
    assert first.extra == {"http_status": 200}
    assert second.text == "女宝送养"
    assert third.text == "saved resource" and "http_status" not in third.extra
    assert first.provenance is not None and second.provenance is not None
    assert first.provenance.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert second.provenance.sha256 == hashlib.sha256(GBK_PAGE).hexdigest()
    assert first.provenance.line is None
    assert first.provenance.captured_at == "2014-02-17T10:11:00Z"


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_offsets_point_at_the_records(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip)
    posts, _ = read(path)
    for post in posts:
        assert post.provenance is not None and post.provenance.offset is not None
        with path.open("rb") as handle:
            handle.seek(post.provenance.offset)
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == post.url


def test_a_file_that_is_not_a_warc_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not a web archive\n")
    posts, rejects = read(path)
    assert posts == []
    assert len(rejects) == 1 and rejects[0].reason == "not a WARC record at byte 0"


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_a_cut_short_capture_is_rejected_and_earlier_ones_kept(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip)
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        offsets = [records.get_record_offset() for _record in records]
    resource = offsets[-2]  # the HTML resource record, followed by one metadata record
    path.write_bytes(path.read_bytes()[: offsets[-1] - (24 if gzip else 10)])  # in the body
    posts, rejects = read(path)
    assert [post.url for post in posts] == ["http://bbs.example/p/1", "http://bbs.example/p/2"]
    assert len(rejects) == 1
    # Where a cut inside a gzip member lands in the decompressed record depends on how the
    # record (random WARC-Record-IDs included) compressed: in its body or in its header.
    reason = rejects[0].reason
    assert reason.startswith(f"record at byte {resource}: ")
    assert reason.split(": ", 1)[1].startswith(("truncated, ", "header cut short"))


def test_a_cut_in_a_record_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        offsets = [records.get_record_offset() for _record in records]
    path.write_bytes(path.read_bytes()[: offsets[-2] + 60])  # inside the resource's header
    posts, rejects = read(path)
    assert len(posts) == 2
    assert [reject.reason.split(":")[0] for reject in rejects] in (
        [f"record at byte {offsets[-2]}"],
        [f"not a readable WARC from byte {offsets[-2]} on"],
    )


def raw_record(uri: str, body: bytes, length: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    record_id = uri.rsplit("/", 1)[-1].rjust(8, "0")
    block_length = len(http) + length - len(body)
    headers = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2014-02-17T10:11:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {block_length}\r\n\r\n"
    )
    return headers.encode() + http + b"\r\n\r\n"


def test_a_wrong_content_length_is_a_reject_not_a_warning_on_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hand.warc"
    path.write_bytes(
        raw_record("http://bbs.example/1", b"<p>first</p>", 12)
        + raw_record("http://bbs.example/2", b"<p>second page</p>", 10)  # 8 bytes too short
        + raw_record("http://bbs.example/3", b"<p>third</p>", 12)
    )
    posts, rejects = read(path)
    assert capfd.readouterr().err == ""
    assert [post.text for post in posts] == ["first", "third"]
    second = len(raw_record("http://bbs.example/1", b"<p>first</p>", 12))
    assert [reject.reason for reject in rejects] == [f"record at byte {second}: {BAD_LENGTH}"]
