"""Phrase banks and composition recipes, loaded from the YAML files next to this module.

Every phrase bank is split into two disjoint halves (``phrases/train`` and ``phrases/heldout``)
so that a detector tuned on one half can be measured on phrasings it has never seen: a model
that memorises templates must fail on the held-out split. ``all`` merges both halves.
Phrases are parsed once into literal parts and ``{placeholder}`` names, so rendering a post is
only list work (the generator must reach tens of thousands of posts per second).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cradlewatch.errors import UsageError

SPLITS = ("train", "heldout")
TEMPLATE_CHOICES = ("train", "heldout", "all")
PHRASES_DIR = Path(__file__).with_name("phrases")
_PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)\}")

# Placeholders the renderer knows; a phrase using any other name is a data error.
PLACEHOLDERS = frozenset({
    "child", "boy", "girl", "want", "price", "price_boy", "price_girl", "range", "fee",
    "reward", "usd", "usd_fee", "place", "place2", "contact", "qq", "wechat", "phone", "group",
    "url", "email", "site", "pet", "hotline", "police", "hospital", "pet_group",
    "welfare_group", "scam_line", "boy_goods", "girl_goods", "admin",
    "bu", "bu_boy",
})

# A parsed phrase: literal text at even positions, placeholder names at odd positions.
Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Category:
    """One kind of post: its language, label, writer and how its values are drawn."""

    name: str
    lang: str
    verdict: str
    hard_negative: bool
    weight: float
    role: str
    child: str
    price: str


@dataclass(frozen=True, slots=True)
class Variant:
    """A template family: an ordered list of (slot, probability) with optional shuffling."""

    template: str
    slots: tuple[tuple[str, float], ...]
    shuffle: bool


def parse_phrase(text: str) -> Phrase:
    """Split a phrase into literal parts and placeholder names, checking the names."""
    parts = tuple(_PLACEHOLDER.split(text))
    for name in parts[1::2]:
        if name not in PLACEHOLDERS:
            raise ValueError(f"unknown placeholder {{{name}}} in phrase {text!r}")
    return parts


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise TypeError(f"{path}: expected a mapping of categories")
    return data


@cache
def raw_bank(split: str) -> dict[str, dict[str, list[str]]]:
    """The phrase texts of one split: category → slot → phrases (merged over its files)."""
    bank: dict[str, dict[str, list[str]]] = {}
    for path in sorted((PHRASES_DIR / split).glob("*.yaml")):
        for category, slots in _read_yaml(path).items():
            for slot, phrases in slots.items():
                bank.setdefault(category, {}).setdefault(slot, []).extend(phrases)
    return bank


@cache
def phrase_bank(templates: str) -> dict[tuple[str, str], tuple[Phrase, ...]]:
    """Parsed phrases for ``templates`` (train, heldout or all), keyed by (category, slot)."""
    if templates not in TEMPLATE_CHOICES:
        raise UsageError(f"--templates: expected one of {', '.join(TEMPLATE_CHOICES)}, got {templates!r}")
    splits = SPLITS if templates == "all" else (templates,)
    merged: dict[tuple[str, str], list[Phrase]] = {}
    for split in splits:
        for category, slots in raw_bank(split).items():
            for slot, phrases in slots.items():
                merged.setdefault((category, slot), []).extend(parse_phrase(p) for p in phrases)
    return {key: tuple(value) for key, value in merged.items()}


@cache
def recipes() -> dict[str, Any]:
    """The composition recipes and small vocabularies of ``recipes.yaml``."""
    return _read_yaml(Path(__file__).with_name("recipes.yaml"))


@cache
def categories() -> tuple[Category, ...]:
    data = recipes()["categories"]
    return tuple(Category(name=name, **spec) for name, spec in data.items())


@cache
def variants(category: str) -> tuple[Variant, ...]:
    """The template families of a category (``reply`` is the bid under a supply thread)."""
    out = []
    for name, spec in recipes()["variants"][category].items():
        slots = tuple((slot, float(prob)) for slot, prob in spec["slots"])
        out.append(Variant(f"{category}.{name}", slots, bool(spec["shuffle"])))
    return tuple(out)
