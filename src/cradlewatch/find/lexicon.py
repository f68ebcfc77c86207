"""The indicator lexicon: loading ``data/lexicon.yaml`` and matching it against a post's text.

Why two views of the text: Chinese has no word boundaries and posts insert symbols between
characters to defeat keyword filters ("营.养.费", "送 养"), so Chinese terms are matched on the
text with every non-word character squeezed out. English terms need word boundaries, so they
are matched on the text with every run of non-word characters collapsed to one space. Both
views come from the same chunks of word characters, so a position in either maps back to the
normalised text and from there (through :class:`cradlewatch.text.NormalizedText`) to the text
as captured.

Homophone swaps ("营痒费", "送氧") are caught by adding, for every strong or medium Chinese money,
placement or role term,
the variants that replace one character with a common character of the same toneless pinyin,
unless the variant is itself an ordinary word of jieba's dictionary.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from cradlewatch.text.automaton import Utf8Automaton

STRENGTH_FACTOR = {"S": 1.0, "M": 0.9, "W": 0.8}
HOMOPHONE_FACTOR = 0.8  # a homophone variant is a little less certain than the term itself
# Where posts are known to swap homophones to defeat filters (DOMAIN.md §3): the money words
# and the placement verbs. Elsewhere a swapped character is more often another word.
HOMOPHONE_CATEGORIES = frozenset({"money", "placement", "role"})
_WORD_CHUNK = re.compile(r"\w+")
_NON_WORD = re.compile(r"\W")
# Punctuation that ends a clause or quotes a word: "诚心要，价格…" holds no 要价, and "「买」小孩"
# quotes a word rather than offering to buy. Symbols slipped inside words (营.养 费) are not here.
_HARD_BOUNDARY = re.compile('[，。！？；：、,;!?\n「」『』“”"()（）《》【】]')
_LATIN = re.compile(r"[a-z0-9]")
_ANY_LATIN = re.compile(r"[a-z]")
# Latin-only terms of the Chinese lexicon (CSZ, bb) need word boundaries: matched as English.
_LATIN_ONLY = re.compile(r"[a-z0-9 ]+")
# Emoji that stand for a lexicon word; the text views drop emoji, so they are looked up apart.
EMOJI_TERMS = {
    "👶": ("child_human", "baby emoji"),
    "👦": ("child_human", "boy emoji"),
    "👧": ("child_human", "girl emoji"),
    "🤰": ("unborn", "pregnant emoji"),
    "💰": ("money", "money emoji"),
    "💵": ("money", "money emoji"),
    "💴": ("money", "money emoji"),
    "🐱": ("pet", "cat emoji"),
    "🐶": ("pet", "dog emoji"),
    "🐰": ("pet", "rabbit emoji"),
}
_EMOJI = re.compile("|".join(EMOJI_TERMS))
# Words that, right before a positive term, negate it ("绝不卖孩子", "not for sale").
_ZH_NEGATION = re.compile(
    r"(?:禁止|严禁|拒绝|不要|不能|不会|不得|杜绝|谢绝|请勿|千万别|[不别勿没非禁拒唔冇])"
    r"(?:想着?|要|打算|愿意|去|能|会|再|考虑|是)?$"
)
# English splits its phrasal verbs around the child: "give her 4 month old up", "giving my son
# up for adoption". The automaton matches contiguous words only, so this one pattern is read
# apart; a person must stand between the two words ("give it up" is not about a child).
_GIVE_UP = re.compile(
    r"(?<![a-z])giv(?:e|ing) (?:her|him|my|our|their|the|this|your|them) (?:[a-z0-9]+ ){0,4}up(?![a-z])"
)
_EN_NEGATORS = frozenset(
    {"not", "no", "never", "don t", "won t", "isn t", "aren t", "nor", "dont", "wont", "didnt"}
)
# A verb between the negator and the term: "I don't want money", "we won't charge a fee".
_EN_NEGATED_VERBS = frozenset({"want", "need", "ask", "asking", "expect", "charge", "charging"})


@dataclass(frozen=True, slots=True)
class Term:
    """One lexicon entry (or a homophone variant of one)."""

    term: str
    category: str
    polarity: str  # "positive" or "negative"
    strength: str  # "S", "M" or "W"
    lang: str
    variant_of: str | None = None

    @property
    def factor(self) -> float:
        base = STRENGTH_FACTOR[self.strength]
        return base * HOMOPHONE_FACTOR if self.variant_of else base


# An automaton entry: the term, its key's length, whether it is Latin-only, whether negatable.
_Entry = tuple[Term, int, bool, bool]
GIVE_UP_TERM = Term("give … up", "placement", "positive", "M", "en")


@dataclass(slots=True)
class Match:
    """A lexicon term found in one field; ``start``/``end`` index the normalised text."""

    term: Term
    field: str
    start: int
    end: int


@dataclass(slots=True)
class TextViews:
    """The squeezed (Chinese) and spaced (English) views of a normalised text."""

    squeezed: str
    spaced: str
    _sq_starts: list[int]
    _sp_starts: list[int]
    _norm_starts: list[int]

    @classmethod
    def of(cls, normalised: str) -> TextViews:
        if normalised and _NON_WORD.search(normalised) is None:
            # one chunk of word characters (a short title, "送养男宝"): both views are the text
            return cls(normalised, normalised, [0], [0], [0])
        sq_starts: list[int] = []
        sp_starts: list[int] = []
        norm_starts: list[int] = []
        squeezed: list[str] = []
        chunks: list[str] = []
        sq = sp = 0
        previous_end = 0
        for chunk in _WORD_CHUNK.finditer(normalised):
            text = chunk.group()
            if squeezed and _HARD_BOUNDARY.search(normalised, previous_end, chunk.start()):
                squeezed.append("\n")  # no term runs across a sentence mark or a quote
                sq += 1
            sq_starts.append(sq)
            sp_starts.append(sp)
            norm_starts.append(chunk.start())
            squeezed.append(text)
            chunks.append(text)
            sq += len(text)
            sp += len(text) + 1
            previous_end = chunk.end()
        return cls("".join(squeezed), " ".join(chunks), sq_starts, sp_starts, norm_starts)

    def _to_norm(self, starts: list[int], pos: int) -> int:
        index = bisect.bisect_right(starts, pos) - 1
        return self._norm_starts[index] + (pos - starts[index])

    def squeezed_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the squeezed view to the normalised text."""
        return self._to_norm(self._sq_starts, start), self._to_norm(self._sq_starts, end - 1) + 1

    def spaced_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the spaced view to the normalised text."""
        return self._to_norm(self._sp_starts, start), self._to_norm(self._sp_starts, end - 1) + 1


def _squeeze_term(term: str) -> str:
    return "".join(_WORD_CHUNK.findall(term.lower()))


def _space_term(term: str) -> str:
    return " ".join(_WORD_CHUNK.findall(term.lower()))


@functools.lru_cache(maxsize=1)
def _homophone_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, str], frozenset[str]]:
    """Toneless pinyin per common character, characters per pinyin, and jieba's word list."""
    from pypinyin import lazy_pinyin

    common = []
    for hi in range(0xB0, 0xD8):  # GB2312 level-1 characters: the common ones
        for lo in range(0xA1, 0xFF):
            try:
                common.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    readings = lazy_pinyin(common)
    by_pinyin: dict[str, list[str]] = {}
    pinyin_of: dict[str, str] = {}
    for char, reading in zip(common, readings, strict=True):
        pinyin_of[char] = reading
        by_pinyin.setdefault(reading, []).append(char)
    words: set[str] = set()
    try:
        with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as handle:
            for line in handle:
                word, _, rest = line.partition(" ")
                freq = rest.split(" ", 1)[0]
                if len(word) >= 2 and freq.isdigit() and int(freq) >= 3:
                    words.add(word)
    except (FileNotFoundError, ModuleNotFoundError):  # the variants are still useful without it
        pass
    return {k: tuple(v) for k, v in by_pinyin.items()}, pinyin_of, frozenset(words)


