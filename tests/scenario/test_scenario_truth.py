"""The truth lists exactly what each post's text contains, and decodes from its rendering."""

from __future__ import annotations

import random
import re
from typing import Any

import opencc
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scenario_corpus import corpus

from cradlewatch.scenario.obfuscate import (
    DIGIT_STYLES,
    decode_digits,
    render_bu,
    render_cny,
    render_digits,
)
from cradlewatch.scenario.posts import generate_posts
from cradlewatch.scenario.world import world_data

KINDS = ("identifiers", "prices", "children", "places")
_T2S = opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Posts written in traditional characters are checked in simplified form."""
    return str(_T2S.convert(text))


def _records(truth: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(kind, record) for kind in KINDS for record in truth[kind]]


@pytest.mark.parametrize("templates", ["train", "heldout"])
def test_every_raw_is_the_exact_span_of_the_post(templates: str) -> None:
    for post, truth in corpus(templates=templates, size=5000):
        for kind, record in _records(truth):
            assert post[record["field"]][record["start"]:record["end"]] == record["raw"], (kind, post, record)


def _decoded_value(record: dict[str, Any]) -> str:
    digits = decode_digits(record["raw"])
    if record["kind"] == "phone" and record["value"].startswith("+86"):
        return "+86" + digits.removeprefix("0")
    if record["kind"] == "phone":
        return "+1" + digits
    return digits


def test_identifier_values_decode_from_their_rendering() -> None:
    seen: set[str] = set()
    for _, truth in corpus():
        for record in truth["identifiers"]:
            kind, value, raw = record["kind"], record["value"], record["raw"]
            seen.add(kind)
            if kind in ("phone", "qq"):
                assert _decoded_value(record) == value, record
            elif kind == "wechat" and record.get("same_as") == "phone":
                assert "同" in raw and value.startswith("+86")
            elif kind == "wechat":
                assert raw.lower() == value and re.fullmatch(r"[a-z][-_a-z0-9]{5,19}", value)
            elif kind == "email":
                assert raw.replace(" at ", "@").replace(" dot ", ".") == value
            elif kind == "url":
                assert value == raw if raw.startswith("http") else value == "http://" + raw
    assert seen == {"phone", "qq", "wechat", "email", "url"}


_CN = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))


def _parse_cny(raw: str) -> float:
    """An independent reading of the renderer's CNY forms."""
    text = simplified(raw).replace("¥", "").replace("元", "").replace("块", "")
    if match := re.fullmatch(r"补(\d+(?:\.\d)?)", text):  # the price code: 补5 = 5万
        return float(match.group(1)) * 10000
    if match := re.fullmatch(r"(\d+(?:\.\d)?)(万|w)", text):
        return float(match.group(1)) * 10000
    if re.fullmatch(r"\d+", text):
        return float(text)
    wan, _, rest = text.partition("万")
    tens, _, ones = wan.partition("十")
    head = (_CN.get(tens, 1) * 10 + _CN.get(ones, 0)) if "十" in wan else _CN[wan]
    return head * 10000 + (_CN[rest] * 1000 if rest else 0)


def test_price_amounts_match_their_rendering() -> None:
    checked = 0
    for _, truth in corpus():
        for record in truth["prices"]:
            raw = record["raw"]
            if record["currency"] == "USD":
                assert float(raw.strip("$").replace(",", "").replace(" dollars", "")) == record["amount"]
            elif "upper" in record:
                low, high = re.fullmatch(r"(\d+)-(\d+)万", simplified(raw)).groups()  # type: ignore[union-attr]
                assert (int(low) * 10000, int(high) * 10000) == (record["amount"], record["upper"])
            else:
                assert _parse_cny(raw) == record["amount"], record
            checked += 1
    assert checked > 1000


