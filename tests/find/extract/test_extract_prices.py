"""Price parsing: amounts in the currency's unit, ranges, lower bounds, and non-prices."""

from __future__ import annotations

import pytest

from cradlewatch.find.extract import extract


def prices(text: str) -> list[tuple[float, str, float | None, str]]:
    found = extract(text).prices
    for price in found:
        assert text[price.start : price.end] == price.raw
    return [(p.amount, p.currency, p.upper, p.raw) for p in found]


@pytest.mark.parametrize(
    ("text", "amount", "currency", "upper", "raw"),
    [
        ("营养费5万", 50000, "CNY", None, "5万"),
        ("要5w", 50000, "CNY", None, "5w"),
        ("要5W", 50000, "CNY", None, "5W"),
        ("补偿3.5万", 35000, "CNY", None, "3.5万"),
        ("两万五", 25000, "CNY", None, "两万五"),
        ("三万五千", 35000, "CNY", None, "三万五千"),
        ("3万5", 35000, "CNY", None, "3万5"),
        ("五万", 50000, "CNY", None, "五万"),
        ("二十万", 200000, "CNY", None, "二十万"),
        ("2万多", 20000, "CNY", None, "2万多"),
        ("两万多", 20000, "CNY", None, "两万多"),
        ("3-5万", 30000, "CNY", 50000, "3-5万"),
        ("3到5万", 30000, "CNY", 50000, "3到5万"),
        ("3万-5万", 30000, "CNY", 50000, "3万-5万"),
        ("要8k", 8000, "CNY", None, "8k"),
        ("asking 8k", 8000, "USD", None, "8k"),
        ("¥20000", 20000, "CNY", None, "¥20000"),
        ("￥20000", 20000, "CNY", None, "￥20000"),
        ("20000元", 20000, "CNY", None, "20000元"),
        ("2万块", 20000, "CNY", None, "2万块"),
        ("10万起", 100000, "CNY", None, "10万起"),
        ("补5", 50000, "CNY", None, "补5"),
        ("低补3", 30000, "CNY", None, "低补3"),
        ("营养费：20000", 20000, "CNY", None, "20000"),
        ("感謝費兩萬", 20000, "CNY", None, "兩萬"),
        ("$500", 500, "USD", None, "$500"),
        ("500 dollars", 500, "USD", None, "500 dollars"),
        ("$5k", 5000, "USD", None, "$5k"),
        ("£300", 300, "GBP", None, "£300"),
        ("€250", 250, "EUR", None, "€250"),
        ("rs 45,000", 45000, "INR", None, "rs 45,000"),
        ("45,000 rupees", 45000, "INR", None, "45,000 rupees"),
        ("compensation of 1,500 for expenses", 1500, "USD", None, "1,500"),
        ("rehoming fee 150", 150, "USD", None, "150"),
        ("USD 3,000", 3000, "USD", None, "USD 3,000"),
    ],
)
def test_price_table(
    text: str, amount: float, currency: str, upper: float | None, raw: str
) -> None:
    assert prices(text) == [(amount, currency, upper, raw)]


@pytest.mark.parametrize(
    "text",
    [
        "宝宝3岁了",
        "2014年1月30日出生",
        "体重3.5kg",
        "7斤重",
        "出生8天",
        "3个月",
        "有2个孩子",
        "营养费私聊",
        "电话13812345678",
        "千万不要相信",
        "万一有人问",
        "营养费 2014年",
        "1,500",
        "about 500 people",
    ],
)
def test_not_prices(text: str) -> None:
    assert prices(text) == []


def test_phone_digits_are_not_a_price() -> None:
    assert prices("营养费5万 电话138 1234 5678") == [(50000, "CNY", None, "5万")]


def test_range_into_an_age_is_not_a_range() -> None:
    assert prices("女孩低补6w~3岁女婴") == [(60000, "CNY", None, "6w")]


