"""Scanning for linking, on one or more processes.

Scanning dominates the cost of ``rings`` at a million posts, so batches of posts go to worker
processes. Find remembers flagged threads and accounts across posts; with W workers each
worker's memory covers the batches it scans (every W-th), the same ones on every run. Each worker also masks and MinHashes its flagged
posts, so that the parent only gathers compact records.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from cradlewatch.link.config import LinkConfig
from cradlewatch.link.pipeline import Prepared, prepare
from cradlewatch.model import Post

BATCH = 512

_scanner = None
_config = LinkConfig()


def _init(config: LinkConfig) -> None:
    global _scanner, _config
    from cradlewatch.find.scanner import Scanner

    _scanner = Scanner()
    _config = config


def _work(batch: list[Post]) -> list[Prepared]:
    assert _scanner is not None
    return [prepare(post, finding, _config) for post, finding in _scanner.scan_many(batch)]


def _batches(posts: Iterable[Post]) -> Iterator[list[Post]]:
    iterator = iter(posts)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def scan_prepared(posts: Iterable[Post], config: LinkConfig, workers: int = 1
                  ) -> Iterator[Prepared]:
    """Scan and prepare posts in input order, on ``workers`` processes (1: in this one)."""
    if workers <= 1:
        _init(config)
        for batch in _batches(posts):
            yield from _work(batch)
        return
    # Batch i always goes to worker i mod W, and each worker scans its batches in order: Find
    # keeps a short memory across posts (flagged threads and accounts), so a free-for-all pool
    # would make verdicts, and therefore rings, depend on scheduling. A bounded window of
    # batches in flight keeps memory flat on a million posts; an executor (unlike
    # multiprocessing.Pool, which silently respawns a dead worker and waits forever) fails
    # loudly when a worker dies. Workers are spawned, not forked: a fork after DuckDB (Splink)
    # or BLAS threads have started in this process can leave the child with a broken lock.
    context = multiprocessing.get_context("spawn")
    executors = [ProcessPoolExecutor(1, mp_context=context, initializer=_init,
                                     initargs=(config,)) for _ in range(workers)]
    try:
        pending: deque[Future[list[Prepared]]] = deque()
        for number, batch in enumerate(_batches(posts)):
            pending.append(executors[number % workers].submit(_work, batch))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for executor in executors:
            executor.shutdown(cancel_futures=True)
