"""Reading posts from any mix of files, directories and stdin (CONTRACTS §1).

This is the one entry point the commands use. It streams: posts are yielded one by one and
nothing proportional to the number of records is kept (only a single HTML page is ever read
whole), so a national crawl reads in flat memory. Deduplication needs a memory of ids, so it
is a separate step (:func:`dedupe_ids`) for the commands that hold everything anyway.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import IO

from cradlewatch.errors import UsageError
from cradlewatch.io.csvfile import read_csv
from cradlewatch.io.html import decode_html, page_to_post
from cradlewatch.io.jsonl import read_jsonl
from cradlewatch.io.opening import (
    READ_ERRORS,
    Meter,
    decompressed,
    describe_os_error,
    open_stored,
    stored_size,
)
from cradlewatch.io.warc import read_warc
from cradlewatch.model import Post, Provenance, Reject

STDIN = "-"
GZIP_MAGIC = b"\x1f\x8b"
#: File name endings and the format each one holds (``.gz`` variants are decompressed).
FORMATS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
}


def file_format(path: str) -> str | None:
    """The format of ``path`` by its name (``jsonl``, ``csv``, ``html``, ``warc``), or None."""
    name = path.lower().removesuffix(".gz")
    return FORMATS.get(os.path.splitext(name)[1])


def _walk(directory: str, seen: set[tuple[int, int]]) -> Iterator[str]:
    """Files under ``directory`` in sorted order, depth first; hidden entries are skipped.

    Symbolic links are followed, but a directory already visited is not entered again, so a
    link loop cannot make the walk endless.
    """
    try:
        info = os.stat(directory)
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        raise UsageError(describe_os_error(directory, error)) from error
    if (info.st_dev, info.st_ino) in seen:
        return
    seen.add((info.st_dev, info.st_ino))
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry.path, seen)
        else:
            yield entry.path


def _expand(inputs: Iterable[str]) -> Iterator[str]:
    for item in inputs:
        if item != STDIN and os.path.isdir(item):
            yield from _walk(item, set())
        else:
            yield item


def _check_inputs(inputs: Sequence[str]) -> None:
    """Fail before any output when a named input is missing or unreadable, or stdin is repeated."""
    if isinstance(inputs, str):
        raise TypeError("inputs must be a sequence of paths, not one string")
    if sum(1 for item in inputs if item == STDIN) > 1:
        raise UsageError("-: standard input given more than once")
    for item in inputs:
        if item == STDIN:
            continue
        if not os.path.exists(item):
            raise UsageError(f"{item}: No such file or directory")
        if not os.access(item, os.R_OK):
            raise UsageError(f"{item}: Permission denied")


def total_input_bytes(inputs: Sequence[str]) -> int | None:
    """Stored size of all readable posts in ``inputs`` (for a progress bar); None with stdin."""
    if STDIN in inputs:
        return None
    _check_inputs(inputs)
    return sum(stored_size(path) for path in _expand(inputs) if file_format(path))


def _capture_time(path: str) -> str:
    """A local file's modification time as ISO 8601 UTC: the best capture time it can tell."""
    stamp = datetime.fromtimestamp(os.stat(path).st_mtime, tz=UTC)
    return stamp.isoformat(timespec="seconds").replace("+00:00", "Z")


def _read_html_file(path: str, on_reject: Callable[[Reject], None]) -> Iterator[Post]:
    with open_stored(path) as stored:
        try:
            raw = decompressed(stored, path).read()
        except READ_ERRORS as error:
            on_reject(Reject(path, None, f"cannot read: {error}"))
            return
    url = "file://" + os.path.abspath(path)
    page = decode_html(raw)
    yield page_to_post(page, raw, Provenance(path), url, _capture_time(path), page_url_wins=True)


def _read_file(
    path: str,
    on_reject: Callable[[Reject], None],
    on_progress: Callable[[int], None] | None,
) -> Iterator[Post]:
    kind = file_format(path)
    if kind is None:
        on_reject(Reject(path, None, "unsupported file type"))
        return
    meter = Meter(on_progress)
    if kind == "html":
        yield from _read_html_file(path, on_reject)
    else:
        with open_stored(path) as stored:

            def tick() -> None:
                meter.update(stored.tell())

            if kind == "warc":
                yield from read_warc(stored, path, on_reject, tick)
            else:
                reader = read_jsonl if kind == "jsonl" else read_csv
                yield from reader(decompressed(stored, path), path, on_reject, tick)
    meter.finish(stored_size(path))


def _stdin() -> IO[bytes]:
    """Standard input as bytes, decompressed when it starts with the gzip magic number."""
    stream = sys.stdin.buffer
    head = stream.peek(2)[:2] if isinstance(stream, io.BufferedReader) else b""
    if head == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
    return stream


def _read_all(
    inputs: Sequence[str],
    on_reject: Callable[[Reject], None],
    on_progress: Callable[[int], None] | None,
) -> Iterator[Post]:
    for path in _expand(inputs):
        if path == STDIN:
            yield from read_jsonl(_stdin(), STDIN, on_reject)
        else:
            yield from _read_file(path, on_reject, on_progress)


def read_posts(
    inputs: Sequence[str],
    on_reject: Callable[[Reject], None],
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Post]:
    """Stream the posts of ``inputs`` (files, directories, ``-`` for JSON Lines on stdin).

    Invalid records go to ``on_reject`` and reading goes on. ``on_progress(nbytes)`` receives
    increments of stored bytes read, adding up to :func:`total_input_bytes`. Missing or
    unreadable named inputs raise :class:`UsageError` at once, before any post is yielded;
    a file inside a directory that cannot be opened raises it when reached.
    """
    _check_inputs(inputs)
    return _read_all(tuple(inputs), on_reject, on_progress)


def _where(post: Post) -> str:
    provenance = post.provenance
    if provenance is None:
        return "?"
    if provenance.line is not None:
        return f"{provenance.source}:{provenance.line}"
    if provenance.offset is not None:
        return f"{provenance.source}@{provenance.offset}"
    return provenance.source


def dedupe_ids(posts: Iterable[Post], on_reject: Callable[[Reject], None]) -> Iterator[Post]:
    """Drop posts whose id was already seen, rejecting each with where the first one was.

    Keeps a memory of every id, so it is for commands that hold all posts anyway.
    """
    first_seen: dict[str, str] = {}
    for post in posts:
        where = first_seen.get(post.id)
        if where is None:
            first_seen[post.id] = _where(post)
            yield post
            continue
        provenance = post.provenance
        source = provenance.source if provenance else "?"
        line = provenance.line if provenance else None
        on_reject(Reject(source, line, f"duplicate id (first seen at {where})"))
