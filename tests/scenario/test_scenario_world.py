"""Proportions and the ring structure that makes linking hard (issue "Link" item 7)."""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import median

from scenario_corpus import corpus


def test_proportions_are_within_the_brief() -> None:
    truths = [t for _, t in corpus()]
    n = len(truths)
    verdicts = Counter(t["verdict"] for t in truths)
    assert 0.75 <= verdicts["benign"] / n <= 0.80
    assert 0.15 <= verdicts["trafficking"] / n <= 0.20
    assert 0.03 <= verdicts["suspicious"] / n <= 0.05
    hard = sum(t["hard_negative"] for t in truths if t["verdict"] == "benign")
    assert hard >= verdicts["benign"] / 2
    assert 0.10 <= sum(t["lang"] == "en" for t in truths) / n <= 0.15


def test_ring_is_set_exactly_for_non_benign_posts() -> None:
    for post, truth in corpus():
        assert (truth["ring"] is None) == (truth["verdict"] == "benign")
        assert truth["actor"] and post["lang"] == truth["lang"]


def test_ring_sizes_vary_and_singletons_exist() -> None:
    sizes = Counter(t["ring"] for _, t in corpus() if t["ring"])
    organised = [count for ring, count in sizes.items() if ring.startswith("G")]
    assert max(organised) >= 5 * median(organised)
    singles = [ring for ring in sizes if ring.startswith("S")]
    assert len(singles) >= 50
    actors = defaultdict(set)
    for _, truth in corpus():
        if truth["ring"]:
            actors[truth["ring"]].add(truth["actor"])
    assert max(len(a) for a in actors.values()) >= 30  # the big network has dozens of members
    assert all(len(actors[ring]) == 1 for ring in singles)


def test_hub_identifiers_join_unrelated_rings_and_benign_posts() -> None:
    rings_by_hub: dict[str, set[str]] = defaultdict(set)
    benign_by_hub: Counter[str] = Counter()
    for _, truth in corpus():
        for record in truth["identifiers"]:
            if "hub" in record:
                if truth["ring"]:
                    rings_by_hub[record["hub"]].add(truth["ring"])
                else:
                    benign_by_hub[record["hub"]] += 1
    shared = [hub for hub, rings in rings_by_hub.items() if len(rings) >= 3 and benign_by_hub[hub] >= 10]
    assert shared, (dict(rings_by_hub), benign_by_hub)


def test_a_broker_carries_identifiers_of_two_rings() -> None:
    owner: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, truth in corpus():
        if truth["ring"]:
            for record in truth["identifiers"]:
                if "hub" not in record:
                    owner[(record["kind"], record["value"])].add(truth["ring"])
    bridges = 0
    for _, truth in corpus():
        if truth.get("other_ring"):
            values = [(r["kind"], r["value"]) for r in truth["identifiers"] if "hub" not in r]
            if any(truth["other_ring"] in owner[v] and truth["ring"] != truth["other_ring"] for v in values):
                bridges += 1
    assert bridges >= 1


def test_posts_without_identifiers_and_members_rotating_numbers() -> None:
    flagged = [t for _, t in corpus() if t["verdict"] != "benign"]
    assert sum(not t["identifiers"] for t in flagged) >= 0.15 * len(flagged)
    phones: dict[str, set[str]] = defaultdict(set)
    for truth in flagged:
        for record in truth["identifiers"]:
            if record["kind"] == "phone" and "hub" not in record:
                phones[truth["actor"]].add(record["value"])
    assert sum(len(values) >= 2 for values in phones.values()) >= 10


def test_replies_share_the_thread_of_a_supply_post() -> None:
    threads: dict[str, list[str]] = defaultdict(list)
    categories = {}
    for post, truth in corpus():
        threads[post["thread_id"]].append(post["id"])
        categories[post["id"]] = truth
    replied = [ids for ids in threads.values() if len(ids) > 1]
    assert len(replied) >= 50
    for ids in replied:
        assert categories[ids[0]]["category"] == "supply"
        assert all(categories[i]["template"] == "demand.bid" or categories[i]["template"] == "reply.bid" for i in ids[1:])
