"""The byte automaton finds exactly what a character automaton finds, in the same order."""

from __future__ import annotations

import random

import ahocorasick

from cradlewatch.text.automaton import Utf8Automaton

KEYS = ["送养", "送", "养", "营养费", "养费", "b超", "宝宝", "宝", "a", "ab", "😀宝", "é"]
ALPHABET = "送养营费宝超小孩的 ,abé😀\n\ud800"


def test_same_matches_as_the_character_automaton() -> None:
    chars, utf8 = ahocorasick.Automaton(), Utf8Automaton[str]()
    for key in KEYS:
        chars.add_word(key, key)
        utf8.add_word(key, key)
    chars.make_automaton()
    utf8.make_automaton()
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 30)))
        assert utf8.iter(text) == list(chars.iter(text)), text
    assert utf8.exists("营养费") and not utf8.exists("营养")
