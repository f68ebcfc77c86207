"""Toneless pinyin keys, to match homophone swaps (薇信/威信 for 微信, 扣扣 for QQ-ish cues).

Sellers replace a filtered word by characters that sound the same; comparing pinyin keys
catches every such swap at once instead of listing each variant.
"""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from cradlewatch.text.normalize import normalize


@lru_cache(maxsize=65536)
def pinyin_key(text: str) -> str:
    """Space-joined toneless pinyin of ``text`` after normalisation; non-Han text passes through.

    >>> pinyin_key("薇信") == pinyin_key("微信") == "wei xin"
    True
    """
    return " ".join(lazy_pinyin(normalize(text).text, style=Style.NORMAL))
