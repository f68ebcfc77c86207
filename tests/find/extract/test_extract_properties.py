"""Property tests: spans always slice the text as given, and obfuscated values are recovered."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from cradlewatch.find.extract import extract
from cradlewatch.text import normalize

_CN_DIGITS = "零一二三四五六七八九"
_BIG_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨"
_DINGBAT = "⓪❶❷❸❹❺❻❼❽❾"
_FULL = "０１２３４５６７８９"
_SEPARATORS = [" ", "-", ".", "*", "🌸", "❤️", "/", " - ", "~"]
_FILLER = [
    "送養",
    "男寶",
    "滿月",
    "营养费",
    "私聊",
    "健康",
    "hello",
    "baby",
    "😀",
    "ﬁ",
    "㎏",
    "½",
    "①号",
    "Ｑ群",
    "台灣",
    "广东",
    "Nanjing",
    "价格好商量",
    "联系",
    "vx",
    "同号",
    "3岁",
    "2014年",
    "5万",
    "$500",
    "\n",
    "，",
    "。",
    "！",
    " ",
    "www.x.com",
    "a@b.cn",
    "İ",
    "é",
    "e\u0301",
]
_MOBILE_PREFIXES = ["138", "139", "150", "186", "199", "166", "192", "177"]


def _render_digits(digits: str, rng: random.Random) -> str:
    """Write ``digits`` in one of the obfuscation styles sellers use (or a mix of them)."""
    styles = [None, _CN_DIGITS, _BIG_DIGITS, _CIRCLED, _DINGBAT, _FULL]
    style = rng.choice(styles)
    out = []
    for position, digit in enumerate(digits):
        table = rng.choice(styles) if rng.random() < 0.2 else style
        char = digit if table is None else table[int(digit)]
        if digit == "1" and table is _CN_DIGITS and rng.random() < 0.3:
            char = "幺"
        out.append(char)
        if position in (2, 6) and rng.random() < 0.6:
            out.append(rng.choice(_SEPARATORS))
    return "".join(out)


@st.composite
def _phone_posts(draw: st.DrawFn) -> tuple[str, str]:
    rng = random.Random(draw(st.integers(0, 2**32)))
    number = rng.choice(_MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))
    before = "".join(draw(st.lists(st.sampled_from(_FILLER), max_size=6)))
    after = "".join(draw(st.lists(st.sampled_from(_FILLER), max_size=6)))
    cue = draw(st.sampled_from(["电话", "手机：", "tel ", "打", "联系"]))
    return f"{before}，{cue}{_render_digits(number, rng)}，{after}", "+86" + number


@settings(max_examples=300, deadline=None)
@given(_phone_posts())
def test_obfuscated_mobile_is_recovered_with_exact_span(case: tuple[str, str]) -> None:
    text, value = case
    found = extract(text).identifiers
    phones = [i for i in found if i.kind == "phone" and i.value == value]
    assert phones, (text, found)
    for ident in found:
        assert text[ident.start : ident.end] == ident.raw


@st.composite
def _mixed_text(draw: st.DrawFn) -> str:
    rng = random.Random(draw(st.integers(0, 2**32)))
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(_FILLER),
                st.text(max_size=6),
                st.integers(0, 10**12).map(lambda n: _render_digits(str(n), rng)),
                st.sampled_from(["QQ", "扣扣", "微信", "V", "支付宝", "卡号", "订单号", "预产期"]),
            ),
            max_size=20,
        )
    )
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(_mixed_text(), st.sampled_from(["text", "title"]))
def test_every_record_slices_the_text_as_given(text: str, field: str) -> None:
    result = extract(text, field)
    records = [*result.identifiers, *result.prices, *result.places, *result.children]
    for record in records:
        assert 0 <= record.start <= record.end <= len(text)
        assert text[record.start : record.end] == record.raw
        assert record.field == field


@settings(max_examples=200, deadline=None)
@given(_mixed_text())
def test_passing_a_normalised_text_changes_nothing(text: str) -> None:
    assert extract(text) == extract(text, normalized=normalize(text))


_WEB_WORDS = [
    "a",
    "b.c",
    "@",
    "#",
    " at ",
    "(at)",
    " [at] ",
    "dot",
    " dot ",
    ".",
    "点",
    "com",
    "cn",
    "example",
    "www.",
    "http://",
    "https://",
    "qq",
    "163",
    "x-y",
    "/",
    "path",
    "_",
    "-",
    " ",
    "，",
    "联系",
    "jane",
    "1",
    "2",
    "..",
    "\n",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WEB_WORDS), max_size=16).map("".join))
def test_anchored_web_scans_equal_full_scans(text: str) -> None:
    """Trying e-mail and URL patterns only at anchors finds what a full scan finds."""
    from cradlewatch.find.extract import handles

    text = normalize(text).text
    emails = [(h[2], h[3]) for h in handles.find_emails(text)]
    reference = []
    for match in handles._EMAIL.finditer(text):
        if match.group("at") is None and not handles._KNOWN_TLD.fullmatch(match.group("tld")):
            continue
        if match.group("hash") is not None and "." not in match.group("domain"):
            continue
        if handles._plain_word_at(match):
            continue
        reference.append(match.span())
    assert emails == reference
    urls = handles.find_urls(text, emails)
    url_reference = []
    for match in handles._URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in handles._URL_TRAILING:
            end -= 1
        if not any(start < e and s < end for s, e in emails):
            url_reference.append((start, end))
    taken = emails + url_reference
    for match in handles._SPOKEN_URL.finditer(text):  # site names with spelled-out dots
        start, end = match.span()
        while end > start and text[end - 1] in handles._URL_TRAILING:
            end -= 1
        spelled = handles._DOT_VARIANTS.search(text, start, end) is not None
        if spelled and not any(start < e and s < end for s, e in taken):
            url_reference.append((start, end))
    assert urls == sorted(url_reference)
