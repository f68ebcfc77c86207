"""A Rich progress bar on stderr for long reads, measured in stored bytes.

Bytes, not records, because the total of bytes is known before reading (a directory of WARC
files has no cheap record count). The bar stays off when stderr is not a terminal (pipes, logs,
CI) or the total is unknown (stdin), so that machine-read output never carries escape codes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)


def _ignore(nbytes: int) -> None:
    """The progress callback used when no bar is shown."""


def progress_enabled(total_bytes: int | None) -> bool:
    """True when a bar makes sense: a known, non-zero total and a terminal on stderr."""
    return bool(total_bytes) and sys.stderr.isatty()


@contextmanager
def progress_bar(total_bytes: int | None, description: str) -> Iterator[Callable[[int], None]]:
    """Show a bar for ``total_bytes`` and yield ``on_progress(nbytes)`` that advances it.

    ``nbytes`` is an increment, as the readers report it. When the bar is disabled the callback
    does nothing, so callers never need to branch.
    """
    if not progress_enabled(total_bytes):
        yield _ignore
        return
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task(description, total=total_bytes)

    def advance(nbytes: int) -> None:
        progress.advance(task, nbytes)

    with progress:
        yield advance
