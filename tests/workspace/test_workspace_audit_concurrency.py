"""Audit appends from many threads at once (the Workbench's thread pool under load) still
form one intact chain: every append reads the head under the write lock it then writes with.

Before the fix, two page views read the same head and both wrote ``seq = head + 1``: a
unique-constraint error (HTTP 500) for one of them under concurrent clients. On PostgreSQL
the very first appends raced the same way until the head row was made before locking it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import select
from workspace_helpers import BACKENDS

from cradlewatch.store import Store
from cradlewatch.store.schema import Meta
from cradlewatch.store.scratch import workspace_backend
from cradlewatch.workspace import audit

THREADS, EACH = 8, 15


def _views(store: Store, worker: int, commit_at_once: bool) -> None:
    for i in range(EACH):
        with store.session() as session:
            session.scalar(select(Meta.value))  # a page's reads come first
            if commit_at_once:
                audit.append_and_commit(session, f"u{worker}", "view", f"post:p{i}")
            else:
                audit.append(session, f"u{worker}", "view", f"post:p{i}", {"i": i})


def _run(directory: Path, commit_at_once: bool, backend: str) -> audit.Verification:
    with workspace_backend(backend):
        store = Store.open(directory, create=True)
        try:
            with ThreadPoolExecutor(THREADS) as pool:
                for future in [
                    pool.submit(_views, store, w, commit_at_once) for w in range(THREADS)
                ]:
                    future.result()
            with store.session() as session:
                return audit.verify(session)
        finally:
            store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_appends_in_callers_transactions_chain_every_row(
    tmp_path: Path, backend: str
) -> None:
    result = _run(tmp_path / "ws", commit_at_once=False, backend=backend)
    assert result.intact, result.reason
    assert result.rows == THREADS * EACH


@pytest.mark.parametrize("backend", BACKENDS)
def test_concurrent_page_view_appends_chain_every_row(tmp_path: Path, backend: str) -> None:
    result = _run(tmp_path / "ws", commit_at_once=True, backend=backend)
    assert result.intact, result.reason
    assert result.rows == THREADS * EACH
