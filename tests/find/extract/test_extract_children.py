"""Children: sex and age in days, paired by proximity; unborn with due dates."""

from __future__ import annotations

import pytest
from extract_helpers import children as written_children

POSTED = "2014-01-20T10:00:00+08:00"


def children(text: str, posted_at: str | None = POSTED) -> list[tuple[str | None, int | None]]:
    return written_children(text, posted_at=posted_at)


@pytest.mark.parametrize(
    ("text", "sex", "days"),
    [
        ("满月男宝", "male", 30),
        ("男宝满月", "male", 30),
        ("出生8天男宝", "male", 8),
        ("刚出生3天的女婴", "female", 3),
        ("男婴，刚出生", "male", 0),
        ("3个月女宝", "female", 90),
        ("两个多月的男孩", "male", 60),
        ("女儿半岁", "female", 182),
        ("儿子2岁", "male", 730),
        ("3周岁女孩", "female", 1095),
        ("2岁半的儿子", "male", 912),
        ("男宝5周", "male", 35),
        ("十个月男宝宝", "male", 300),
        ("大货 一个月", "male", 30),
        ("小货满月", "female", 30),
        ("baby boy, newborn", "male", 0),
        ("2 weeks old baby girl", "female", 14),
        ("two weeks old boy", "male", 14),
        ("our son is 10 months old", "male", 300),
        ("3-year-old daughter", "female", 1095),
        ("女宝 3 years old", "female", 1095),
        ("滿月男寶", "male", 30),
    ],
)
def test_sex_and_age(text: str, sex: str, days: int) -> None:
    assert children(text) == [(sex, days)]


def test_sex_without_age() -> None:
    assert children("有男宝一个，健康") == [("male", None)]


def test_unknown_sex() -> None:
    assert children("未知男女，预产期3月") == [(None, -54)]
    assert children("性别未知") == [(None, None)]


@pytest.mark.parametrize(
    ("text", "posted_at", "days"),
    [
        ("预产期3月", POSTED, -54),  # the 15th of March 2014
        ("预产期是3月10日", POSTED, -49),
        ("预产期2014年3月底", POSTED, -64),
        ("预产期 2014-02-20", POSTED, -31),
        ("预产期1月", "2013-11-20", -56),  # January of the next year
        ("due date March 15", POSTED, -54),
    ],
)
def test_due_dates(text: str, posted_at: str, days: int) -> None:
    assert children(f"宝宝{text}", posted_at) == [(None, days)]


def test_due_date_without_post_date_is_null() -> None:
    assert children("女宝预产期3月", posted_at=None) == [("female", None)]


def test_pregnancy_stage_is_unborn_without_age() -> None:
    assert children("孕32周 男宝") == [("male", None)]
    assert children("怀孕七个月，宝宝") == [(None, None)]
    assert children("unborn baby girl") == [("female", None)]


@pytest.mark.parametrize("text", ["帮没户口的孩子落户，一周出证", "孩子的事三天后再说"])
def test_bare_durations_are_not_ages(text: str) -> None:
    assert children(text) == []


def test_bare_days_next_to_a_child_are_an_age() -> None:
    assert children("男宝5周") == [("male", 35)]
    assert children("10天宝宝") == [(None, 10)]


def test_a_topic_age_does_not_make_a_second_child() -> None:
    assert children("我们家半岁男宝，最近总闹觉，满月要不要剃头") == [("male", 182)]


@pytest.mark.parametrize(
    "text", ["猫咪3个月", "狗狗满月", "我今年25岁", "3 months old puppy", "一个月工资"]
)
def test_ages_without_a_child_are_ignored(text: str) -> None:
    assert children(text) == []


def test_two_children_two_records() -> None:
    assert children("男宝8个月，女宝满月") == [("male", 240), ("female", 30)]


def test_legal_age_threshold_is_not_a_child() -> None:
    assert children("孩子满八周岁的，收养要经过孩子本人同意") == []
    assert children("宝宝满3岁了") == [(None, 1095)]


