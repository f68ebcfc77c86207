"""Group chats as a crawler captures them: platform notices and threads about animals.

A notice ("江苏-领男宝 撤回了一条消息") is the platform speaking, and a reply under a litter of
puppies ("still available? the orange boy") is about the puppy: neither may be flagged
because the thread or the nickname around it looks like the trade."""

from __future__ import annotations

import pytest

from cradlewatch.find.scanner import Scanner
from cradlewatch.find.system_lines import is_system_line
from cradlewatch.model import Post
from cradlewatch.text import normalize


@pytest.mark.parametrize(
    "line",
    [
        "江苏-领男宝 撤回了一条消息",
        "广东-领男宝 已被管理员禁言10分钟",
        "北京-领女宝 加入了本群",
        "無名 已被移出群組",
        '"老板-福建"撤回了一条消息',
        "你刪咗呢條訊息",
        "This message was deleted",
        "You deleted this message",
        "Nina left",
        "[表情]",
    ],
)
def test_platform_notices_are_recognised(line: str) -> None:
    assert is_system_line(normalize(line).text)


@pytest.mark.parametrize(
    "line",
    ["有男宝 私", "我也想要 撤回了吗", "we added 2k for the boy", "[图片]", "still available?"],
)
def test_messages_are_not_notices(line: str) -> None:
    assert not is_system_line(normalize(line).text)


def test_a_notice_in_a_flagged_thread_stays_benign_whatever_the_nickname() -> None:
    scanner = Scanner()
    listing = Post(
        id="c1", text="出男宝 满月 江西 营养费8万 扣扣 3829105671", thread_id="g1", author="阿强"
    )
    notice = Post(id="c2", text="江苏-领男宝 撤回了一条消息", thread_id="g1", author="江苏-领男宝")
    bid = Post(id="c3", text="还在吗", thread_id="g1", author="江苏-领男宝")
    verdicts = [scanner.scan(post).verdict for post in (listing, notice, bid)]
    assert verdicts == ["trafficking", "benign", "suspicious"]


def test_replies_under_a_pet_listing_are_about_the_pet() -> None:
    scanner = Scanner()
    litter = Post(
        id="p1",
        text="Doodle puppies ready for their forever homes! 3 boys 2 girls, vet checked, "
        "first shots done. Rehoming fee $150. Message me.",
        thread_id="t1",
    )
    replies = [
        Post(id="p2", text="still available? the blue collar boy", thread_id="t1"),
        Post(id="p3", text="how much for just the orange boy", thread_id="t1"),
    ]
    assert scanner.scan(litter).verdict == "benign"
    findings = [scanner.scan(reply) for reply in replies]
    assert [f.verdict for f in findings] == ["benign", "benign"]
    assert all("pet_thread_context" in {r.code for r in f.reasons} for f in findings)
    # the same reply under a child's listing is a bid
    other = Scanner()
    other.scan(
        Post(id="b1", text="Baby boy 2 weeks old, $3000, serious buyers only", thread_id="t2")
    )
    reply = other.scan(Post(id="b2", text="still available? the blue collar boy", thread_id="t2"))
    assert reply.verdict != "benign"


def test_a_reply_title_that_quotes_the_thread_is_not_the_replys_words() -> None:
    """Every reply to "《亲爱的》那个买孩子的情节" repeats "买孩子" in its title; the reply itself
    only talks about the film."""
    scanner = Scanner()
    reply = Post(
        id="r1",
        title="回复：《亲爱的》那个买孩子的情节 现实中真的这么便宜？",
        text="俺们那疙瘩以前也听说过，谁家抱个孩子 都不敢多问",
    )
    assert scanner.scan(reply).verdict == "benign"
    own = Post(id="r2", title="买孩子 价格好说", text="谁家有 私聊")
    assert scanner.scan(own).verdict != "benign"


def test_a_deleted_floor_is_a_notice() -> None:
    assert is_system_line(normalize("该楼层已被删除").text)
    assert is_system_line(normalize("[deleted]").text)
