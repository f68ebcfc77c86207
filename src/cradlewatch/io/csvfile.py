"""CSV posts: one row per post, with the column names of JSON Lines (CONTRACTS §1).

Spreadsheets are how many NGOs and hotline teams keep what they collect, so CSV is a first-class
input. The file is decoded with ``surrogateescape``, which keeps the bytes of a broken UTF-8
sequence recoverable: that row is rejected with its line number, the others are read, and the
provenance hash is taken over the record's bytes exactly as stored. A tap on the line iterator
records which physical lines made up each record, so that quoted newlines still give the line
where the record starts.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

import orjson

from cradlewatch.io.jsonl import TICK_LINES, strip_line_ending
from cradlewatch.io.opening import READ_ERRORS
from cradlewatch.io.records import build_post
from cradlewatch.model import Post, Provenance, Reject

REQUIRED_COLUMNS: tuple[str, ...] = ("id", "text")


class _LineTap:
    """Iterator over text lines that remembers the lines handed out since the last ``take``."""

    __slots__ = ("_lines", "_taken", "count")

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._taken: list[str] = []
        self.count = 0

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._taken.append(line)
        self.count += 1
        return line

    def take(self) -> str:
        """The text of the lines read since the previous call, line endings included."""
        text = "".join(self._taken)
        self._taken.clear()
        return text


def _allow_long_fields() -> None:
    """Lift the csv module's 128 KiB field limit: a captured page can be megabytes long."""
    if csv.field_size_limit() < sys.maxsize >> 1:
        csv.field_size_limit(sys.maxsize >> 1)


def _header_problem(header: list[str]) -> str | None:
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        return f"CSV header lacks required column(s): {', '.join(missing)}"
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            return f"CSV header repeats column {name!r}"
        seen.add(name)
    return None


def _row_to_record(header: list[str], row: list[str]) -> dict[str, Any] | str:
    if len(row) > len(header):
        return f"row has {len(row)} fields, the header has {len(header)}"
    # a short row leaves the last columns absent
    record: dict[str, Any] = {
        name: value for name, value in zip(header, row, strict=False) if value and name
    }
    images = record.get("images")
    if images is not None:
        try:
            record["images"] = orjson.loads(images)
        except orjson.JSONDecodeError as error:
            return f"images must hold a JSON list: {error.msg} (column {error.colno})"
    return record


def read_csv(
    stream: IO[bytes],
    source: str,
    on_reject: Callable[[Reject], None],
    tick: Callable[[], None] | None = None,
) -> Iterator[Post]:
    """Yield the posts of a CSV byte stream (first row = header); reject the other rows.

    Empty cells count as absent; a ``images`` cell holds a JSON list of ``{url, sha256}``;
    columns beyond CONTRACTS §1 go to ``Post.extra`` as strings. A header without ``id`` or
    ``text`` is one reject for the whole file. ``Provenance.line`` is the physical line where a
    record starts, ``offset`` its byte offset, ``sha256`` the hash of its bytes without the
    final line ending.
    """
    _allow_long_fields()
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline="")
    tap = _LineTap(iter(text))
    reader = csv.reader(tap)
    header: list[str] | None = None
    offset = 0
    records = 0
    while True:
        start_line = tap.count + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            row = None
            problem: str | None = f"malformed CSV: {error}"
        except READ_ERRORS as error:
            on_reject(
                Reject(source, start_line, f"cannot read past line {start_line - 1}: {error}")
            )
            return
        else:
            if row is None:
                return
            problem = None
        raw_text = tap.take()
        if start_line == 1 and raw_text.startswith("\ufeff"):
            raw_text = raw_text[1:]
            offset += 3
            if row:
                row[0] = row[0].removeprefix("\ufeff")
        start = offset
        try:
            raw = raw_text.encode("utf-8")
        except UnicodeEncodeError as bad:
            raw = raw_text.encode("utf-8", "surrogateescape")
            byte = len(raw_text[: bad.start].encode("utf-8", "surrogateescape")) + 1
            problem = problem or f"invalid UTF-8 at byte {byte} of the record"
        offset += len(raw)
        records += 1
        if tick is not None and records % TICK_LINES == 0:
            tick()
        if problem is not None:
            on_reject(Reject(source, start_line, problem))
            if header is None:
                return
            continue
        if not row:
            continue
        if header is None:
            header = [name.strip() for name in row]
            header_problem = _header_problem(header)
            if header_problem:
                on_reject(Reject(source, start_line, header_problem))
                return
            continue
        record = _row_to_record(header, row)
        if isinstance(record, str):
            on_reject(Reject(source, start_line, record))
            continue
        digest = hashlib.sha256(strip_line_ending(raw)).hexdigest()
        post = build_post(record, Provenance(source, start_line, start, digest))
        if isinstance(post, str):
            on_reject(Reject(source, start_line, post))
            continue
        yield post
