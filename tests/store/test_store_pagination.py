"""Property: walking the queue page by page yields every flagged post exactly once, in the
order a full sort would give, whatever the risks (ties included) and the page size."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import add_post, open_store

from cradlewatch.store import repository as repo

risks = st.lists(st.sampled_from([0.0, 0.25, 0.5, 0.5, 0.75, 0.9, 1.0]), min_size=0, max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(risks=risks, page=st.integers(min_value=1, max_value=7))
def test_keyset_walk_equals_full_sort(risks: list[float], page: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "ws")
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
        store.close()
        assert seen == expected
