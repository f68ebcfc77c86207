"""Hub handling and brokers: what must not bridge rings, and what plain components get wrong."""

from __future__ import annotations

from link_worlds import ring, scanned

from cradlewatch.link.config import LinkConfig
from cradlewatch.link.evaluate import identifier_components
from cradlewatch.link.hubs import HubStats
from cradlewatch.link.pipeline import link_findings
from cradlewatch.link.records import link_post

HOTLINE = ("phone", "+8611011011011")


def _ring_sets(rings: list[dict[str, object]]) -> list[set[str]]:
    return [set(r["posts"]) for r in rings]  # type: ignore[call-overload]


def test_hub_in_benign_posts_cannot_bridge_two_rings() -> None:
    a = ring("a", 3, (("qq", "11111"), HOTLINE), "A")
    b = ring("b", 3, (("qq", "22222"), HOTLINE), "B")
    # quoted by many more benign posts (news, warnings) than flagged ones: a hub
    news = [scanned(f"n{k}", "警方提醒：遇到有偿送养请拨打反拐热线", ids=(HOTLINE,),
                    verdict="benign", account=f"news{k}") for k in range(30)]
    rings = link_findings(a + b + news)
    assert _ring_sets(rings) == [{p.id for p, _ in a}, {p.id for p, _ in b}]
    hotline = [i for i in rings[0]["identifiers"] if i["value"] == HOTLINE[1]]  # type: ignore[attr-defined]
    assert hotline == [{"kind": "phone", "value": HOTLINE[1], "hub": True}]
    assert all(r["evidence"] != "phone:" + HOTLINE[1] for ring_ in rings
               for r in ring_["reasons"])  # type: ignore[attr-defined]
    # the baseline joins everything through the hotline
    baseline = identifier_components(link_post(p, f) for p, f in a + b)
    assert len(set(baseline.values())) == 1


def test_a_ring_number_in_a_few_missed_posts_is_not_a_hub() -> None:
    a = ring("a", 6, (("qq", "11111"),), "A")
    missed = [scanned(f"m{k}", "送养", ids=(("qq", "11111"),), verdict="benign") for k in range(3)]
    stats = HubStats()
    for post, finding in a + missed:
        stats.add(link_post(post, finding))
    assert not stats.is_hub("qq:11111", LinkConfig())


def test_a_ring_site_joins_posts_a_public_forum_does_not() -> None:
    a = ring("a", 3, (), "A", site="暖阳家园")
    lone = [scanned("lone", "送养女宝 私聊", account="z", site="宝宝树妈妈圈")]
    forum = [scanned(f"f{k}", "宝宝满月了", verdict="benign", site="宝宝树妈妈圈") for k in range(20)]
    other = [scanned("other", "送养男宝 面聊", account="y", site="宝宝树妈妈圈")]
    rings = _ring_sets(link_findings(a + lone + forum + other))
    assert {p.id for p, _ in a} in rings
    assert {"lone"} in rings and {"other"} in rings


def test_identifier_shared_by_too_many_accounts_is_a_hub() -> None:
    config = LinkConfig(hub_max_accounts=3)
    stats = HubStats()
    for k in range(5):
        post, finding = scanned(f"p{k}", "x", ids=(("qq", "99999"),), account=f"u{k}")
        stats.add(link_post(post, finding))
    assert stats.is_hub("qq:99999", config)
    assert stats.identifier_weight("qq:99999", config) == 0.0
    assert not stats.is_hub("qq:99999", LinkConfig(hub_max_accounts=5))


def test_weight_falls_with_the_number_of_accounts() -> None:
    config = LinkConfig(idf_strength=1.0)
    stats = HubStats()
    for k in range(4):
        post, finding = scanned(f"p{k}", "x", ids=(("qq", "1"),), account=f"u{k}")
        stats.add(link_post(post, finding))
    post, finding = scanned("solo", "x", ids=(("qq", "2"),), account="v")
    stats.add(link_post(post, finding))
    assert stats.identifier_weight("qq:2", config) == 1.0
    assert 0 < stats.identifier_weight("qq:1", config) < 0.5
    assert stats.identifier_weight("qq:1", LinkConfig(idf_strength=0.0)) == 1.0


def test_broker_shared_by_two_rings_does_not_merge_them() -> None:
    a = ring("a", 8, (("qq", "11111"),), "A", account="x")
    b = ring("b", 8, (("qq", "22222"),), "B", account="y")
    broker = [scanned("k1", "中介 送养 男宝", ids=(("qq", "11111"), ("wechat", "broker_1")),
                      account="brk"),
              scanned("k2", "中介 送养 女宝", ids=(("qq", "22222"), ("wechat", "broker_1")),
                      account="brk2")]
    rings = _ring_sets(link_findings(a + b + broker))
    ring_a = next(r for r in rings if "a00" in r)
    ring_b = next(r for r in rings if "b00" in r)
    assert ring_a != ring_b
    assert {p.id for p, _ in a} <= ring_a and {p.id for p, _ in b} <= ring_b
    assert sorted(p for r in rings for p in r) == sorted(p.id for p, _ in a + b + broker)
    # plain components merge both rings through the broker
    baseline = identifier_components(link_post(p, f) for p, f in a + b + broker)
    assert baseline["a00"] == baseline["b00"]


def test_posts_without_identifiers_join_by_account_and_template() -> None:
    a = ring("a", 5, (("qq", "11111"),), "A", account="x")
    bare_account = [scanned("acct", "另有一名女宝，详情私聊", account="x")]
    bare_template = [scanned("tmpl", "爱心宝贝之家诚心送养满月男宝一名，身体健康，营养费私聊，人贩子勿扰，有意者加 第99天",
                             account="someone_else")]
    rings = link_findings(a + bare_account + bare_template)
    assert len(rings) == 1
    codes = {r["code"] for r in rings[0]["reasons"]}  # type: ignore[attr-defined]
    assert {"shared_identifier", "shared_account", "near_duplicate_template"} <= codes


def test_every_flagged_post_in_exactly_one_ring_and_benign_in_none() -> None:
    posts = ring("a", 3, (("qq", "1"),), "A") + [scanned("lone", "送养", account="z"),
                                                  scanned("b", "宠物", verdict="benign")]
    rings = link_findings(posts)
    members = [p for r in rings for p in r["posts"]]  # type: ignore[attr-defined]
    assert sorted(members) == ["a00", "a01", "a02", "lone"]
    assert [len(r["posts"]) for r in rings] == [3, 1]  # type: ignore[arg-type]
