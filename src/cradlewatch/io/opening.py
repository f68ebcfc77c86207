"""Opening input files as byte streams, and reporting how far through them a reader is.

Readers see decompressed bytes, but progress is measured on the file as stored (compressed
bytes for ``.gz``), because that is the total a progress bar can know before reading.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, BinaryIO

from cradlewatch.errors import UsageError

#: What a byte stream raises when it breaks off or its compression is corrupt.
READ_ERRORS: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error)
#: Progress is reported at most once per this many stored bytes, to keep the callback cheap.
PROGRESS_STEP = 1 << 20


def describe_os_error(path: str, error: OSError) -> str:
    """``path: reason`` in the words of the operating system, without Python's decoration."""
    return f"{path}: {error.strerror or error}"


class Meter:
    """Turns a stored-file position into ``on_progress(delta)`` calls, at most one per step.

    The callback receives byte increments, so that one progress bar can add up many files.
    """

    __slots__ = ("_on_progress", "_reported")

    def __init__(self, on_progress: Callable[[int], None] | None) -> None:
        self._on_progress = on_progress
        self._reported = 0

    def update(self, position: int) -> None:
        """Report progress up to ``position`` if at least one step was read since last time."""
        if self._on_progress is not None and position - self._reported >= PROGRESS_STEP:
            self._on_progress(position - self._reported)
            self._reported = position

    def finish(self, position: int) -> None:
        """Report whatever is left up to ``position`` (the file's end)."""
        if self._on_progress is not None and position > self._reported:
            self._on_progress(position - self._reported)
            self._reported = position


@contextmanager
def open_stored(path: str) -> Iterator[BinaryIO]:
    """Open ``path`` for reading bytes, or raise :class:`UsageError` when it cannot be opened."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the context manager below
    except OSError as error:
        raise UsageError(describe_os_error(path, error)) from error
    try:
        yield handle
    finally:
        handle.close()


def decompressed(stored: BinaryIO, path: str) -> IO[bytes]:
    """The decompressed view of ``stored`` when ``path`` ends in ``.gz``, else ``stored`` itself."""
    if path.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=stored, mode="rb")  # type: ignore[return-value]
    return stored


def stored_size(path: str) -> int:
    """Size of ``path`` on disk, or :class:`UsageError` when it cannot be examined."""
    try:
        return os.stat(path).st_size
    except OSError as error:
        raise UsageError(describe_os_error(path, error)) from error
