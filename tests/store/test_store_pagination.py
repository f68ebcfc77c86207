"""Property: walking the queue page by page yields every flagged post exactly once, in the
order a full sort would give, whatever the risks (ties included) and the page size; on
SQLite and on PostgreSQL (one database per backend, emptied before each example)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import BACKENDS, add_post, open_store

from cradlewatch.store import Store
from cradlewatch.store import repository as repo
from cradlewatch.store.scratch import empty_tables, workspace_backend

risks = st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.5, 0.75, 0.9, 1.0]), min_size=0, max_size=25)


def _walk(store: Store, risks: list[float], page: int) -> None:
    empty_tables(store)
    for number, risk in enumerate(risks):
        add_post(
            store,
            f"p{number:02d}",
            risk=risk,
            verdict="benign" if number % 5 == 4 else "suspicious",
        )
    expected = sorted(
        ((risk, f"p{n:02d}") for n, risk in enumerate(risks) if n % 5 != 4), reverse=True
    )
    seen: list[tuple[float | None, str]] = []
    cursor = None
    with store.session() as session:
        while True:
            result = repo.queue(session, cursor=cursor, limit=page)
            assert len(result.items) <= page
            seen += [(item.risk, item.id) for item in result.items]
            cursor = result.next_cursor
            if cursor is None:
                break
    assert seen == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_keyset_walk_equals_full_sort(backend: str, tmp_path: Path) -> None:
    with workspace_backend(backend):
        store = open_store(tmp_path / "ws")

        @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(risks=risks, page=st.integers(min_value=1, max_value=7))
        def walk(risks: list[float], page: int) -> None:
            _walk(store, risks, page)

        try:
            walk()
        finally:
            store.close()
