"""Provinces written by their one-character abbreviation, only where a reader is sure."""

from __future__ import annotations

import pytest

from cradlewatch.find.extract import extract


def places(text: str) -> list[tuple[str, str | None, str]]:
    found = extract(text).places
    for place in found:
        assert text[place.start : place.end] == place.raw
    return [(p.province, p.city, p.raw) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【沪】女宝45天", [("上海市", "上海市", "沪")]),
        ("【A017】男/28天/豫/补9.8", [("河南省", None, "豫")]),
        ("男宝3个月 皖北 补18", [("安徽省", None, "皖北")]),
        ("还有一个女宝 20天 鲁西南 私", [("山东省", None, "鲁西南")]),
        ("我在苏北的老家", [("江苏省", None, "苏北")]),
        (
            "只限江浙沪",
            [
                ("上海市", "上海市", "江浙沪"),
                ("江苏省", None, "江浙沪"),
                ("浙江省", None, "江浙沪"),
            ],
        ),
        (
            "京津冀优先",
            [
                ("北京市", "北京市", "京津冀"),
                ("天津市", "天津市", "京津冀"),
                ("河北省", None, "京津冀"),
            ],
        ),
    ],
)
def test_abbreviations_a_reader_is_sure_of(text: str, expected: list) -> None:
    assert sorted(places(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "苏东坡的诗",  # a poet
        "京东买的奶粉",  # a shop
        "鲁莽 云朵 青春 黑色 宁愿",
        "东西南北都找过",
        "川菜 湘菜 粤语",
    ],
)
def test_abbreviation_characters_in_words_are_no_place(text: str) -> None:
    assert places(text) == []


def test_a_full_name_wins_over_an_abbreviation() -> None:
    assert places("云南曲靖") == [("云南省", "曲靖市", "云南曲靖")]
