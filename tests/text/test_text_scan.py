"""PrefilteredPattern must find exactly what its whole pattern finds at word starts.

This is what guards the hand-written first-character sets of the extractors: a branch that
can start with a character missing from its set would be found by the reference scan below
and missed by the fast one.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cradlewatch.find.extract import children, cues, prices
from cradlewatch.text import PrefilteredPattern, normalize

_PATTERNS: dict[str, PrefilteredPattern] = {
    "age": children._AGE,
    "sex": children._SEX,
    "child_word": children._CHILD_WORD,
    "price": prices._PRICE,
    "wechat_id": cues.handle_after("wechat"),
    "alipay_id": cues.handle_after("alipay"),
    "same_number": cues.same_number(),
}

_WORDS = [
    "孕",
    "32",
    "周",
    "怀孕",
    "7",
    "个月",
    "预产期",
    "3月",
    "10日",
    "due",
    "march",
    "15",
    "刚出生",
    "出生",
    "8",
    "天",
    "新生儿",
    "newborn",
    "满月",
    "百天",
    "半岁",
    "两",
    "个多月",
    "岁",
    "岁半",
    "two",
    "weeks",
    "old",
    "-",
    "year",
    "unborn",
    "未出生",
    "男宝",
    "女婴",
    "小男孩",
    "儿子",
    "大货",
    "boy",
    "sons",
    "girl",
    "daughter",
    "未知男女",
    "宝宝",
    "孩子",
    "baby",
    "kid",
    "¥",
    "$",
    "usd",
    "rs",
    "rmb",
    "5",
    "万",
    "w",
    "k",
    "3.5",
    "45,000",
    "元",
    "块",
    "dollars",
    "起",
    "多",
    "到",
    "微信",
    "vx",
    "v",
    "wang_li88",
    "同号",
    "同微",
    "支付宝",
    "zfb",
    "abc123",
    ":",
    " ",
    "，",
    "x",
    "1",
    "a",
    "an",
    "宝妈",
    "due date",
    "in",
    "二十",
]


def _reference(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    while pos < len(text):
        inside_word = pos > 0 and re.fullmatch("[a-z0-9]{2}", text[pos - 1 : pos + 1])
        match = None if inside_word else pattern.match(text, pos)
        if match is not None and match.end() > pos:
            spans.append(match.span())
            pos = match.end()
        else:
            pos += 1
    return spans


@pytest.mark.parametrize("name", sorted(_PATTERNS))
@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), max_size=14))
def test_prefiltered_scan_equals_reference(name: str, words: list[str]) -> None:
    text = normalize("".join(words)).text
    fast = _PATTERNS[name]
    assert [m.span() for m in fast.finditer(text)] == _reference(fast.pattern, text)


def test_search_within_a_window() -> None:
    pattern = PrefilteredPattern.compile("(?:qq|q)[ :]*$", "q")
    text = "xx qq: 12345"
    match = pattern.search(text, 0, 7)
    assert match is not None and match.group() == "qq: "
    window = pattern.search(text, 0, 5)  # "xx qq": the cue ends the window
    assert window is not None and window.group() == "qq"
    assert pattern.search(text, 0, 3) is None


def test_matches_never_start_inside_words_or_numbers() -> None:
    pattern = PrefilteredPattern.compile(r"boy|\d天", "b0123456789")
    assert [m.group() for m in pattern.finditer("cowboy boy 123天 3天")] == ["boy", "3天"]


def test_skip_spans_are_never_candidates() -> None:
    pattern = PrefilteredPattern.compile(r"\d+天|[一二三]+天", "0123456789一二三")
    text = "一三八天 5天 12天"
    assert [m.group() for m in pattern.finditer(text, [(0, 4)])] == ["5天", "12天"]
    assert [m.group() for m in pattern.finditer(text, [(0, 2), (5, 7)])] == ["12天"]


def test_gate_keeps_latin_candidates_only_when_a_gate_word_is_present() -> None:
    pattern = PrefilteredPattern.compile(r"boys?|男孩", "b男", gate=("boy",))
    assert [m.group() for m in pattern.finditer("男孩 and boys")] == ["男孩", "boys"]
    assert pattern.first_without_latin.search("bb") is None
