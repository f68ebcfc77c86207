"""Render true values in the obfuscated styles sellers use (DOMAIN.md §3).

The generator always draws the *value* first (a phone number, a QQ number, an amount) and only
then renders it, so the ground truth can state exactly what a perfect extractor would return.
Every renderer returns the raw text that appears in the post; ``decode_digits`` is the
independent inverse used by the tests to check that the raw rendering really spells the value.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

CN_DIGITS = "零一二三四五六七八九"
DAXIE_DIGITS = "零壹贰叁肆伍陆柒捌玖"
FULLWIDTH_DIGITS = "０１２３４５６７８９"
CIRCLED_DIGITS = "⓪①②③④⑤⑥⑦⑧⑨"
T = TypeVar("T")
SEPARATOR_EMOJI = ("🌸", "⭐", "❤", "🍀", "✨", "🌙", "💕", "🔥")

# Digit styles, from plain to heavily disguised. A ring prefers a few of them (world.py).
DIGIT_STYLES = (
    "plain", "split", "dash", "cn", "daxie", "mixed", "emoji",
    "fullwidth", "circled", "dots", "spaced",
)

_TO_CN = str.maketrans("0123456789", CN_DIGITS)
_TO_DAXIE = str.maketrans("0123456789", DAXIE_DIGITS)
_TO_FULLWIDTH = str.maketrans("0123456789", FULLWIDTH_DIGITS)
_TO_CIRCLED = str.maketrans("0123456789", CIRCLED_DIGITS)

# The decoding table of the tests: every digit-like character the renderers can emit.
DECODE_TABLE: dict[str, str] = {}
for _table in (CN_DIGITS, DAXIE_DIGITS, FULLWIDTH_DIGITS, CIRCLED_DIGITS, "0123456789"):
    for _digit, _char in enumerate(_table):
        DECODE_TABLE[_char] = str(_digit)
DECODE_TABLE.update({"幺": "1", "两": "2", "兩": "2", "〇": "0", "貳": "2", "參": "3", "叄": "3", "陸": "6"})


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """``rng.choice`` without its overhead (the generator's hottest call)."""
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """``between(rng, low, high)`` without its overhead."""
    return low + int(rng.random() * (high - low + 1))


def decode_digits(raw: str) -> str:
    """The digits a rendering spells, ignoring separators, emoji and cue words."""
    return "".join(DECODE_TABLE.get(char, "") for char in raw)


def _groups(digits: str) -> list[str]:
    """Split a number the way people read it aloud: 3-4-4 for mobiles, else in fours."""
    if len(digits) == 11:
        return [digits[:3], digits[3:7], digits[7:]]
    return [digits[i:i + 4] for i in range(0, len(digits), 4)]


def render_digits(digits: str, style: str, rng: random.Random) -> str:
    """Write ``digits`` in one obfuscation ``style`` (one of ``DIGIT_STYLES``)."""
    if style == "plain":
        return digits
    if style == "split":
        return " ".join(_groups(digits))
    if style == "dash":
        return "-".join(_groups(digits))
    if style == "cn":
        text = digits.translate(_TO_CN)
        if rng.random() < 0.5:
            text = text.replace("一", "幺")
        if rng.random() < 0.2:
            text = text.replace("二", "两")
        return text
    if style == "daxie":
        return digits.translate(_TO_DAXIE)
    if style == "mixed":
        return "".join(CN_DIGITS[int(d)] if rng.random() < 0.5 else d for d in digits)
    if style == "emoji":
        return pick(rng, SEPARATOR_EMOJI).join(_groups(digits))
    if style == "fullwidth":
        return digits.translate(_TO_FULLWIDTH)
    if style == "circled":
        return digits.translate(_TO_CIRCLED)
    if style == "dots":
        return ".".join(_groups(digits))
    if style == "spaced":
        return " ".join(digits)
    raise ValueError(f"unknown digit style {style!r}")


def render_landline(area: str, local: str, style: str, rng: random.Random) -> str:
    """A landline as written in notices: area code, a separator, the local number."""
    digits = local.replace(" ", "")
    if style in ("plain", "split", "dash", "dots", "spaced"):
        return f"{area}-{digits}"
    return render_digits(area, style, rng) + "-" + render_digits(digits, style, rng)


# ---- amounts ---------------------------------------------------------------------------

_CN_SMALL = ("", "一", "两", "三", "四", "五", "六", "七", "八", "九")


def _cn_wan(amount: int) -> str | None:
    """Chinese-numeral 万 amounts: 五万, 四万五, 两万五, 十万, 十二万 (None if not expressible)."""
    wan, rest = divmod(amount, 10000)
    if wan == 0 or rest % 1000 or wan > 99:
        return None
    if wan < 10:
        head = _CN_SMALL[wan]
    else:
        tens, ones = divmod(wan, 10)
        head = ("" if tens == 1 else _CN_SMALL[tens].replace("两", "二")) + "十"
        head += _CN_SMALL[ones].replace("两", "二") if ones else ""
    if rest == 0:
        return head + "万"
    return head + "万" + _CN_SMALL[rest // 1000].replace("两", "二")


def _wan_number(amount: int) -> str | None:
    """``amount`` in 万 with at most one decimal (45000 → "4.5"), or None."""
    if amount % 1000:
        return None
    wan, rest = divmod(amount, 10000)
    return f"{wan}" if rest == 0 else f"{wan}.{rest // 1000}"


PRICE_STYLES = ("wan", "w", "cn", "yuan", "yen", "kuai", "plain")


def render_cny(amount: int, style: str) -> str:
    """Write a yuan amount: 5万, 5w, 五万, 50000元, ¥50000, 5万块, 50000 (falls back to 元)."""
    if style in ("wan", "w", "kuai"):
        number = _wan_number(amount)
        if number is not None and amount >= 10000:
            suffix = {"wan": "万", "w": "w", "kuai": "万块"}[style]
            return number + suffix
    elif style == "cn":
        text = _cn_wan(amount)
        if text is not None:
            return text
    elif style == "yen":
        return f"¥{amount}"
    elif style == "plain":
        return str(amount)
    return f"{amount}元"


def render_bu(amount: int) -> str:
    """The sellers' price code 补 + amount in 万 ("补5" = 50,000), DOMAIN.md §2–3."""
    number = _wan_number(amount)
    return f"补{number}" if number is not None and amount >= 10000 else f"补{amount}"


def render_cny_range(low: int, high: int) -> str:
    """A price range in 万 ("3-5万", "3到5万"), both bounds whole 万."""
    return f"{low // 10000}-{high // 10000}万"


def render_usd(amount: int, rng: random.Random) -> str:
    """Dollar amounts as English posts write them: $3,000, $500, 3000 dollars."""
    roll = rng.random()
    if roll < 0.55:
        return f"${amount:,}"
    if roll < 0.8:
        return f"${amount}"
    return f"{amount} dollars"
