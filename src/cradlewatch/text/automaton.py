"""An Aho-Corasick automaton for Chinese keys that runs over UTF-8 bytes.

Why bytes: pyahocorasick finds a node's transition by a linear search among the node's
children. Over characters, the root of a Chinese automaton has one child per distinct first
character (about 1,400 in the lexicon with its homophone variants), and every character of a
post that continues no match falls back to the root and scans them all: about 250 ns a
character, the most expensive step of the lexicon match. Over UTF-8 bytes no node has more
than a few dozen children, and the three lookups of a Chinese character cost a third of the
one lookup before.

The pyahocorasick wheel is built for ``str`` keys, so bytes travel as latin-1 strings (one
character per byte). UTF-8 is self-synchronising: a key's bytes can only match at character
boundaries of the text, so the matches are exactly those of the character automaton, in the
same order, and their ends map back to character positions.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import ahocorasick

V = TypeVar("V")


def _as_bytes(text: str) -> str:
    """``text``'s UTF-8 bytes as a latin-1 string (ASCII text is its own encoding)."""
    return text if text.isascii() else text.encode("utf-8", "surrogatepass").decode("latin-1")


class Utf8Automaton(Generic[V]):
    """The part of ``ahocorasick.Automaton`` Find uses, keyed and searched on UTF-8 bytes."""

    def __init__(self) -> None:
        self._automaton: Any = ahocorasick.Automaton()

    def add_word(self, key: str, value: V) -> None:
        self._automaton.add_word(_as_bytes(key), value)

    def exists(self, key: str) -> bool:
        return bool(self._automaton.exists(_as_bytes(key)))

    def make_automaton(self) -> None:
        self._automaton.make_automaton()

    def iter(self, text: str) -> list[tuple[int, V]]:
        """``(index of the match's last character, value)`` for every match, overlapping
        ones included, in the order of ``Automaton.iter`` (by end, longest first)."""
        if text.isascii():
            return list(self._automaton.iter(text))
        data = text.encode("utf-8", "surrogatepass")  # a lone surrogate is 3 bytes too
        found: list[tuple[int, V]] = []
        byte_end = char_end = 0  # a character boundary and its character index
        for last, value in self._automaton.iter(data.decode("latin-1")):
            # a match ends on a character boundary: decode only the bytes since the last one
            char_end += len(data[byte_end : last + 1].decode("utf-8", "surrogatepass"))
            byte_end = last + 1
            found.append((char_end - 1, value))
        return found
