"""JSON Lines posts: one object per line, read as bytes so that one bad line never spoils a file.

Reading bytes (not text) line by line is what lets a line with broken UTF-8 be rejected with its
number while its neighbours are kept, and what lets the provenance hash be the hash of the bytes
exactly as they were captured. orjson parses bytes directly and validates UTF-8 itself, so the
happy path decodes each line once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import IO

import orjson

from cradlewatch.io.opening import READ_ERRORS
from cradlewatch.io.records import build_post, json_type_name
from cradlewatch.model import Post, Provenance, Reject

BOM = b"\xef\xbb\xbf"
#: Said once, on line 1, when a file looks like one pretty-printed JSON document.
ONE_DOCUMENT_HINT = "JSON Lines needs one object per line (for a JSON array: jq -c '.[]')"
#: How often (in lines) the reader lets its caller look at the stored position for progress.
TICK_LINES = 4096


def strip_line_ending(raw: bytes) -> bytes:
    """``raw`` without its final ``\\n``, ``\\r\\n`` or ``\\r`` (only one, never inner ones)."""
    if raw.endswith(b"\n"):
        raw = raw[:-1]
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    return raw


def json_error_reason(body: bytes, error: orjson.JSONDecodeError) -> str:
    """Name the real fault: broken UTF-8 (with its byte column) before bad JSON syntax."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"invalid UTF-8 at byte {bad.start + 1} of the line"
    return f"invalid JSON: {error.msg} (column {error.colno})"


def read_jsonl(
    stream: IO[bytes],
    source: str,
    on_reject: Callable[[Reject], None],
    tick: Callable[[], None] | None = None,
) -> Iterator[Post]:
    """Yield the posts of a JSON Lines byte stream; report every other line to ``on_reject``.

    Blank lines are skipped. A UTF-8 byte-order mark on the first line is tolerated.
    ``Provenance.line`` is the 1-based line number, ``offset`` the byte offset of the line in the
    (decompressed) stream, ``sha256`` the hash of the line's bytes without its line ending.
    A stream that breaks off (truncated gzip, I/O error) ends with one reject naming the line
    where reading stopped. ``tick`` is called every :data:`TICK_LINES` lines for progress.
    """
    line_no = 0
    offset = 0
    try:
        for raw in stream:
            line_no += 1
            start = offset
            offset += len(raw)
            if tick is not None and line_no % TICK_LINES == 0:
                tick()
            body = strip_line_ending(raw)
            if line_no == 1 and body.startswith(BOM):
                body = body[len(BOM) :]
                start += len(BOM)
            if not body or body.isspace():
                continue
            try:
                record = orjson.loads(body)
            except orjson.JSONDecodeError as error:
                reason = json_error_reason(body, error)
                if line_no == 1 and body.lstrip()[:1] in (b"[", b"{"):
                    reason += f"; {ONE_DOCUMENT_HINT}"
                on_reject(Reject(source, line_no, reason))
                continue
            if type(record) is not dict:
                reason = f"expected a JSON object, got {json_type_name(record)}"
                on_reject(Reject(source, line_no, reason))
                continue
            provenance = Provenance(source, line_no, start, hashlib.sha256(body).hexdigest())
            post = build_post(record, provenance)
            if isinstance(post, str):
                on_reject(Reject(source, line_no, post))
                continue
            yield post
    except READ_ERRORS as error:
        on_reject(Reject(source, line_no + 1, f"cannot read past line {line_no}: {error}"))
