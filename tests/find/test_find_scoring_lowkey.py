"""Low-key offers and asks that the dev6 and dev7 writers taught us, and the look-alikes that
must stay benign beside them (each case written here, not copied from the sets)."""

from __future__ import annotations

import pytest
from find_helpers import verdict_of

from cradlewatch.find.scanner import Scanner


@pytest.mark.parametrize(
    "text",
    [
        "收孩子 男女不限 三岁以下 现金 全国可上门",  # 上门 picks the child up: no home service
        "有没有人想要小孩的？男孩，三个月，健康，有意私",
        "寻一户好人家，孩子8个月，女，因家庭原因无法抚养",
        "男：3个 女：2个 均在一岁以内 可上户 要的抓紧 价格表私发",
        "need someone to take my baby for a while maybe forever, no cps. dm",
        "wtb baby, any age under 2, cash ready",
        "we have room for a little one 0-2 yrs, no red tape, will compensate the family",
        "Selling my newborn. Not joking. DM for price.",
        "求抱养一个健康男孩，一岁以内，有意者联系13912345678，必有重谢",
        "医院有个产妇生完不要孩子了，男孩，有想要的家庭吗，需要感谢一下医生",
        "家里多了个小的，想找个人家带，给点辛苦钱就行，有意私聊",
        # the suspicious middle: a child offered or sought, no money named
        "孩子他妈走了 我一个人带不了 谁家能要 给口饭吃就行",
        "有没有好心人家愿意要她的 三个月 女孩 不图什么",
        "家里有个娃 想找个人家 感谢费私聊",
        "Can someone take my son for a while? He's 2. I can't right now.",
    ],
)
def test_low_key_offers_and_asks_are_flagged(scanner: Scanner, text: str) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict != "benign", (text, codes)


def test_a_placement_term_that_names_the_child_implies_it(scanner: Scanner) -> None:
    """ "take my baby" is matched whole, so "baby" is no separate child word: the term itself
    says a child is placed, and the rules that need a child run."""
    _, codes = verdict_of(scanner, "please someone take my baby, I can't anymore. dm")
    assert "placement_of_child" in codes


def test_a_lone_shelter_is_not_an_animal_shelter(scanner: Scanner) -> None:
    text = (
        "Pregnant and not ready? We give you shelter, food and hospital, plus ₦250k after delivery."
    )
    verdict, codes = verdict_of(scanner, text)
    assert "pet_context" not in codes and verdict != "benign", codes


@pytest.mark.parametrize(
    "text",
    [
        # a missing-child notice keeps its reward as a context
        "急！女儿被人抱走了，孩子才一岁半，有看到的请联系我 13887025541，必有重谢！",
        # a found baby with the finder's phone is a notice, not an offer
        "Found a newborn left outside the church this morning, police came, baby is fine. "
        "If you know the mother call 0300 555 0100",
        # furniture for a child's room, priced
        "Selling kids bunk bed w/ mattresses, $200. Also pack n play $40. Call 316-555-0189",
        # a home-service ad keeps its context
        "月嫂上门服务，照顾新生儿和产妇，一个月12000，联系电话 13912345678",
        # an old loss, asked to be shared, with a phone
        "我家孩子2001年在车站丢的，男孩，当时3岁，求扩散 联系电话 13603678224",
        # kittens called babies
        "急！三个宝宝被扔在纸箱里 才出生两天 眼睛都没睁 谁能帮忙 13928367713",
    ],
)
def test_notices_furniture_and_services_stay_benign(scanner: Scanner, text: str) -> None:
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "benign", (text, codes)


@pytest.mark.parametrize(
    "text",
    [
        "女孩 两个月 健康 愿意给的人家请联系 只想给她找个好家 不收一分钱",
        "i cant keep the baby, does anyone know a family who want a newborn? i dont want money",
        "My daughter is 13 months. I want someone good to raise her. I don't want money.",
    ],
)
def test_a_placement_that_refuses_money_is_routed_not_called_a_sale(
    scanner: Scanner, text: str
) -> None:
    """ "不收一分钱", "I don't want money": the money word is refused, so no money rule fires;
    giving a child away privately is still for a person to look at."""
    verdict, codes = verdict_of(scanner, text)
    assert verdict == "suspicious", (text, codes)
    assert not codes & {"money_for_child", "price_for_child"}, codes


def test_a_bare_sale_word_does_not_imply_a_child(scanner: Scanner) -> None:
    """出售 sells phones as often as anything: without a child named it is no child's sale."""
    text = "出售iPhone 13 128G 国行 电池87% 无拆无修 2600 可小刀 微信 phone_xy2023"
    assert verdict_of(scanner, text)[0] == "benign"
    assert verdict_of(scanner, "出售男宝 2600 可小刀 微信 phone_xy2023")[0] == "trafficking"


def test_a_sale_phrase_that_ends_in_baby_sells_the_goods_named_after_it(scanner: Scanner) -> None:
    """"selling a baby walker": the sale phrase is the longer match, so without this rule it
    would hide the walker and sell a baby."""
    goods = "Anyone selling a baby walker? need one asap for my 8mo. Kumasi. willing to pay 300 cedis"
    assert verdict_of(scanner, goods)[0] == "benign"
    child = "selling a baby, 2 weeks old, $3000 serious buyers only"
    assert verdict_of(scanner, child)[0] == "trafficking"


@pytest.mark.parametrize("negator", ["唔", "冇", "不"])
def test_cantonese_negators_refuse_money_too(scanner: Scanner, negator: str) -> None:
    """"唔要营养费" ("no nutrition fee wanted") places a child without a price: 唔 and 冇
    negate as 不 does, so the post goes to a person but is no sale."""
    text = f"送养女宝 三个月 {negator}要营养费 只要对她好 微信 bb_home88"
    assert verdict_of(scanner, text)[0] == "suspicious"
    assert verdict_of(scanner, "送养女宝 三个月 要营养费 微信 bb_home88")[0] == "trafficking"
