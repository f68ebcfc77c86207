"""Write a generated corpus to files or stdout, with a progress bar on a terminal."""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date, datetime, timedelta
from typing import IO

import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cradlewatch.errors import UsageError
from cradlewatch.scenario.context import CHINA
from cradlewatch.scenario.phrasebank import TEMPLATE_CHOICES
from cradlewatch.scenario.posts import generate_posts
from cradlewatch.scenario.world import WINDOW_END


def time_window(start_date: str, days: int | None) -> tuple[int, int]:
    """``--start-date``/``--days`` as Unix times (midnight +08:00); default end 2014-02-19."""
    try:
        first = date.fromisoformat(start_date)
    except ValueError:
        raise UsageError(f"--start-date: expected an ISO date like 2013-01-01, got {start_date!r}") from None
    start = int(datetime(first.year, first.month, first.day, tzinfo=CHINA).timestamp())
    if days is None:
        end = WINDOW_END
    elif days < 1:
        raise UsageError(f"--days must be at least 1, got {days}")
    else:
        end = start + int(timedelta(days=days).total_seconds())
    if end <= start:
        raise UsageError(f"--start-date {start_date} is after the default end 2014-02-19; give --days")
    return start, end


def _open(path: str, stack: ExitStack) -> IO[bytes] | gzip.GzipFile:
    """``-`` is stdout; a ``.gz`` name is gzip-compressed (mtime 0, so bytes stay reproducible)."""
    if path == "-":
        return sys.stdout.buffer
    try:
        raw = stack.enter_context(open(path, "wb"))  # noqa: SIM115 - the ExitStack closes it
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror}") from None
    if path.endswith(".gz"):
        compressed = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="")
        stack.callback(compressed.close)  # closed before ``raw`` (the stack unwinds in reverse)
        return compressed
    return raw


def write_corpus(seed: int, size: int, templates: str, out: str, truth: str | None,
                 start_date: str = "2013-01-01", days: int | None = None) -> None:
    """Generate ``size`` posts to ``out`` and, when asked, their truth to ``truth``."""
    if size < 0:
        raise UsageError(f"--size must be 0 or more, got {size}")
    if templates not in TEMPLATE_CHOICES:
        raise UsageError(f"--templates: expected one of {', '.join(TEMPLATE_CHOICES)}, got {templates!r}")
    start, end = time_window(start_date, days)
    dumps = orjson.dumps
    with ExitStack() as stack:
        posts_file = _open(out, stack)
        truth_file = _open(truth, stack) if truth else None
        advance = _progress(size, stack)
        buffer: list[bytes] = []
        truths: list[bytes] = []
        verdicts: Counter[str] = Counter()
        rings: set[str] = set()
        for index, (post, record) in enumerate(generate_posts(seed, size, templates, start, end)):
            verdicts[record["verdict"]] += 1
            if record["ring"]:
                rings.add(record["ring"])
            buffer.append(dumps(post))
            if truth_file is not None:
                truths.append(dumps(record))
            if len(buffer) == 4096 or index == size - 1:
                posts_file.write(b"\n".join(buffer) + b"\n")
                if truth_file is not None:
                    truth_file.write(b"\n".join(truths) + b"\n")
                advance(len(buffer))
                buffer.clear()
                truths.clear()
        posts_file.flush()
    sys.stderr.write(
        f"scenario posts: {size:,} posts ({templates} templates, seed {seed}): "
        f"{verdicts['trafficking']:,} trafficking, {verdicts['suspicious']:,} suspicious, "
        f"{verdicts['benign']:,} benign; {len(rings):,} rings (lone actors included)\n")


def _progress(size: int, stack: ExitStack) -> Callable[[int], None]:
    """A Rich bar on stderr for long runs on a terminal; a no-op otherwise."""
    if not sys.stderr.isatty() or size < 10000:
        return lambda _n: None
    progress = Progress(TextColumn("[bold]generating posts"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    stack.enter_context(progress)
    task = progress.add_task("posts", total=size)
    return lambda n: progress.advance(task, n)
