"""Digit de-obfuscation: digit-like characters and "digit runs".

Sellers hide contact numbers from keyword filters by writing digits in other scripts
(``一三八``, ``壹叁捌``, ``幺`` for 1, ``①``, ``❶``, full-width ``１``) and by breaking them up
(``138 1234 5678``, ``138🌸1234🌸5678``, ``1.3.8-1234*5678``). A *digit run* is a maximal
stretch of digit-like characters separated by at most a few non-word characters; the
identifier extractors decide what a run is (phone, QQ, bank card, or nothing).

Chinese numerals are also ordinary words (一条龙, 一个月, 三岁, 两万), so they count as digits
only inside a run of at least :data:`MIN_CHINESE_RUN` digit-like characters; shorter runs
keep only their Arabic digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Chinese numerals used as single digits. 幺/么 is the spoken "one" of phone numbers, 两/兩 "two".
CHINESE_DIGITS: dict[str, str] = {
    **dict(zip("零〇一二三四五六七八九", "00123456789", strict=True)),
    **dict(zip("壹贰叁肆伍陆柒捌玖", "123456789", strict=True)),
    "貳": "2",
    "參": "3",
    "陸": "6",
    "叄": "3",
    "幺": "1",
    "么": "1",
    "两": "2",
    "兩": "2",
    "拐": "7",  # the radio operator's "seven" (拐 for 七), as 幺 is their "one"
    "洞": "0",  # … and their "zero" (洞 for 零: "幺八六 洞洞二三")
    "勾": "9",  # … and "nine" (勾 for 九)
}


def _block(first: int, digits: str) -> dict[str, str]:
    return {chr(first + i): digit for i, digit in enumerate(digits)}


# Every non-Chinese digit-like character. NFKC already folds most of them to ASCII
# (full-width, ①…⑨, ⓪, superscripts, subscripts); the dingbat and double-circled digits
# have no compatibility decomposition, so they must be mapped here in any case.
OTHER_DIGITS: dict[str, str] = {
    **{str(d): str(d) for d in range(10)},
    **_block(0xFF10, "0123456789"),  # full-width ０…９
    **_block(0x2460, "123456789"),  # ①…⑨
    "⓪": "0",
    "⓿": "0",
    "🄋": "0",
    "🄌": "0",
    **_block(0x24F5, "123456789"),  # ⓵…⓽ double circled
    **_block(0x2776, "123456789"),  # ❶…❾ negative circled
    **_block(0x2780, "123456789"),  # ➀…➈ dingbat circled sans-serif
    **_block(0x278A, "123456789"),  # ➊…➒ dingbat negative circled sans-serif
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    **_block(0x2074, "456789"),  # ⁴…⁹
    **_block(0x2080, "0123456789"),  # ₀…₉
    **_block(0x1D7CE, "0123456789"),  # mathematical bold digits
}

DIGIT_VALUES: dict[str, str] = {**OTHER_DIGITS, **CHINESE_DIGITS}
MIN_CHINESE_RUN = 5
# Characters that never separate the parts of one number: sentence punctuation and line
# breaks end a run, so that "QQ 12345，电话 138…" gives two runs, not one.
_HARD_STOPS = "\n\r，,；;。、：:！!？?"
_MAX_GAP = 4  # emoji with a variation selector or a ZWJ sequence take several code points

_ALL_CLASS = "[" + "".join(re.escape(c) for c in DIGIT_VALUES) + "]"
_OTHER_CLASS = "[" + "".join(re.escape(c) for c in OTHER_DIGITS) + "]"
_SEP = "[^\\w" + re.escape(_HARD_STOPS) + "]"
_RUN = re.compile(f"{_ALL_CLASS}+(?:{_SEP}{{1,{_MAX_GAP}}}{_ALL_CLASS}+)*")
_OTHER_RUN = re.compile(f"{_OTHER_CLASS}+(?:{_SEP}{{1,{_MAX_GAP}}}{_OTHER_CLASS}+)*")
_ALL_GROUP = re.compile(f"{_ALL_CLASS}+")
_ANY_DIGIT = re.compile(_ALL_CLASS)
_CHINESE_DIGIT = re.compile("[" + "".join(CHINESE_DIGITS) + "]")
_DECODE = str.maketrans(DIGIT_VALUES)


@dataclass(frozen=True, slots=True)
class DigitRun:
    """A run of digit-like characters: decoded ``digits``, its ``groups`` as written
    (``"138 1234 5678"`` → ``("138", "1234", "5678")``) with each group's span, and the
    run's span in the searched text. Groups let callers split a run that holds two numbers."""

    digits: str
    groups: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    start: int
    end: int


