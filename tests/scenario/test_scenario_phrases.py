"""The train and held-out phrase banks are disjoint and structurally complete."""

from __future__ import annotations

import re

from cradlewatch.scenario.phrasebank import (
    PHRASES_DIR,
    PLACEHOLDERS,
    categories,
    parse_phrase,
    raw_bank,
    variants,
)
from cradlewatch.scenario.world import world_data

_PUNCT = re.compile(r"[\s，。！!、,.;；:：~…\-]+")


def _phrases(split: str) -> set[str]:
    return {p for slots in raw_bank(split).values() for phrases in slots.values() for p in phrases}


def _key(phrase: str) -> str:
    """A phrase with punctuation and case removed, so near-copies count as copies."""
    return _PUNCT.sub("", phrase).lower()


def test_no_sentence_of_one_split_appears_in_the_others_files() -> None:
    train, heldout = _phrases("train"), _phrases("heldout")
    assert not train & heldout
    assert not {_key(p) for p in train} & {_key(p) for p in heldout}
    # Each whole sentence of one split must not occur in the other split's data files at all.
    for split, mine, other in (("train", train, "heldout"), ("heldout", heldout, "train")):
        other_text = "\n".join(path.read_text("utf-8") for path in (PHRASES_DIR / other).glob("*.yaml"))
        leaked = [p for p in mine if len("".join(parse_phrase(p)[0::2])) >= 6 and p in other_text]
        assert not leaked, f"{split} phrases found in {other}: {leaked[:5]}"


def test_both_splits_have_every_slot_the_recipes_use() -> None:
    for split in ("train", "heldout"):
        bank = raw_bank(split)
        for category in categories():
            for variant in variants(category.name):
                for slot, _ in variant.slots:
                    assert bank[category.name][slot], (split, category.name, slot)
        assert bank["demand"]["bid"], split
        assert bank["supply"]["child_unborn"], split


def test_splits_are_balanced_and_varied() -> None:
    train, heldout = raw_bank("train"), raw_bank("heldout")
    assert train.keys() == heldout.keys()
    for category, slots in train.items():
        assert slots.keys() == heldout[category].keys(), category
        for slot, phrases in slots.items():
            assert abs(len(phrases) - len(heldout[category][slot])) <= max(2, len(phrases) // 3), (category, slot)
    assert sum(len(p) for s in train.values() for p in s.values()) >= 500


def test_placeholders_are_known_and_literals_hold_no_values() -> None:
    """Values (numbers, places) only come from placeholders, so the truth can list them all."""
    for split in ("train", "heldout"):
        for phrase in _phrases(split):
            parts = parse_phrase(phrase)
            assert set(parts[1::2]) <= PLACEHOLDERS
            literal = "".join(parts[0::2])
            assert not re.search(r"\d", literal), phrase
            assert not any(name in literal for name in _place_names()), phrase
            assert not _CHILD_TERMS.search(literal), phrase  # children come from placeholders


_CHILD_TERMS = re.compile(r"男宝|女宝|男婴|女婴|男孩|女孩|儿子|女儿|大货|小货|\b(boys?|girls?|sons?|daughters?|newborns?)\b", re.I)


def _place_names() -> set[str]:
    names: set[str] = set()
    for group in world_data()["places"].values():
        for province, cities in group.items():
            names.update({province, province.removesuffix("省")[:2]})
            names.update(c for city in cities for c in (city, city.removesuffix("市")))
    return names
