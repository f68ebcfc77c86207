"""Writing JSON Lines results and rejects, to files (``.gz`` by suffix) or stdout/stderr.

Every command streams JSON Lines so that commands pipe into each other and into ``jq``; one
writer for all of them keeps the bytes identical across commands (orjson, UTF-8 unescaped,
one object per line, ``\\n`` endings). Rejects are written as soon as they happen, so an
analyst watching a long run sees them early and a crash loses none.
"""

from __future__ import annotations

import dataclasses
import enum
import gzip
import io
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import PurePath
from types import TracebackType
from typing import IO, Any, Self, TextIO

import orjson

from cradlewatch.errors import UsageError
from cradlewatch.io.opening import describe_os_error
from cradlewatch.model import Reject

STDOUT = "-"


def _binary(stream: TextIO) -> IO[bytes]:
    """The byte buffer under a text stream, or a UTF-8 adapter when it has none (test runners)."""
    buffer: IO[bytes] | None = getattr(stream, "buffer", None)
    return buffer if buffer is not None else _TextSink(stream)  # type: ignore[return-value]


class _TextSink(io.RawIOBase):
    """Byte-stream face of a text stream without a buffer, such as an in-memory capture."""

    def __init__(self, text: TextIO) -> None:
        self._text = text

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._text.write(bytes(data).decode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self._text.flush()


def to_jsonable(obj: Any) -> Any:
    """``obj`` as plain JSON values: dataclasses and mappings become dicts, sequences lists.

    Sets become sorted lists (so output is stable), dates ISO 8601 strings, paths strings and
    enums their values. It does not drop fields: deciding what is internal is the caller's job.
    """
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(key): to_jsonable(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(item) for item in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted((to_jsonable(item) for item in obj), key=repr)
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, enum.Enum):
        return to_jsonable(obj.value)
    if isinstance(obj, PurePath):
        return str(obj)
    raise TypeError(f"cannot write a value of type {type(obj).__name__} as JSON")


@contextmanager
def open_output(path: str | None) -> Iterator[IO[bytes]]:
    """A binary stream to ``path`` (gzip when it ends in ``.gz``), or stdout for ``-``/None.

    Standard output is flushed, never closed, so later writers can still use it.
    """
    if path is None or path == STDOUT:
        stdout = _binary(sys.stdout)
        yield stdout
        stdout.flush()
        return
    try:
        if path.lower().endswith(".gz"):
            stream: IO[bytes] = gzip.GzipFile(path, "wb")  # type: ignore[assignment]
        else:
            stream = open(path, "wb")  # noqa: SIM115 - closed below
    except OSError as error:
        raise UsageError(describe_os_error(path, error)) from error
    try:
        yield stream
    finally:
        stream.close()


@contextmanager
def open_text_output(path: str | None) -> Iterator[TextIO]:
    """Like :func:`open_output` but for text (UTF-8, ``newline=""`` as the csv module wants)."""
    with open_output(path) as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=True)
        try:
            yield text
        finally:
            text.flush()
            text.detach()


def _dumps(obj: Any) -> bytes:
    """orjson with a fallback through :func:`to_jsonable` for what it cannot serialise natively."""
    return orjson.dumps(obj, default=to_jsonable, option=orjson.OPT_APPEND_NEWLINE)


class JsonlWriter:
    """Writes one JSON object per line to a path (``.gz`` by suffix) or stdout (``-``/None).

    Dataclasses from :mod:`cradlewatch.model` are written directly by orjson (fast path);
    use as a context manager so the file is closed (and a gzip trailer written).
    """

    def __init__(self, path: str | None = STDOUT) -> None:
        self._context = open_output(path)
        self._stream = self._context.__enter__()
        self.count = 0

    def write(self, obj: Any) -> None:
        """Write ``obj`` (dataclass, mapping, …) as one line."""
        self._stream.write(_dumps(obj))
        self.count += 1

    def close(self) -> None:
        """Flush and close (stdout is flushed only)."""
        self._context.__exit__(None, None, None)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class RejectWriter:
    """Writes rejects as ``{"source", "line", "reason"}`` JSON Lines to a file or stderr.

    An instance is itself the ``on_reject`` callback of the readers. Each reject is flushed at
    once; ``count`` says how many were written, for a summary line.
    """

    def __init__(self, path: str | None = None) -> None:
        self._context = open_output(path) if path not in (None, "-") else None
        self._stream = self._context.__enter__() if self._context else None
        self.count = 0

    def __call__(self, reject: Reject) -> None:
        record = {"source": reject.source, "line": reject.line, "reason": reject.reason}
        line = orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
        if self._stream is None:
            # Looked up on every call and written as text, so that a Rich progress bar, which
            # redirects sys.stderr while it is shown, prints the reject above the bar.
            sys.stderr.write(line.decode("utf-8"))
            sys.stderr.flush()
        else:
            self._stream.write(line)
            self._stream.flush()
        self.count += 1

    def close(self) -> None:
        """Close the rejects file (stderr stays open)."""
        if self._context is not None:
            self._context.__exit__(None, None, None)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