def decode_digits(text: str) -> str:
    """The ASCII digits of ``text``: every digit-like character decoded, everything else dropped."""
    return "".join(ch for ch in text.translate(_DECODE) if "0" <= ch <= "9")


# Latin letters typed for digits, after lower-casing: "O" for 0, "l" and "I" for 1
# ("15O-8844-2731", "2l5-555-0l38", "08I2"). A token of digits and these letters holding at
# least one real digit is a number; so is a single such letter standing between two digits
# ("1 l 5 7 O 3 3"). Words ("oil", "lol") hold no digit and stay words.
_LOOKALIKES = str.maketrans("oli", "011")
# every such number has a digit right before a letter (or one symbol before it) or right
# after one; starting on the digit class keeps the scan at C speed
_LOOKALIKE_GATE = re.compile(r"[0-9](?:[^\w\n]?[oli]|(?<=[oli][0-9]))")
_LOOKALIKE_TOKEN = re.compile(
    r"(?<![a-z0-9_])[0-9oli]*(?:[0-9][oli]|[oli][0-9])[0-9oli]*(?![a-z0-9_])"
    r"|(?<=[0-9][^\w\n])[oli](?=[^\w\n][0-9])"
)


def unmask_lookalikes(text: str) -> str:
    """``text`` (lower case) with the letters typed for digits inside numbers read as those
    digits; same length, so spans found in the result are spans of ``text``."""
    if _LOOKALIKE_GATE.search(text) is None:
        return text
    return _LOOKALIKE_TOKEN.sub(lambda match: match.group().translate(_LOOKALIKES), text)


