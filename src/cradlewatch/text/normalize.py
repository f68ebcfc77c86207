"""Normalisation of captured text, with an exact map back to the text as captured.

Every extractor and the lexicon match on the *normalised* text (NFKC, traditional →
simplified, ASCII lower case) so that one pattern covers ``Ｑ Q q``, ``送養 送养`` and
``①  1``; but evidence must point into the post *as captured*
(``post[field][start:end] == evidence``). :class:`NormalizedText` therefore keeps, for each
normalised character, the span of original characters it came from.

Why chunk by chunk: NFKC changes length (``㎏`` → ``kg``, ``ﬁ`` → ``fi``, ``⑩`` → ``10``)
and composes combining marks, so normalising the whole string loses the alignment. We
normalise each "starter + following combining marks" chunk on its own, which is exact and
differs from whole-string NFKC only in exotic cases (e.g. Hangul jamo composition across a
chunk boundary), none of which matter for the posts we read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

_UPPER = re.compile("[A-Z]+")
# Blocks whose characters NFKC maps to exactly one other character (full-width forms,
# ideographic space, circled and super/subscript digits, CJK compatibility ideographs …).
_ONE_TO_ONE_BLOCKS = (
    (0x00A0, 0x0100),
    (0x2000, 0x20A0),
    (0x2100, 0x2150),
    (0x2460, 0x2500),
    (0x2F00, 0x2FE0),
    (0x3000, 0x3001),
    (0xF900, 0xFB00),
    (0xFE30, 0xFE70),
    (0xFF00, 0xFFF0),
)


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


_t2s: _Converter | None = None


def _converter() -> _Converter:
    """The OpenCC t2s converter, created once on first use (loading it costs milliseconds)."""
    global _t2s
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    return _t2s


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus the original and the offset map between them.

    ``starts[i]``/``ends[i]`` give the original span of normalised character ``i``; both
    are ``None`` when normalisation kept every character in place (the common case), so
    the map costs nothing for plain text.
    """

    text: str
    original: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to the smallest original span covering it.

        A span that cuts through the expansion of one original character (the ``f`` of
        ``ﬁ`` → ``fi``) widens to that whole character, so the result always slices the
        original cleanly.
        """
        if self.starts is None or self.ends is None:
            return start, end
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalised text of {len(self.text)}")
        if start == end:
            position = self.starts[start] if start < len(self.starts) else len(self.original)
            return position, position
        return self.starts[start], self.ends[end - 1]


@cache
def _one_to_one() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters NFKC replaces by one character, and a pattern that finds them."""
    table: dict[str, str] = {}
    for low, high in _ONE_TO_ONE_BLOCKS:
        for code in range(low, high):
            char = chr(code)
            out = unicodedata.normalize("NFKC", char)
            if out != char and len(out) == 1 and not unicodedata.combining(char):
                table[char] = out
    pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]")
    return pattern, table


@lru_cache(maxsize=8192)
def _nfkc_chunk(chunk: str) -> str:
    return unicodedata.normalize("NFKC", chunk)


def _nfkc_mapped(text: str) -> tuple[str, list[int], list[int]]:
    """NFKC chunk by chunk, recording each output character's original span."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    combining = unicodedata.combining
    length = len(text)
    i = 0
    while i < length:
        j = i + 1
        while j < length and combining(text[j]):
            j += 1
        out = _nfkc_chunk(text[i:j])
        pieces.append(out)
        starts.extend([i] * len(out))
        ends.extend([j] * len(out))
        i = j
    return "".join(pieces), starts, ends


def _t2s_aligned(text: str) -> str:
    """Traditional → simplified, keeping length; per character where a phrase changes length."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    convert = _converter().convert
    out = []
    for char in text:
        single = convert(char)
        out.append(single if len(single) == 1 else char)
    return "".join(out)


def _lower_ascii(text: str) -> str:
    if text.isascii():
        return text.lower()
    if _UPPER.search(text) is None:
        return text
    return _UPPER.sub(lambda match: match.group().lower(), text)


def normalize(text: str) -> NormalizedText:
    """NFKC, then OpenCC t2s, then ASCII lower-casing, with a map back to ``text``.

    Only ASCII letters are lower-cased: ``str.lower`` would also change length for a few
    characters (``İ``), and non-ASCII case matters to nothing we match.
    """
    if text.isascii():
        return NormalizedText(text.lower(), text)
    if unicodedata.is_normalized("NFKC", text):
        return NormalizedText(_lower_ascii(_t2s_aligned(text)), text)
    # Fast path: full-width punctuation and the like are replaced one for one, which keeps
    # every offset; only what is still not normal needs the chunk-by-chunk map.
    pattern, table = _one_to_one()
    replaced = pattern.sub(lambda match: table[match.group()], text)
    if unicodedata.is_normalized("NFKC", replaced):
        return NormalizedText(_lower_ascii(_t2s_aligned(replaced)), text)
    nfkc, starts, ends = _nfkc_mapped(text)
    normalised = _lower_ascii(_t2s_aligned(nfkc))
    return NormalizedText(normalised, text, tuple(starts), tuple(ends))