def homophone_variants(term: str) -> Iterator[str]:
    """Variants of ``term`` with one character swapped for a common same-sounding one."""
    by_pinyin, pinyin_of, words = _homophone_tables()
    for i, char in enumerate(term):
        reading = pinyin_of.get(char)
        if reading is None:
            continue
        for other in by_pinyin.get(reading, ()):
            if other == char:
                continue
            variant = term[:i] + other + term[i + 1 :]
            if variant not in words:
                yield variant


class Lexicon:
    """The compiled lexicon: two Aho-Corasick automata over the two text views."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version: str = str(data["version"])
        self.categories: dict[str, dict[str, Any]] = data["categories"]
        # Negation drops positive terms ("绝不卖孩子"), pet words ("不是猫不是狗，是人类幼崽")
        # and jokes ("lol not joking"), not the other contexts, whose own wording is full of
        # negators ("严禁", "不要相信").
        self.negatable = frozenset(
            name for name, spec in self.categories.items() if spec["polarity"] == "positive"
        ) | {"pet", "fandom"}
        self.terms: list[Term] = []
        # Terms that match exactly as an earlier one does (the same words in another category
        # or strength, or "tip-off" beside "tip off"): the earlier one wins, so these never fire.
        self.shadowed: list[Term] = []
        self._zh: Utf8Automaton[_Entry] = Utf8Automaton()  # Chinese: see its docstring
        self._en = ahocorasick.Automaton()
        zh_terms: dict[str, Term] = {}
        for name, spec in self.categories.items():
            for lang in ("zh", "en"):
                for strength, words in (spec.get(lang) or {}).items():
                    for word in words:
                        term = Term(str(word), name, spec["polarity"], strength, lang)
                        self.terms.append(term)
                        if lang == "zh" and not _LATIN_ONLY.fullmatch(term.term.lower()):
                            key = _squeeze_term(term.term)
                            if key in zh_terms:
                                self.shadowed.append(term)
                            else:
                                zh_terms[key] = term
                        else:
                            key = _space_term(term.term)
                            if self._en.exists(key):
                                self.shadowed.append(term)
                            else:
                                self._en.add_word(key, self._entry(key, term))
        for key, term in zh_terms.items():
            self._zh.add_word(key, self._entry(key, term))
        for key, term in list(zh_terms.items()):
            if term.category not in HOMOPHONE_CATEGORIES or len(key) < 2 or _LATIN.search(key):
                continue
            for variant in homophone_variants(key):
                if variant not in zh_terms and not self._zh.exists(variant):
                    swapped = Term(
                        variant, term.category, term.polarity, term.strength, "zh", term.term
                    )
                    self._zh.add_word(variant, self._entry(variant, swapped))
        self._zh.make_automaton()
        self._en.make_automaton()
        # "baby walker", "baby cot": the goods the commerce context names after "baby"
        self._baby_goods = frozenset(
            term.term.lower().split(" ", 1)[1]
            for term in self.terms
            if term.lang == "en"
            and term.category == "commerce"
            and term.term.lower().startswith("baby ")
            and " " not in term.term.lower().split(" ", 1)[1]
        )

    def _entry(self, key: str, term: Term) -> _Entry:
        """What the automaton returns for a key: the term and what matching asks of it, worked
        out once here rather than at every hit."""
        return term, len(key), bool(_LATIN.match(term.term)), term.category in self.negatable

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> Lexicon:
        """The lexicon shipped with the package (compiled once per process)."""
        text = resources.files("cradlewatch.find").joinpath("data/lexicon.yaml").read_text("utf-8")
        return cls(yaml.safe_load(text))

    def _goods_follow(self, term: Term, view: str, end: int) -> bool:
        """A positive term that ends in "baby" followed by the goods of a "baby X" commerce term
        ("selling a baby" + "walker"): the phrase sells the goods, and as the longer match it
        would otherwise hide them."""
        if not term.term.endswith(("baby", "babies")) or not view.startswith(" ", end):
            return False
        following = view[end + 1 :].split(" ", 1)[0]
        return following in self._baby_goods

    def match(self, normalised: str, field: str) -> list[Match]:
        """All non-overlapping, non-negated term matches in one normalised field.

        Overlaps are resolved longest first, so "不通过民政局" is the avoidance term and not the
        legal-adoption institution inside it, and "收养证" is not the verb "收养".
        """
        views = TextViews.of(normalised)
        found: list[Match] = []
        sq = views.squeezed
        for end, (term, length, latin, negatable) in self._zh.iter(sq):
            start = end - length + 1
            if latin and _latin_neighbour(sq, start, end + 1):
                continue
            if negatable and _zh_negated(sq, start):
                continue
            s, e = views.squeezed_span(start, end + 1)
            found.append(Match(term, field, s, e))
        sp = views.spaced if _ANY_LATIN.search(normalised) else ""
        for end, (term, length, _, negatable) in self._en.iter(sp):
            start = end - length + 1
            if _latin_neighbour(sp, start, end + 1):
                continue
            if negatable and (_en_negated(sp, start) or sp.startswith(" s ", end + 1)):
                continue  # negated, or possessive: "selling my son's old Xbox"
            if negatable and self._goods_follow(term, sp, end + 1):
                continue  # "selling a baby walker": the walker is for sale
            s, e = views.spaced_span(start, end + 1)
            found.append(Match(term, field, s, e))
        if sp:
            for phrase in _GIVE_UP.finditer(sp):
                if not _en_negated(sp, phrase.start()):
                    s, e = views.spaced_span(phrase.start(), phrase.end())
                    found.append(Match(GIVE_UP_TERM, field, s, e))
        for emoji in _EMOJI.finditer(normalised):
            index, char = emoji.start(), emoji.group()
            if char in EMOJI_TERMS:
                category, gloss = EMOJI_TERMS[char]
                polarity = self.categories[category]["polarity"]
                term = Term(gloss, category, polarity, "W", "emoji")
                found.append(Match(term, field, index, index + 1))
        return _longest_first(found)


def _latin_neighbour(view: str, start: int, end: int) -> bool:
    """True when the match is glued to another latin letter or digit (part of a longer word)."""
    before = view[start - 1] if start > 0 else " "
    after = view[end] if end < len(view) else " "
    return bool(_LATIN.match(before) or _LATIN.match(after))


def _zh_negated(view: str, start: int) -> bool:
    """A negator right before the term, or before a modal verb right before it (别想着送人)."""
    return _ZH_NEGATION.search(view, max(0, start - 6), start) is not None


def _en_negated(view: str, start: int) -> bool:
    before = view[max(0, start - 20) : start].strip().split(" ")
    if len(before) > 2 and before[-1] in _EN_NEGATED_VERBS:
        before = before[:-1]
    last = before[-1] if before else ""
    last_two = " ".join(before[-2:])
    return last in _EN_NEGATORS or last_two in _EN_NEGATORS


def _longest_first(matches: list[Match]) -> list[Match]:
    if len(matches) < 2:
        return matches
    matches.sort(key=lambda m: (m.start - m.end, m.start))
    taken = bytearray(max(m.end for m in matches))
    kept: list[Match] = []
    for m in matches:
        if taken.find(1, m.start, m.end) == -1:  # nothing kept overlaps it
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept
