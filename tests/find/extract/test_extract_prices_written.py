"""Amounts written the way the dev6/dev7 writers wrote them: financial (大写) numerals, 、
ranges, repeated units, spaced thousands, signs after the figure, keycap digits, 块 + jiao."""

from __future__ import annotations

import pytest

from cradlewatch.find.extract import extract


def prices(text: str, lang: str | None = None) -> list[tuple[float, str, float | None, str]]:
    found = extract(text, lang=lang).prices
    for price in found:
        assert text[price.start : price.end] == price.raw
    return [(p.amount, p.currency, p.upper, p.raw) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("营养费：叁万", [(30000, "CNY", None, "叁万")]),
        ("补偿 陆万伍", [(65000, "CNY", None, "陆万伍")]),
        ("酬金贰仟元", [(2000, "CNY", None, "贰仟元")]),
        ("叁拾元", [(30, "CNY", None, "叁拾元")]),
        ("新台幣三、四十萬", [(300000, "TWD", 400000, "新台幣三、四十萬")]),
        ("拿点钱给我看病就行，两千三千都要得", [(2000, "CNY", 3000, "两千三千")]),
        ("想把他挂闲鱼 九块九包邮", [(9.9, "CNY", None, "九块九")]),
        ("补偿：6️⃣万", [(60000, "CNY", None, "6️⃣万")]),
    ],
)
def test_chinese_written_amounts(text: str, expected: list) -> None:
    assert prices(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "陆续来了 队伍很长 大陆",  # 陆, 伍 are words without a unit
        "两块蛋糕",  # pieces, not yuan
        "男 3⃣️个月 健康",  # a keycap age, not a price code
        "一、二、三 排好队",
        "第一、二十名",
    ],
)
def test_words_that_are_not_amounts(text: str) -> None:
    assert prices(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("total donation 18 000 usd includes everything", [(18000, "USD", None, "18 000 usd")]),
        ("Baby boy 6 weeks. 2500 $. Inbox", [(2500, "USD", None, "2500 $")]),
        ("Only 1500$ for hospital", [(1500, "USD", None, "1500$")]),
        ("she pays 400€ a week", [(400, "EUR", None, "400€")]),
    ],
)
def test_english_amounts_with_the_sign_after_or_spaced_thousands(text: str, expected: list) -> None:
    assert prices(text, "en") == expected


def test_spaced_groups_without_a_currency_are_no_amount() -> None:
    assert prices("call 555 000 0100 now", "en") == []


def test_a_sign_before_a_figure_belongs_to_it() -> None:
    assert prices("price $ 3000 firm", "en") == [(3000, "USD", None, "$ 3000")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Abeg, my cousin and her husband fit pay up to 2m. Serious.", [(2000000, "NGN")]),
        (
            "the woman from Aba has two. Boy 1.8m girl 1.3m. Her driver brings to Lagos.",
            [(1800000, "NGN"), (1300000, "NGN")],
        ),
        ("we have a baby boy at our motherless home, come with 950k", [(950000, "NGN")]),
        ("Party is asking 5.5 L. Hospital in Gurgaon.", [(550000, "INR")]),
        ("pay 2.5m", [(2500000, "USD")]),
        ("rs 5.5 L", [(550000, "INR")]),
    ],
)
def test_short_million_and_lakh_where_a_reader_is_sure(text: str, expected: list) -> None:
    assert [(amount, currency) for amount, currency, *_ in prices(text, "en")] == expected


@pytest.mark.parametrize(
    "text",
    [
        "he is 1.8m tall, Lagos",
        "Boy 1.8m",  # no money word, no region: metres as likely as millions
        "bought 2l of milk in Mumbai",
        "asking 2 L of milk",  # a lakh needs India
        "Anyone selling baby clothes 0-3m? Quezon City",
        "clothes 3-6m, Lagos",
    ],
)
def test_metres_litres_and_sizes_are_not_amounts(text: str) -> None:
    assert prices(text, "en") == []


def test_counts_of_children_are_not_amounts() -> None:
    assert prices("3 boys 2 girls, $250 each", "en") == [(250, "USD", None, "$250")]


def test_the_start_of_an_age_range_is_no_amount() -> None:
    assert prices("宝宝用品打包出 0-6个月 打包价150") == [(150, "CNY", None, "150")]


def test_a_tier_code_range_in_ge_stays_a_price_code() -> None:
    found = prices("正规医院出来的宝宝\n女宝 6-8个")
    assert [amount for amount, *_ in found] == [60000]


def test_a_tier_word_before_an_age_range_is_no_price() -> None:
    assert prices("送养 女宝 3-6个月 健康") == []


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("走失一只金毛 找到重谢2000 电话", 2000),
        ("悬赏5000寻找线索", 5000),
        ("小布偶 满月了 公猫3000 母猫3500", 3000),
    ],
)
def test_rewards_and_pet_prices_by_sex(text: str, amount: int) -> None:
    assert prices(text)[0][:2] == (amount, "CNY")


def test_a_reward_word_does_not_make_a_date_an_amount() -> None:
    assert prices("重谢 2019年走失") == []


def amounts(text: str) -> list[tuple[float, str]]:
    return [(amount, currency) for amount, currency, _, _ in prices(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 元 is the local dollar where the post names the local money
        (
            "以新台幣20萬元收購新生兒，再以60至80萬元轉賣",
            [(200000, "TWD"), (600000, "TWD")],
        ),
        ("港币 香港 二手嬰兒車 500元", [(500, "HKD")]),
        # "$" in a post placed in Singapore is S$
        ("Hiring: nanny for 2 kids, Bukit Timah, $2,800/month.", [(2800, "SGD")]),
        # a space between the figure and 元
        ("收到爱心捐款 2860 元，支出猫粮 1200 元", [(2860, "CNY"), (1200, "CNY")]),
    ],
)
def test_generic_units_take_the_local_money(text: str, expected: list[tuple[float, str]]) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # naming Hong Kong as a place is not naming its money: mainland yuan
        ("孕期验血查男女，送香港化验，1800元", [(1800, "CNY")]),
        ("香港 二手嬰兒車 500元", [(500, "CNY")]),
        ("Price $500 obo", [(500, "USD")]),
        ("一块蛋糕 3 块", []),
    ],
)
def test_generic_units_stay_put_without_the_local_money(
    text: str, expected: list[tuple[float, str]]
) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Boy N1.5m, girl N1.2m. Call +234 809 555 0134", [(1_500_000, "NGN"), (1_200_000, "NGN")]),
        ("Just need help for hospital bill and fare going home, P35,000. Cebu", [(35_000, "PHP")]),
        ("Lagos: n95 masks for sale N500 each", [(500, "NGN")]),
        ("n95 masks, p2 tier, 500 dollars", [(500, "USD")]),
    ],
)
def test_the_letters_nigerians_and_filipinos_type_for_naira_and_pesos(
    written: str, expected: list[tuple[int, str]]
) -> None:
    """N and P stand for ₦ and ₱ only in a post placed in Nigeria or the Philippines, and
    never before a model number (N95)."""
    assert [(p.amount, p.currency) for p in extract(written).prices] == expected
