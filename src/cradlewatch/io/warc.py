"""WARC captures as posts: one post per HTML ``response`` (or ``resource``) record.

WARC is the archive format of web evidence (ISO 28500): crawlers such as Heritrix, Browsertrix
and wget write it, and courts accept its capture headers. The URL and capture time therefore
come from ``WARC-Target-URI`` and ``WARC-Date``, not from what the page claims about itself, and
``Provenance.offset`` is the record's byte offset in the stored file (compressed offset for
``.warc.gz``), which is what ``warcio extract FILE OFFSET`` and replay tools take to find it.
Records that are not HTML responses (requests, metadata, images, warcinfo, revisits) and HTTP
responses that are not 2xx (redirects, errors: no captured post) are skipped without a reject.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from cradlewatch.io.html import charset_of, decode_html, is_html_type, page_to_post
from cradlewatch.model import Post, Provenance, Reject

BAD_LENGTH = "not followed by the blank lines WARC requires (wrong Content-Length?)"


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator without the warning it prints on stderr for a record not followed by
    blank lines: that text would corrupt the JSON Lines of rejects there. The count warcio keeps
    (``err_count``) becomes a reject instead."""

    INC_RECORD = ""


def _html_content_type(record: ArcWarcRecord) -> str | None:
    """The record's HTML Content-Type when it holds a successful HTML capture, else None."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return None
    return content_type if is_html_type(content_type) else None


def _capture(record: ArcWarcRecord, records: ArchiveIterator, source: str) -> Post | str | None:
    """The post of one record, the reason it is rejected, or None when it is not a capture."""
    if record.length is None:
        offset = records.get_record_offset()
        return f"record at byte {offset}: header cut short (no Content-Length)"
    content_type = _html_content_type(record)
    if content_type is None:
        while record.raw_stream.read(1 << 16):
            pass  # drained here (warcio would anyway) to learn whether the record is whole
        missing = getattr(record.raw_stream, "limit", 0)
        if missing > 0:
            return (
                f"record at byte {records.get_record_offset()}: truncated, {missing} bytes missing"
            )
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    captured_at = record.rec_headers.get_header("WARC-Date")
    try:
        raw = record.content_stream().read()
    except (OSError, EOFError, zlib.error, ValueError) as error:
        return f"record at byte {records.get_record_offset()}: cannot decode: {error}"
    missing = getattr(record.raw_stream, "limit", 0)
    offset = records.get_record_offset()
    if missing > 0:
        return f"record at byte {offset}: truncated, {missing} bytes missing"
    page = decode_html(raw, charset_of(content_type))
    provenance = Provenance(source, None, offset)
    post = page_to_post(page, raw, provenance, url, captured_at, page_url_wins=False)
    if record.rec_type == "response":
        post.extra["http_status"] = int(record.http_headers.get_statuscode())
    return post


def read_warc(
    stored: IO[bytes],
    source: str,
    on_reject: Callable[[Reject], None],
    tick: Callable[[], None] | None = None,
) -> Iterator[Post]:
    """Yield a post per HTML capture of a WARC file (plain or gzip, detected by warcio).

    A record whose body is cut short or cannot be decoded is rejected with its offset in the
    reason (WARC has no line numbers); a file that is not a WARC, or whose framing breaks, ends
    with one reject naming the byte where reading stopped.
    """
    records = _QuietArchiveIterator(stored)
    stream = iter(records)
    while True:
        try:
            record = next(stream)
        except StopIteration:
            break
        except Exception as error:  # noqa: BLE001 - warcio raises many types on corrupt framing
            first = str(error).strip().splitlines()
            detail = first[0] if isinstance(error, ArchiveLoadFailed) and first else "malformed"
            reason = f"not a readable WARC from byte {records.offset} on: {detail}"
            on_reject(Reject(source, None, reason))
            return
        if tick is not None:
            tick()
        if not record.format.startswith("warc"):
            offset = records.get_record_offset()
            on_reject(Reject(source, None, f"not a WARC record at byte {offset}"))
            return
        warnings = records.err_count
        post = _capture(record, records, source)
        offset = records.get_record_offset()  # finishes the record, checking what follows it
        if isinstance(post, str):
            on_reject(Reject(source, None, post))
        elif records.err_count > warnings:
            reason = f"record at byte {offset}: {BAD_LENGTH}"
            on_reject(Reject(source, None, reason))
        elif post is not None:
            yield post
    size = os.fstat(stored.fileno()).st_size
    if records.offset < size:
        reason = f"not a readable WARC from byte {records.offset} on: record cut short"
        on_reject(Reject(source, None, reason))
