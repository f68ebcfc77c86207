"""Ring ids: stable for the same input in any order, kept by persisting rings across days."""

from __future__ import annotations

import random
from pathlib import Path

from link_worlds import ring, scanned

from cradlewatch.link.ids import assign_ids
from cradlewatch.link.pipeline import RingBuilder, link_findings
from cradlewatch.link.state import load_state, save_state


def _world() -> list:
    return (ring("a", 6, (("qq", "11111"),), "A", account="x")
            + ring("b", 4, (("qq", "22222"),), "B", account="y")
            + ring("c", 4, (("wechat", "seller_c"),), "C", account="z")
            + [scanned("lone", "一个人 送养 女宝", account="w")])


def test_ids_are_the_same_whatever_the_input_order() -> None:
    posts = _world()
    first = link_findings(posts)
    for seed in range(3):
        shuffled = posts[:]
        random.Random(seed).shuffle(shuffled)
        assert link_findings(shuffled) == first
    assert [r["ring"] for r in first] == ["R0001", "R0002", "R0003", "R0004"]
    assert first[0]["posts"][0] == "a00"  # largest first
    assert first[1]["posts"][0] == "b00"  # then by smallest post id


def test_new_rings_take_the_id_of_the_previous_ring_they_overlap_most() -> None:
    previous = {"p1": "R0007", "p2": "R0007", "p3": "R0002"}
    numbered, next_number = assign_ids(
        [frozenset({"p1", "p2", "p9"}), frozenset({"p3"}), frozenset({"new"})], previous, 8)
    assert numbered == [("R0007", frozenset({"p1", "p2", "p9"})), ("R0008", frozenset({"new"})),
                        ("R0002", frozenset({"p3"}))]
    assert next_number == 9


def test_incremental_update_keeps_ids_and_untouched_rings(tmp_path: Path) -> None:
    state = tmp_path / "state"
    day1 = _world()
    builder = RingBuilder()
    for post, finding in day1:
        builder.add_scanned(post, finding)
    before = {r["ring"]: r["posts"] for r in builder.build()}
    save_state(state, builder)

    # day 2: ring b grows, a new ring appears, and day 1 is fed again (ignored)
    day2 = ring("b9", 3, (("qq", "22222"),), "B", account="y2") + ring(
        "d", 5, (("qq", "44444"),), "D", account="v")
    again = RingBuilder()
    load_state(state, again)
    added = [again.add_scanned(p, f) for p, f in day1 + day2]
    assert sum(added) == len(day2)
    after = {r["ring"]: r["posts"] for r in again.build()}
    save_state(state, again)

    assert after["R0001"] == before["R0001"]  # ring a untouched
    assert set(before["R0002"]) < set(after["R0002"])  # ring b grew and kept its id
    assert {"b900", "b901", "b902"} <= set(after["R0002"])
    assert after["R0005"] == [f"d{k:02d}" for k in range(5)]  # the new ring gets a fresh id
    assert set(after) == {"R0001", "R0002", "R0003", "R0004", "R0005"}

    # a third run from the saved state without new posts changes nothing
    third = RingBuilder()
    load_state(state, third)
    assert {r["ring"]: r["posts"] for r in third.build()} == after


def test_incremental_result_matches_a_full_rerun_in_membership(tmp_path: Path) -> None:
    day1, day2 = _world(), ring("b9", 3, (("qq", "22222"),), "B", account="y2")
    builder = RingBuilder()
    for post, finding in day1:
        builder.add_scanned(post, finding)
    builder.build()
    save_state(tmp_path, builder)
    again = RingBuilder()
    load_state(tmp_path, again)
    for post, finding in day2:
        again.add_scanned(post, finding)
    incremental = sorted(sorted(r["posts"]) for r in again.build())
    full = sorted(sorted(r["posts"]) for r in link_findings(day1 + day2))
    assert incremental == full