def test_price_tiers_by_sex() -> None:
    assert [p[0] for p in prices("男宝8万 女宝5万")] == [80000, 50000]


def test_amounts_are_integers_when_whole() -> None:
    (price,) = extract("3.5万").prices
    assert isinstance(price.amount, int)


def test_identifier_spans_are_compared_in_normalised_coordinates() -> None:
    # "㎏㎏" becomes "kgkg": normalised and captured offsets differ by two from here on.
    text = "㎏㎏ 营养费5万 电话１３８１２３４５６７８ 补偿 20000"
    assert prices(text) == [(50000, "CNY", None, "5万"), (20000, "CNY", None, "20000")]


def test_currency_unit_settles_it_even_before_a_place() -> None:
    assert prices("女孩要50000元 周口有半岁女宝宝") == [(50000, "CNY", None, "50000元")]
    assert prices("所需费用47万 名额不多") == [(470000, "CNY", None, "47万")]


@pytest.mark.parametrize("text", ["十万火急，想收养男孩", "万一有人问", "千万不要", "万分感谢"])
def test_idioms_are_not_amounts(text: str) -> None:
    assert prices(text) == []


@pytest.mark.parametrize(
    ("text", "amount", "currency", "upper", "raw"),
    [
        ("要三四万", 30000, "CNY", 40000, "三四万"),
        ("要价五六千", 5000, "CNY", 6000, "五六千"),
        ("人民币5000", 5000, "CNY", None, "人民币5000"),
        ("二三十万", 200000, "CNY", 300000, "二三十万"),
        ("十几万", 100000, "CNY", None, "十几万"),
        ("1w5", 15000, "CNY", None, "1w5"),
        ("新台币50000", 50000, "TWD", None, "新台币50000"),
        ("50000新台币", 50000, "TWD", None, "50000新台币"),
        ("NT$50,000", 50000, "TWD", None, "NT$50,000"),
        ("HK$8000", 8000, "HKD", None, "HK$8000"),
        ("3万港币", 30000, "HKD", None, "3万港币"),
        ("for 5 grand", 5000, "USD", None, "5 grand"),
    ],
)
def test_approximate_and_other_currencies(
    text: str, amount: float, currency: str, upper: float | None, raw: str
) -> None:
    assert prices(text) == [(amount, currency, upper, raw)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("男宝大货 女宝小货 男8-10 女5-6 全包", [(80000, "CNY", 100000), (50000, "CNY", 60000)]),
        ("接单 男宝现货 9 女宝 6", [(90000, "CNY", None), (60000, "CNY", None)]),
        ("男宝一个 刚出生 原价12 现在8出", [(120000, "CNY", None), (80000, "CNY", None)]),
        ("费用男孩十三到十五，女孩八到十", [(130000, "CNY", 150000), (80000, "CNY", 100000)]),
    ],
)
def test_trade_price_tiers_without_a_unit_are_in_wan(
    text: str, expected: list[tuple[float, str, float | None]]
) -> None:
    assert [(a, c, u) for a, c, u, _ in prices(text)] == expected


