"""Fast scanning for patterns that are alternations of many phrases.

CPython's ``re`` skips quickly through text only when a pattern starts with a literal or
a plain character class; an alternation whose branches start with groups or look-behinds
is retried at every position (~0.2 µs each), which costs more than the rest of the
extraction together. :class:`PrefilteredPattern` pairs such a pattern with the set of
characters any match can start with: a C-speed class search finds candidate positions and
a pattern is tried only there. Built from branches, it also dispatches on the candidate
character, so only the branches that can start with it are tried.

The result is ``pattern.finditer(text)`` without empty matches and without matches that
start inside a run of ASCII letters or digits (whole words and whole numbers only),
provided the first characters are complete; the tests check this on random text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")


def _gate(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One search for any gate word; an alternation of literals is scanned at C speed."""
    return re.compile("|".join(re.escape(word) for word in words)) if words else None


def _class(chars: str) -> re.Pattern[str]:
    """Candidate starts: one of ``chars``, but never inside a run of ASCII letters or digits.

    The class comes first so that ``re`` skips to candidates at C speed; the look-behind then
    drops the middle of words and numbers ("boy" in "cowboy", "3天" in "123天") in C as well.
    """
    if not chars:
        return re.compile("(?!)")  # no candidate at all (every match starts with a letter)
    members = "".join(re.escape(ch) for ch in sorted(set(chars)))
    return re.compile(f"[{members}](?<![a-z0-9][a-z0-9])")


@dataclass(frozen=True, slots=True)
class PrefilteredPattern:
    """Candidate positions from ``first``; at each, the pattern for that character.

    ``pattern`` is the whole alternation, kept as the reference the fast path must agree with.
    ``gate``: words of which every match that starts with a Latin letter contains one; when
    a text holds none of them, Latin letters are not even candidates (English text is full
    of word starts, and most patterns have only a few English branches).
    """

    pattern: re.Pattern[str]
    first: re.Pattern[str]
    first_without_latin: re.Pattern[str]
    by_char: dict[str, re.Pattern[str]]
    gate: re.Pattern[str] | None = None

    @classmethod
    def compile(
        cls, pattern: str, first_chars: str, gate: tuple[str, ...] = ()
    ) -> PrefilteredPattern:
        """One pattern whose matches can only start with one of ``first_chars``."""
        compiled = re.compile(pattern)
        return cls(
            compiled,
            _class(first_chars),
            _class("".join(ch for ch in first_chars if ch not in _LATIN)),
            dict.fromkeys(first_chars, compiled),
            _gate(gate),
        )

    @classmethod
    def from_branches(
        cls, branches: list[tuple[str, str]], gate: tuple[str, ...] = ()
    ) -> PrefilteredPattern:
        """Ordered ``(first_chars, regex)`` branches of one alternation; earlier branches win.

        Group names must be unique across branches (each character's pattern holds a subset).
        """
        chars = "".join(first for first, _ in branches)
        by_char: dict[str, re.Pattern[str]] = {}
        cache: dict[tuple[int, ...], re.Pattern[str]] = {}
        for char in set(chars):
            chosen = tuple(i for i, (first, _) in enumerate(branches) if char in first)
            if chosen not in cache:
                cache[chosen] = re.compile("|".join(f"(?:{branches[i][1]})" for i in chosen))
            by_char[char] = cache[chosen]
        whole = re.compile("|".join(f"(?:{regex})" for _, regex in branches))
        without_latin = "".join(ch for ch in chars if ch not in _LATIN)
        return cls(whole, _class(chars), _class(without_latin), by_char, _gate(gate))

    def _first(self, text: str) -> re.Pattern[str]:
        if self.gate is None or self.gate.search(text) is not None:
            return self.first
        return self.first_without_latin

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The leftmost match in ``text[pos:endpos]``, as ``pattern.search`` would find it."""
        end = len(text) if endpos is None else endpos
        search = self._first(text).search
        by_char = self.by_char
        while pos < end:
            hit = search(text, pos, end)
            if hit is None:
                return None
            start = hit.start()
            match = by_char[text[start]].match(text, start, end)
            if match is not None:
                return match
            pos = start + 1
        return None

    def finditer(self, text: str, skip: Sequence[tuple[int, int]] = ()) -> Iterator[re.Match[str]]:
        """Non-overlapping non-empty matches, left to right, as ``pattern.finditer`` gives them.

        No match starts inside a ``skip`` span (sorted, non-overlapping): callers pass the
        identifiers already found, so that a phone number written in Chinese numerals is not
        eleven candidates for an age or a price.
        """
        search = self._first(text).search
        by_char = self.by_char
        pos = 0
        next_skip = 0
        while True:
            hit = search(text, pos)
            if hit is None:
                return
            start = hit.start()
            while next_skip < len(skip) and skip[next_skip][1] <= start:
                next_skip += 1
            if next_skip < len(skip) and skip[next_skip][0] <= start:
                pos = skip[next_skip][1]
                continue
            match = by_char[text[start]].match(text, start)
            if match is None or match.end() == start:
                pos = start + 1
            else:
                yield match
                pos = match.end()
