"""The queue gives the same pages whichever way it reads a filtered queue: from the filter's
own index when the filter matches few posts, in risk order when it matches many (``FEW``
decides), and for a reason code from its flagged posts when they are few (``FEW_QUEUED``).
Small test workspaces always match "few", so each filter is also run with ``FEW`` at 0 (a
reason then read from its flagged posts) and with both at 0, which forces the risk-ordered
reading; the three walks must agree."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from store_helpers import add_post, open_store

from cradlewatch.store import Store
from cradlewatch.store import repository as repo
from cradlewatch.store.repository import QueueFilter

PROVINCES = ("广东省", "青海省", None)
REASONS = ("price_for_child", "newborn", "no_paperwork")
FILTERS = [
    QueueFilter(province="青海省"),
    QueueFilter(province="广东省", platform="weibo"),
    QueueFilter(reason="no_paperwork"),
    QueueFilter(posted_from="2013-03-02"),
    QueueFilter(posted_from="2013-03-02", posted_to="2013-03-02"),
    QueueFilter(posted_to="2013-03-03", reason="newborn", verdicts=("trafficking",)),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(Path(tmp_path_factory.mktemp("plans")) / "ws")
    rng = random.Random(4)
    for number in range(120):
        add_post(
            store,
            f"p{number:03d}",
            verdict=rng.choice(("trafficking", "suspicious", "benign")),
            risk=rng.choice((0.2, 0.5, 0.5, 0.8, 0.95)),
            platform=rng.choice(("tieba", "weibo")),
            province=rng.choice(PROVINCES),
            posted_at=f"2013-03-0{rng.randint(1, 4)}T{rng.randint(0, 23):02d}:00:00Z",
            reasons=tuple(rng.sample(REASONS, rng.randint(1, 2))),
        )
    return store


def _walk(store: Store, filters: QueueFilter) -> list[str]:
    seen: list[str] = []
    cursor = None
    with store.session() as session:
        while True:
            page = repo.queue(session, filters, cursor, limit=7)
            seen += [item.id for item in page.items]
            cursor = page.next_cursor
            if cursor is None:
                return seen


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_selective_and_risk_ordered_readings_agree(
    store: Store, filters: QueueFilter, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_index = _walk(store, filters)
    monkeypatch.setattr(repo, "FEW", 0)
    from_flagged = _walk(store, filters)  # a reason read from its flagged posts
    monkeypatch.setattr(repo, "FEW_QUEUED", 0)
    in_risk_order = _walk(store, filters)
    assert from_index == from_flagged == in_risk_order
    assert from_index, "each filter matches some flagged posts, or the test shows nothing"
