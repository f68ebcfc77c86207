"""Property: every reason's evidence and every extracted raw is the captured text at its span.

Posts are assembled from trade phrases, obfuscated contacts and prices, traditional characters,
NFKC-changing characters (full-width digits, circled digits, ㎏), emoji and inserted symbols, so
that the normalisation's offset map is exercised where it is hardest.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cradlewatch.find.scanner import Scanner
from cradlewatch.model import Post

PIECES = [
    "送养男宝",
    "送養女寶",
    "营养费5万",
    "營養費两万五",
    "补6",
    "男8-10 女5-6",
    "满月",
    "出生8天",
    "预产期3月",
    "未知男女",
    "可办出生证",
    "包上户口",
    "CSZ",
    "人贩子勿扰",
    "私聊",
    "加扣扣",
    "一三八 1234 5678",
    "１３８１２３４５６７８",
    "①③⑧①②③④⑤⑥⑦⑧",
    "vx：wang_li88",
    "薇❤️信 abc_1234",
    "QQ 12345678",
    "Baby girl for sale $3,000",
    "no agency",
    "英短猫咪",
    "民政局收养登记",
    "寻子启事",
    "警方破获",
    "3.5㎏",
    "👶🏻",
    "🌸",
    "，",
    "。",
    " ",
    "\n",
    "…",
    "营.养.费",
    "ﬁ",
    "Ⅻ",
    "½",
]

scanner = Scanner()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=1, max_size=14).map(
        "".join
    ),
    title=st.none() | st.lists(st.sampled_from(PIECES), max_size=4).map("".join),
)
def test_every_span_points_into_the_captured_text(text: str, title: str | None) -> None:
    post = Post(id="p", text=text, title=title)
    finding = scanner.scan(post)
    for reason in finding.reasons:
        assert getattr(post, reason.field)[reason.start : reason.end] == reason.evidence
    for group in (finding.identifiers, finding.prices, finding.places, finding.children):
        for item in group:
            assert getattr(post, item.field)[item.start : item.end] == item.raw
    assert 0.0 <= finding.risk <= 1.0
    assert finding.verdict == "benign" or any(r.weight > 0 for r in finding.reasons)
