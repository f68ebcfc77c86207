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

from collections.abc import Callable, Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from cradlewatch.io.html import charset_of, decode_html, is_html_type, page_to_post
from cradlewatch.model import Post, Provenance, Reject


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


def read_warc(
    stored: IO[bytes],
    source: str,
    on_reject: Callable[[Reject], None],
    tick: Callable[[], None] | None = None,
) -> Iterator[Post]:
    """Yield a post per HTML capture of a WARC file (plain or gzip, detected by warcio).

    A record whose body cannot be decoded is rejected with its offset in the reason (WARC has no
    line numbers); a file that is not a WARC, or breaks off, ends with one reject.
    """
    records = ArchiveIterator(stored)
    try:
        for record in records:
            if tick is not None:
                tick()
            if not record.format.startswith("warc"):
                offset = records.get_record_offset()
                on_reject(Reject(source, None, f"not a WARC record at byte {offset}"))
                return
            content_type = _html_content_type(record)
            if content_type is None:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            captured_at = record.rec_headers.get_header("WARC-Date")
            try:
                raw = record.content_stream().read()
            except (OSError, EOFError, ValueError) as error:
                offset = records.get_record_offset()
                on_reject(Reject(source, None, f"record at byte {offset}: cannot decode: {error}"))
                continue
            offset = records.get_record_offset()
            page = decode_html(raw, charset_of(content_type))
            provenance = Provenance(source, None, offset)
            post = page_to_post(page, raw, provenance, url, captured_at, page_url_wins=False)
            if record.rec_type == "response":
                post.extra["http_status"] = int(record.http_headers.get_statuscode())
            yield post
    except (ArchiveLoadFailed, OSError, EOFError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        on_reject(Reject(source, None, f"not a readable WARC from here on: {reason}"))