def test_closest_pairs_win() -> None:
    assert children("刚出生的满月女孩") == [("female", 30)]
    assert children("刚生了满月小男孩") == [("male", 30)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("出 女 2岁 会说话 乖", [("female", 730)]),
        ("#0312 女 2月 闽 #0313 男 20天 川", [("female", 60), ("male", 20)]),
        ("性别：男 年龄：3个月", [("male", 90)]),
        ("求职 男 25岁 有驾照", []),  # an adult in a job ad
        ("男 2月5日出发", []),  # a date, not an age
    ],
)
def test_listing_lines_name_a_child_by_a_lone_sex_and_an_age(
    text: str, expected: list[tuple[str, int]]
) -> None:
    assert children(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rehoming our 7 y/o son adopted overseas", [("male", 2555)]),
        ("may baby girl po ako 2 weeks old, hindi", [("female", 14)]),
        ("Baby girl 4 months, Kuala Lumpur", [("female", 120)]),
        ("I have a baby boy 6 months, can send photos", [("male", 180)]),
        ("第四个孩子是儿子，才生下来七天", [("male", 7)]),
        ("男宝，2014年1月6日出生，姓刘", [("male", 14)]),
        ("男宝，1月6号生的", [("male", 14)]),
    ],
)
def test_age_forms_of_new_posts(text: str, expected: list[tuple[str | None, int | None]]) -> None:
    assert children(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a buyer's limit or a listing's range is not the age of a child
        ("只要健康的男孩，一岁以内最好", [("male", None)]),
        ("高价收女孩 三岁以下 身体健康", [("female", None)]),
        ("男宝女宝都有，年龄0-2岁", [("male", None), ("female", None)]),
        # a duration is not an age, and a bare English age needs the child right beside it
        ("trying for 8 years, my son 2 years ago", [("male", None)]),
        ("my son. We moved 3 months", [("male", None)]),
        # a birth date after the post is no age; without the post date there is none
        ("男宝，2014年3月6日出生", [("male", None)]),
    ],
)
def test_bounds_and_durations_are_not_ages(
    text: str, expected: list[tuple[str | None, int | None]]
) -> None:
    assert children(text) == expected


def test_birth_date_needs_the_post_date() -> None:
    assert children("男宝，1月6号生的", posted_at=None) == [("male", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("宝宝满月了，想问一下满月照去哪里拍比较好？女宝，苏州", [("female", 30)] * 3),
        ("孩子今天满一百天啦 百日宴定在周六 男宝 十二斤", [("male", 100)] * 2),
        ("mi get one baby girl, 2 months. Mama no fit take care", [("female", 60)]),
    ],
)
def test_one_sex_and_one_age_in_a_field_are_one_child(
    text: str, expected: list[tuple[str | None, int | None]]
) -> None:
    assert children(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a broker's list: each priced item is a child of its own
        ("手上有3岁女宝~女婴便宜，只要七万", [("female", 1095), ("female", None)]),
        ("男宝价格9万块，半岁小男孩，先到先得", [("male", None), ("male", 182)]),
        # two sexes: which one the age belongs to is not known
        ("宝宝满月了 … 老公要儿子，家里有女儿", [(None, 30), ("male", None), ("female", None)]),
    ],
)
def test_lists_and_two_sexes_are_not_merged(
    text: str, expected: list[tuple[str | None, int | None]]
) -> None:
    assert children(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("女孩一岁三个月", [("female", 455)]),
        ("女儿1岁2个月了", [("female", 425)]),
        ("男宝两岁零六个月", [("male", 910)]),
        ("两岁半男孩", [("male", 912)]),  # 半 stays half a year (182 days)
    ],
)
def test_years_and_months(text: str, expected: list[tuple[str | None, int | None]]) -> None:
    assert children(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我哥留下一个4岁的侄子", [("male", 1460)]),
        ("我孙女三岁，她爸妈离婚了", [("female", 1095)]),
        ("仔仔十日大，佢老豆唔要我哋", [("male", 10)]),
        ("我系單親媽媽，個仔啱啱兩個月", [("male", 60)]),
        ("男bb 2个月 有补", [("male", 60)]),
        ("宝宝周岁了，白白胖胖", [(None, 365)]),
    ],
)
def test_kin_and_regional_child_words(
    text: str, expected: list[tuple[str | None, int | None]]
) -> None:
    assert children(text) == expected


def test_a_first_birthday_threshold_is_not_an_age() -> None:
    assert children("孩子满周岁要认干爹") == []


@pytest.mark.parametrize(
    ("text", "posted_at", "expected"),
    [
        ("Baby boy due Jan 4. You bring", "2026-11-26T10:00:00-06:00", [("male", -39)]),
        ("my baby girl due on Dec 20. I", "2026-11-29T10:00:00-06:00", [("female", -21)]),
        ("女宝（2026.10.5生）身体健康", "2026-11-28T10:00:00+08:00", [("female", 54)]),
    ],
)
def test_abbreviated_due_months_and_dotted_birth_dates(
    text: str, posted_at: str, expected: list[tuple[str | None, int | None]]
) -> None:
    assert children(text, posted_at=posted_at) == expected


def test_a_month_abbreviation_must_be_a_whole_word() -> None:
    # "due mark…" is not "due mar"
    assert children("baby due marketing plan") == []
