"""Children as the dev6/dev7 writers described them: slash listings after 】, 出生N天 in a
form, 刚出生一周, 新生女婴, "male child", "a baby boy of 2 weeks", Cantonese bb女, word ages
in listings, the homophone 南孩; and what stays no child."""

from __future__ import annotations

import pytest
from extract_helpers import children


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("【A017】男/28天/豫/补9.8/可CSZ", None, [("male", 28)]),
        ("【A018】女/3月/皖/不含户", None, [("female", 90)]),
        ("性别：女\n年龄：出生42天\n所在地：河南", None, [("female", 42)]),
        ("有女宝 刚出生一周 想找有爱的家庭", None, [("female", 7)]),
        ("新生女婴被遗弃在我们小区垃圾站旁边", None, [("female", 0)]),
        ("URGENT!! Male child 10 days old available", "en", [("male", 10)]),
        ("we have a baby boy of 2 weeks at our home", "en", [("male", 14)]),
        ("BB女，啱啱滿月，好乖唔喊", None, [("female", 30)]),
        ("宝宝🈶️ 男 3⃣️个月 📍广州", None, [("male", 90)]),
        ("送个孩几 女 百天 有意的来", None, [("female", 100)]),
        ("宝宝三个月 南孩 私", None, [("male", 90)]),
        ("【男宝 刚出生3天】 湖南怀化", None, [("male", 3)]),
    ],
)
def test_children_written_by_hand(text: str, lang: str | None, expected: list) -> None:
    assert children(text, lang=lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湖南孩子 三岁", [(None, 1095)]),  # 湖南 + 孩子, not the homophone 南孩
        ("男 满月酒 请客", []),  # 满月酒 is a banquet, not an age
        ("the males and females of the flock", []),
        ("available in 2 weeks, a boy", [("male", None)]),  # a duration, not an age
    ],
)
def test_words_that_only_look_like_children(text: str, expected: list) -> None:
    assert children(text, lang="en" if text.isascii() else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Baby boy for adoption, 5 months, healthy, complete vaccines.", {("male", 150)}),
        ("Want to give my 2nd baby girl (6 months) to a good family", {("female", 180)}),
        ("A baby boy is ready, 2 weeks. You will pay", {("male", 14)}),
        ("My cousin's baby, 6 weeks. Just PM me.", {(None, 42)}),
    ],
)
def test_english_age_set_apart_after_its_child(text: str, expected: set) -> None:
    assert set(children(text, lang="en")) == expected


@pytest.mark.parametrize(
    "text",
    ["Shipping takes, 2 weeks, then the crib arrives.", "Ready in 2 weeks. A boy."],
)
def test_a_duration_set_apart_without_a_child_before_it_is_no_age(text: str) -> None:
    assert all(age is None for _, age in children(text, lang="en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # numbered list items: ① is "1" once normalised
        (
            "【今日更新】3.6\n①女 满月 南阳 5w5\n②男 3月 驻马店 7w\n③女 新生 商丘 4w",
            [("female", 30), ("male", 90), ("female", 0)],
        ),
        ("1.男 2个月 2.女 满月", [("male", 60), ("female", 30)]),
        ("男宝 半个月 健康 东莞", [("male", 15)]),
    ],
)
def test_numbered_listing_items_and_word_ages(
    text: str, expected: list[tuple[str | None, int | None]]
) -> None:
    assert children(text) == expected


@pytest.mark.parametrize("text", ["3.5男 3月", "价格13男 2月", "新生 报到 3月1日"])
def test_a_digit_glued_to_a_sex_word_is_no_list_number(text: str) -> None:
    assert all(days is None for _, days in children(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Available: baby girl 2wks old, Pampanga.", [("female", 14)]),
        ("baby boy 3 wk", [("male", 21)]),
        ("Any1 in KL want baby? Girl, 2 mths, RM15k ang pow for mother.", [("female", 60)]),
        ("baby boy 3 mth old", [("male", 90)]),
    ],
)
def test_weeks_abbreviated(text: str, expected: list[tuple[str | None, int | None]]) -> None:
    assert children(text) == expected


def test_an_abbreviated_week_away_from_a_child_is_a_duration() -> None:
    assert children("I work 40 hrs a wk, 2 wks off, my son") == [("male", None)]
    assert children("contract 6 mths, my son") == [("male", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Looking for someone to adopt my baby. he is 6 weeks. I live in Birmingham.",
            [("male", 42)],
        ),
        (
            "give my sister away to her friend's cousin. is that allowed?? she's 8 months",
            [("female", 240)],
        ),
        (
            "Can someone take my son for a few months? He's 4. I'm in Cebu.",
            [("male", 1460), ("male", 1460)],
        ),
    ],
)
def test_an_age_told_with_a_pronoun(
    text: str, expected: list[tuple[str | None, int | None]]
) -> None:
    assert children(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "my baby sister, she's 8 months pregnant",
        "my son's teacher, he is 2 years older than me",
        "my daughter's nanny, she is 30.",
        "my kid's dad, he is 5 minutes away",
        "Rehoming our rescue bunny, Clover. She's 2, spayed.",  # no child in the post: a pet
    ],
)
def test_pronoun_ages_that_are_no_child_age(text: str) -> None:
    assert all(days is None or days < 0 for _, days in children(text))
