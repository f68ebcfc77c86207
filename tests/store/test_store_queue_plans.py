"""The queue gives the same pages whichever way it reads a filtered queue: from ``queue_keys``
for a platform, reason or province of the flagged queue; from the filter's own index when
the filter matches few posts; in risk order when it matches many (``FEW`` decides). Small test
workspaces always match "few", so each filter is also run with ``FEW`` at 0 and with the
queue keys unused, which forces the risk-ordered reading; the walks must agree, and agree
with the posts filtered and sorted in Python."""

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
    QueueFilter(platform="tieba"),
    QueueFilter(platform="weibo", reason="price_for_child", posted_from="2013-03-03"),
    QueueFilter(reason="no_paperwork", verdicts=("benign", "suspicious")),  # not from keys
    QueueFilter(province="广东省", verdicts=("benign",)),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(Path(tmp_path_factory.mktemp("plans")) / "ws")
    rng = random.Random(4)
    POSTS.clear()
    for number in range(120):
        post = {
            "verdict": rng.choice(("trafficking", "suspicious", "benign")),
            "risk": rng.choice((0.2, 0.5, 0.5, 0.8, 0.95)),
            "platform": rng.choice(("tieba", "weibo")),
            "province": rng.choice(PROVINCES),
            "posted_at": f"2013-03-0{rng.randint(1, 4)}T{rng.randint(0, 23):02d}:00:00Z",
            "reasons": tuple(rng.sample(REASONS, rng.randint(1, 2))),
        }
        add_post(store, f"p{number:03d}", **post)  # type: ignore[arg-type]
        POSTS.append({"id": f"p{number:03d}", **post})
    return store


#: What each test post was given, to filter and sort in Python.
POSTS: list[dict[str, object]] = []


def _expected(filters: QueueFilter) -> list[str]:
    def matches(post: dict[str, object]) -> bool:
        posted = str(post["posted_at"])
        return (
            post["verdict"] in filters.verdicts
            and (filters.platform is None or post["platform"] == filters.platform)
            and (filters.province is None or post["province"] == filters.province)
            and (filters.reason is None or filters.reason in post["reasons"])  # type: ignore[operator]
            and (filters.posted_from is None or posted >= filters.posted_from)
            and (filters.posted_to is None or posted[:10] <= filters.posted_to)
        )

    chosen = [post for post in POSTS if matches(post)]
    chosen.sort(key=lambda post: (post["risk"], post["id"]), reverse=True)
    return [str(post["id"]) for post in chosen]


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
    keyed = _walk(store, filters)
    monkeypatch.setattr(repo, "_queue_key", lambda filters: None)
    from_index = _walk(store, filters)
    monkeypatch.setattr(repo, "FEW", 0)
    in_risk_order = _walk(store, filters)
    assert keyed == from_index == in_risk_order == _expected(filters)
    assert keyed, "each filter matches some flagged posts, or the test shows nothing"
