"""Find and Link's preparation of posts on a pool of processes, for ``analyze``.

Like :mod:`cradlewatch.link.scan`, but each worker returns the finding as well as Link's
compact record, because the workspace stores the findings (reasons, identifiers, places)
while Link only needs the record. Batches keep their order, so results line up with posts. The input is read on Pool's
feeder thread, so it must be safe to iterate there (each batch opens its own session).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable, Iterator

from cradlewatch.link.config import LinkConfig
from cradlewatch.link.pipeline import Prepared, prepare
from cradlewatch.model import Finding, Post

Scanned = list[tuple[Finding, Prepared]]

_state: dict[str, object] = {}


def _init(config: LinkConfig) -> None:
    from cradlewatch.find.scanner import Scanner

    _state["scanner"] = Scanner()
    _state["config"] = config


def _work(batch: list[Post]) -> Scanned:
    from cradlewatch.find.scanner import Scanner

    scanner = _state["scanner"]
    config = _state["config"]
    assert isinstance(scanner, Scanner) and isinstance(config, LinkConfig)
    return [(finding, prepare(post, finding, config)) for post, finding in scanner.scan_many(batch)]


def scan_batches(
    batches: Iterable[list[Post]], config: LinkConfig, workers: int = 1
) -> Iterator[tuple[list[Post], Scanned]]:
    """``(batch, [(finding, prepared), ...])`` in input order, on ``workers`` processes."""
    if workers <= 1:
        _init(config)
        for batch in batches:
            yield batch, _work(batch)
        return
    # Pool.imap reads its input on a feeder thread as fast as it can; the semaphore keeps at
    # most a few batches in flight, so memory stays flat on a million posts.
    in_flight = threading.BoundedSemaphore(2 * workers)
    pending: deque[list[Post]] = deque()

    def feed(items: Iterable[list[Post]]) -> Iterator[list[Post]]:
        for batch in items:
            in_flight.acquire()
            pending.append(batch)
            yield batch

    # Not "fork": by now the parent may run DuckDB's threads (Link's account resolution) or
    # SQLite's, and a fork taken while one of them holds a lock deadlocks the child.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init, initargs=(config,)) as pool:
        for result in pool.imap(_work, feed(batches), chunksize=1):
            yield pending.popleft(), result
            in_flight.release()