def test_children_sex_and_age_match_their_rendering() -> None:
    for _, truth in corpus(size=5000):
        for child in truth["children"]:
            raw, sex, age = simplified(child["raw"]), child["sex"], child["age_days"]
            if sex == "male":
                assert "男" in raw or raw == "大货" or re.search(r"\b(boy|son)\b", raw)
            elif sex == "female":
                assert "女" in raw or raw == "小货" or re.search(r"\b(girl|daughter)\b", raw)
            if "满月" in raw:
                assert age == 30
            if "半岁" in raw:
                assert age == 182
            if re.search(r"预产期|怀孕|due in", raw):
                assert child.get("unborn") and (age is None or age < 0)
            elif match := re.search(r"(\d+)-month-old|(\d+) week old|(\d+) year old", raw):
                months, weeks, years = (int(g) if g else None for g in match.groups())
                assert age == (months or 0) * 30 + (weeks or 0) * 7 + (years or 0) * 365


def test_places_use_official_names_of_the_rendered_place() -> None:
    official = {(p, c) for group in world_data()["places"].values() for p, cs in group.items() for c in cs}
    for _, truth in corpus(size=5000):
        for place in truth["places"]:
            province, city, raw = place["province"], place["city"], simplified(place["raw"])
            assert any(p == province and (city is None or c == city) for p, c in official)
            if city is not None:
                assert city.removesuffix("市")[:2] in raw or raw in city  # 南京 / 南京市 / 江苏南京
            else:
                assert province.startswith(raw[:2]) or raw in province


@pytest.mark.parametrize("style", DIGIT_STYLES)
def test_every_digit_style_decodes_back(style: str) -> None:
    rng = random.Random(style)
    for _ in range(50):
        digits = "1" + "".join(rng.choice("0123456789") for _ in range(10))
        raw = render_digits(digits, style, rng)
        assert decode_digits(raw) == digits
        if style != "plain":
            assert raw != digits


@pytest.mark.parametrize(("amount", "style", "raw"), [
    (50000, "wan", "5万"), (45000, "w", "4.5w"), (50000, "cn", "五万"), (25000, "cn", "两万五"),
    (120000, "cn", "十二万"), (50000, "yuan", "50000元"), (50000, "yen", "¥50000"),
    (30000, "kuai", "3万块"), (8000, "wan", "8000元"), (12500, "cn", "12500元"),
])
def test_cny_rendering_table(amount: int, style: str, raw: str) -> None:
    assert render_cny(amount, style) == raw


def test_price_code_bu() -> None:
    assert render_bu(50000) == "补5" and render_bu(45000) == "补4.5" and render_bu(8000) == "补8000"
    coded = [p for _, t in corpus() for p in t["prices"] if p.get("coded")]
    assert coded and all(simplified(p["raw"]).startswith("补") for p in coded)


def test_hard_negatives_carry_identifiers_and_prices_too() -> None:
    pairs = corpus()
    missing = [t for _, t in pairs if t["category"] == "missing_child"]
    pets = [t for _, t in pairs if t["category"] == "pet"]
    assert any(t["identifiers"] and t["prices"] and t["children"] for t in missing)
    assert any(any(i["kind"] == "qq" for i in t["identifiers"]) and t["prices"] for t in pets)
    assert all(not t["children"] for t in pets)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**9), templates=st.sampled_from(["train", "heldout", "all"]))
def test_spans_hold_for_any_seed(seed: int, templates: str) -> None:
    for post, truth in generate_posts(seed, 60, templates):
        assert (truth["ring"] is None) == (truth["verdict"] == "benign")
        for _, record in _records(truth):
            assert post[record["field"]][record["start"]:record["end"]] == record["raw"]


def test_every_phone_is_a_valid_number() -> None:
    """Extractors check validity (phonenumbers), so the scenario only writes valid numbers."""
    phones = {r["value"] for _, t in corpus() for r in t["identifiers"] if r["kind"] == "phone"}
    assert len(phones) > 500
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(value, None)) for value in phones)