def has_digit_like(text: str) -> bool:
    """Cheap test used as a fast path: posts without any digit-like character skip digit work."""
    return _ANY_DIGIT.search(text) is not None


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _trim_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a short all-Chinese group glued to a word at either end of a run.

    "Q群号：319204766 一起" ends in "一", which starts the word 一起 ("together"), not the
    number; a group of fewer than three Chinese numerals touching another Han character
    is such a word.
    """
    groups = [m.span() for m in _ALL_GROUP.finditer(text, start, end)]

    def wordy(span: tuple[int, int]) -> bool:
        piece = text[span[0] : span[1]]
        return len(piece) < 3 and all(ch in CHINESE_DIGITS for ch in piece)

    while len(groups) > 1 and wordy(groups[-1]) and end < len(text) and _is_han(text[end]):
        groups.pop()
        end = groups[-1][1]
    while len(groups) > 1 and wordy(groups[0]) and start > 0 and _is_han(text[start - 1]):
        groups.pop(0)
        start = groups[0][0]
    return start, end


def _make_run(text: str, start: int, end: int) -> DigitRun:
    matches = list(_ALL_GROUP.finditer(text, start, end))
    # Every character of a group is digit-like, so translating it leaves digits only.
    groups = tuple(m.group().translate(_DECODE) for m in matches)
    return DigitRun("".join(groups), groups, tuple(m.span() for m in matches), start, end)


def find_digit_runs(
    text: str, min_chinese_run: int = MIN_CHINESE_RUN, min_digits: int = 1
) -> list[DigitRun]:
    """All digit runs of ``text`` with at least ``min_digits`` digits, in order, with spans
    into ``text`` itself.

    The digit tables cover full-width, circled, dingbat and traditional forms, so ``text`` may
    be the text as captured (spans are then original offsets) or the normalised text (map
    spans back with :meth:`NormalizedText.to_original`); both give the same runs.

    A run that contains a Chinese numeral but has fewer than ``min_chinese_run`` digits is
    re-read with Arabic-style digits only, so "一个月" gives nothing and "一 8" gives "8".
    """
    runs: list[DigitRun] = []
    for match in _RUN.finditer(text):
        start, end = match.span()
        if end - start < min_digits:
            continue
        chinese = _CHINESE_DIGIT.search(text, start, end) is not None
        if chinese:
            start, end = _trim_words(text, start, end)
        run = _make_run(text, start, end)
        if not chinese or len(run.digits) >= min_chinese_run:
            if len(run.digits) >= min_digits:
                runs.append(run)
            continue
        for sub in _OTHER_RUN.finditer(text, start, end):
            if sub.end() - sub.start() >= min_digits:
                short = _make_run(text, sub.start(), sub.end())
                if len(short.digits) >= min_digits:
                    runs.append(short)
    return runs


# English digit words, as posters spell a number out to slip past filters ("601 five five five
# 0138"); "oh" is how a 0 is read aloud.
DIGIT_WORDS: dict[str, str] = {
    **dict(
        zip(
            ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
            "0123456789",
            strict=True,
        )
    ),
    "oh": "0",
}
_WORD_ALT = "|".join(sorted(DIGIT_WORDS, key=len, reverse=True))
# Two digit words in a row: plain English almost never has them ("one two"), so this scan of
# literal alternatives (which re skips through at C speed) decides whether a text needs the
# word-by-word pass at all.
# Mixed with digits, one word next to a digit is enough ("2 one 6. 5 5 5"). Two patterns,
# each starting on literals or a class (one alternation with a digit branch is 8x slower).
_SPELLED_GATE = re.compile(f"(?:{_WORD_ALT})[ .,/\\-]{{1,3}}(?:(?:{_WORD_ALT})(?![a-z])|[0-9])")
_DIGIT_WORD_GATE = re.compile(f"[0-9][ .,/\\-]{{1,3}}(?:{_WORD_ALT})(?![a-z])")
_WORD_TOKEN = re.compile(r"[a-z0-9]+")
_WORD_GAP = re.compile(r"[ .,/\-()]{1,3}")
MIN_SPELLED_DIGITS = 7


def has_spelled_digits(text: str) -> bool:
    """Cheap test: could lower-case ``text`` hold a number spelled in English digit words?"""
    return _SPELLED_GATE.search(text) is not None or _DIGIT_WORD_GATE.search(text) is not None


def _spelled_token(token: str) -> str | None:
    return token if token.isdigit() else DIGIT_WORDS.get(token)


def find_spelled_runs(text: str) -> list[DigitRun]:
    """Numbers written partly or wholly in English digit words, in lower-case ``text``.

    A run is a sequence of digit groups and digit words separated by spaces, dots, dashes or
    brackets, holding at least two digit words in a row and :data:`MIN_SPELLED_DIGITS`
    digits. Consecutive words form one group ("601 five five five 0138" → 601, 555, 0138),
    so the layout checks of the phone reader see the number as it would be written; a number
    spelled wholly in words has one group per word.
    """
    runs: list[DigitRun] = []
    covered = 0
    gates = sorted(
        [(m.start(), m.end(), False) for m in _SPELLED_GATE.finditer(text)]
        + [(m.start(), m.end(), True) for m in _DIGIT_WORD_GATE.finditer(text)]
    )
    for start, end, digit_first in gates:
        if start < covered or (not digit_first and start > 0 and text[start - 1].isalnum()):
            continue  # "someone two" is not "one two"
        window = max(0, start - 40)
        tokens = [m for m in _WORD_TOKEN.finditer(text, window, end + 60)]
        # a digit gate starts on the last digit of its group: "601 five" starts at "1"
        first = next((i for i, m in enumerate(tokens) if m.start() <= start < m.end()), None)
        if first is None or (digit_first and not tokens[first].group().isdigit()):
            continue
        lo = hi = first
        while lo > 0 and _joined(text, tokens[lo - 1], tokens[lo]):
            lo -= 1
        while hi + 1 < len(tokens) and _joined(text, tokens[hi], tokens[hi + 1]):
            hi += 1
        run = _spelled_run(tokens[lo : hi + 1])
        if run is not None:
            runs.append(run)
            covered = run.end
    return runs


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    return (
        _spelled_token(left.group()) is not None
        and _spelled_token(right.group()) is not None
        and _WORD_GAP.fullmatch(text, left.end(), right.start()) is not None
    )


def _spelled_run(tokens: list[re.Match[str]]) -> DigitRun | None:
    groups: list[str] = []
    spans: list[tuple[int, int]] = []
    after_word = False
    for token in tokens:
        word = not token.group().isdigit()
        digits = _spelled_token(token.group()) or ""
        if word and after_word:
            groups[-1] += digits
            spans[-1] = (spans[-1][0], token.end())
        else:
            groups.append(digits)
            spans.append(token.span())
        after_word = word
    number = "".join(groups)
    if len(number) < MIN_SPELLED_DIGITS:
        return None
    if len(groups) == 1:  # all words: each word was written as a part of its own
        groups = [_spelled_token(token.group()) or "" for token in tokens]
        spans = [token.span() for token in tokens]
    return DigitRun(number, tuple(groups), tuple(spans), spans[0][0], spans[-1][1])