@pytest.mark.parametrize("text", ["男 28 未婚 身高175", "招聘 女 20-35岁 底薪面议"])
def test_ages_after_a_sex_word_are_not_tiers(text: str) -> None:
    assert prices(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("宝宝一岁了 想送去托育 一个月三千", (3000, "CNY")),
        ("台灣本島可面交，補償六萬", (60000, "TWD")),
        ("俾返啲錢我就得 大概五萬蚊", (50000, "HKD")),
        ("family wan RM20k, can settle directly", (20000, "MYR")),
        ("need 2 cover her ticket lah，大概S$6000", (6000, "SGD")),
    ],
)
def test_written_magnitudes_and_regional_currencies(text: str, expected: tuple[float, str]) -> None:
    assert [(a, c) for a, c, _, _ in prices(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sold boys for ₦1.5 million and girls for ₦1 million",
            [(1500000, "NGN"), (1000000, "NGN")],
        ),
        ("boys for ₦2m, girls ₦1.5m", [(2000000, "NGN"), (1500000, "NGN")]),
        ("800k naira, negotiable small", [(800000, "NGN")]),
        ("Donation Rs 3 lakh to family", [(300000, "INR")]),
        ("clinics do it for ₹1.2 crore", [(12000000, "INR")]),
        ("will give ₱100,000 to the mother", [(100000, "PHP")]),
        ("daycare ₱6,500/month", [(6500, "PHP")]),
        ("GH₵5,000 for the family", [(5000, "GHS")]),
        ("男仔要四十萬港紙", [(400000, "HKD")]),
        # bare amounts take the currency of the place the post names
        ("mi get one baby girl. 600k, you go carry am from Aba", [(600000, "NGN")]),
        ("my cousin in Cebu gave her baby to a couple and they gave her 80k", [(80000, "PHP")]),
        ("costs 5 grand, collection in London", [(5000, "GBP")]),
        ("asking 5 grand", [(5000, "USD")]),
    ],
)
def test_currencies_and_multipliers_of_other_registers(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert [(a, c) for a, c, _, _ in prices(text)] == expected


def test_lang_names_the_currency() -> None:
    found = extract("kahit 50k lang po pang gastos", lang="tl").prices
    assert [(p.amount, p.currency) for p in found] == [(50000, "PHP")]


@pytest.mark.parametrize(
    "text",
    [
        "he is 2m tall",  # metres: "m" is millions only after a currency sign
        "must be able 2 pay my bills",  # text-speak "to", not an amount
    ],
)
def test_not_prices_in_english(text: str) -> None:
    assert prices(text) == []


def test_a_lone_digit_with_a_currency_word_is_money() -> None:
    assert [(a, c) for a, c, _, _ in prices("only 5 cedis")] == [(5, "GHS")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("误工费一共8000，这个数合理吗", [(8000, None)]),  # a price word, too big for a code
        ("原价2400，现价800出", [(2400, None), (800, None)]),
        ("涉案金额20余万元", [(200000, None)]),
        ("给个十来万就中", [(100000, None)]),
        ("一般一两千块", [(1000, 2000)]),
        ("以2.8万元至7万元不等的价格", [(28000, 70000)]),
        ("给十万二十万都可以商量", [(100000, None), (200000, None)]),
        ("宝宝 女 补 5", [(50000, None)]),
        ("男宝 补：12", [(120000, None)]),
        ("男宝女宝都有 大货九 小货六", [(90000, None), (60000, None)]),
        ("小货一只 七个月 价六 要的滴滴", [(60000, None)]),
        ("八月的男孩，补偿15个，可以面聊", [(150000, None)]),
        ("狗狗售价8000，上海", [(8000, None)]),
    ],
)
def test_chinese_price_forms_of_new_posts(
    text: str, expected: list[tuple[float, float | None]]
) -> None:
    assert [(a, u) for a, _, u, _ in prices(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "根本不是网上说的几万几十万",  # no figure is given
        "我有3个孩子",  # 个 counts children where no price word stands before it
        "宝宝补了3个钙片",  # 补 is not a price word before a count
        "小货一只",  # a lone digit before a classifier is a count
        "男孩九个月",
    ],
)
def test_chinese_counts_and_vague_amounts_are_not_prices(text: str) -> None:
    assert prices(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收费19000元~咨询vx", [(19000, None)]),  # "~" after 元 is decoration, not a range
        ("2000元-3000元", [(2000, 3000)]),
        # an amount closed by its own 元 keeps its own multiplier
        ("价格从七千元到四万元不等", [(7000, 40000)]),
    ],
)
def test_yuan_before_a_tilde_or_a_range(
    text: str, expected: list[tuple[float, float | None]]
) -> None:
    assert [(a, u) for a, _, u, _ in prices(text)] == expected
