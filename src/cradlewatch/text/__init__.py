"""Text normalisation shared by every capability: NFKC, traditional → simplified, lower case,
digit de-obfuscation and pinyin keys, always with offsets back to the text as captured."""

from cradlewatch.text.digits import (
    DIGIT_VALUES,
    DigitRun,
    decode_digits,
    find_digit_runs,
    has_digit_like,
)
from cradlewatch.text.normalize import NormalizedText, normalize
from cradlewatch.text.numerals import parse_chinese_number
from cradlewatch.text.pinyin import pinyin_key
from cradlewatch.text.scan import PrefilteredPattern

__all__ = [
    "DIGIT_VALUES",
    "DigitRun",
    "NormalizedText",
    "PrefilteredPattern",
    "decode_digits",
    "find_digit_runs",
    "has_digit_like",
    "normalize",
    "parse_chinese_number",
    "pinyin_key",
]
