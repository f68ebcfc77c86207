"""Chinese (and mixed Chinese/Arabic) number words → integers.

Used for amounts (两万五 → 25000, 三万五千 → 35000, 3万5 → 35000) and small counts in ages
(十二个月, 两岁). Our own parser rather than cn2an because posts mix scripts inside one number
("3万5") and use the colloquial elided last unit ("两万五" means 25000, not 20005), which
cn2an's strict mode rejects; the grammar is small enough to get exactly right here.
"""

from __future__ import annotations

from cradlewatch.text.digits import CHINESE_DIGITS

_DIGITS: dict[str, int] = {ch: int(d) for ch, d in CHINESE_DIGITS.items()}
_DIGITS.update({str(d): d for d in range(10)})
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
NUMERAL_CHARS = frozenset(_DIGITS) | frozenset(_SMALL_UNITS) | frozenset(_BIG_UNITS)


def parse_chinese_number(text: str) -> int | None:
    """The value of a number written with Chinese numerals and/or Arabic digits, or None.

    A trailing digit after a unit, with no unit of its own, is read one unit lower, as
    people say it: 两万五 = 25000, 三百五 = 350, 一千二 = 1200; a 零 cancels that reading
    (一百零五 = 105). Digits in sequence concatenate (二〇一四 = 2014, 35万 = 350000).
    """
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    total = 0
    section = 0
    digit: int | None = None
    last_unit = 1
    for ch in text:
        if ch in _DIGITS:
            value = _DIGITS[ch]
            if ch in "零〇" and digit is None and (section or total):
                last_unit = 1
                continue
            digit = value if digit is None else digit * 10 + value
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        else:
            big = _BIG_UNITS[ch]
            if digit is None and section == 0 and total == 0:
                return None
            total += (section + (digit or 0)) * big
            section = 0
            digit = None
            last_unit = big
    if digit is not None:
        section += digit * (last_unit // 10) if last_unit > 1 and digit < 10 else digit
    return total + section
