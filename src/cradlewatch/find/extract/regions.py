"""Where a post is written from, read off the post: which numbering plan its phone numbers
follow and which currency its bare amounts are in.

"Text 07700 900417" is a UK mobile, "WA 0803 000 0194" a Nigerian one, "Whatsapp 9000 0147" a
Singapore one; none of them carries a country code, and read under the default plan they are
nothing (or, worse, a Chinese landline). Posters do say where they are, though: in currency
signs (₦, ₱, RM, £, HK$), place names (Lagos, Cebu, Petaling Jaya, 板桥), words of the local
register (abeg, lah, written Cantonese 佢/唔/嘅), country codes of other numbers in the post,
and the post's ``lang``. :func:`post_regions` counts these cues (``regions.yaml``) and orders
the regions by them, so that the extractors try the likeliest plans first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import phonenumbers
import yaml

_TOKEN = re.compile(r"[a-z]+[$₵]?")
_LATIN = re.compile("[a-z]")
# a calling code only where a phone number follows it (six more digits): "满月+10天" is no +1
_PLUS_CODE = re.compile(r"\+\s?(\d{1,3})(?=(?:[\s\-.()]*\d){6})")
_HAN = re.compile("[\u4e00-\u9fff]")
_STRONG = 3  # a "+234" elsewhere in the post, or its lang, says more than one place name


@dataclass(frozen=True, slots=True)
class _Cues:
    words: dict[str, str]  # one Latin word → region
    phrases: dict[str, list[tuple[str, str]]]  # first word → [(words, region)] ("hong kong")
    others: dict[str, str]  # signs and Chinese words → region
    others_pattern: re.Pattern[str] | None
    langs: dict[str, str]
    currencies: dict[str, str]  # region → currency of its bare amounts


@cache
def _cues() -> _Cues:
    text = resources.files(__package__).joinpath("regions.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)["regions"]
    cues = _Cues({}, {}, {}, None, {}, {})
    for region, entry in data.items():
        cues.currencies[region] = str(entry["currency"])
        for lang in entry.get("lang") or []:
            cues.langs[str(lang)] = region
        for word in map(str, entry.get("words") or []):
            if _TOKEN.fullmatch(word):
                cues.words[word] = region
            elif word[0].isascii() and _TOKEN.fullmatch(word.replace(" ", "")):
                cues.phrases.setdefault(word.split()[0], []).append((word, region))
            else:
                cues.others[word] = region
    ordered = sorted(cues.others, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
    return _Cues(cues.words, cues.phrases, cues.others, pattern, cues.langs, cues.currencies)


def known_regions() -> tuple[str, ...]:
    """Every region ``regions.yaml`` describes, in file order."""
    return tuple(_cues().currencies)


def region_currency(region: str) -> str | None:
    """The currency of bare amounts in a post from ``region`` (``NG`` → ``NGN``)."""
    return _cues().currencies.get(region)


def _calling_code_region(digits: str) -> str | None:
    for size in (1, 2, 3):
        codes = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:size]))
        if codes:
            return codes[0] if codes[0] != "001" else None
    return None


@lru_cache(maxsize=64)
def post_regions(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The regions a normalised ``text`` names, most cues first (ties in order of first cue).

    Latin words match whole (``kl`` is not inside ``kleenex``), names of several words as
    consecutive words (``hong kong``); signs and Chinese words match anywhere. Cached for the
    last few texts: the phone and the price extractors of one post both ask.
    """
    cues = _cues()
    found: list[str] = []
    if lang:
        region = cues.langs.get(lang.lower().split("-")[0])
        if region is not None:
            found.extend([region] * _STRONG)
    if _LATIN.search(text) is not None:
        tokens = _TOKEN.findall(text)
        words, phrases = cues.words, cues.phrases
        for i, token in enumerate(tokens):
            region = words.get(token)
            if region is not None:
                found.append(region)
            for phrase, phrase_region in phrases.get(token, ()):
                if " ".join(tokens[i : i + phrase.count(" ") + 1]) == phrase:
                    found.append(phrase_region)
    if cues.others_pattern is not None:
        found.extend(cues.others[m] for m in cues.others_pattern.findall(text))
    if "+" in text:
        for match in _PLUS_CODE.finditer(text):
            region = _calling_code_region(match.group(1))
            if region in cues.currencies:
                found.extend([region] * _STRONG)
    if not found:
        return ()
    if len(found) == 1:
        return (found[0],)
    counts: dict[str, int] = {}
    for region in found:
        counts[region] = counts.get(region, 0) + 1
    # dicts keep insertion order: ties stay in order of first cue
    return tuple(sorted(counts, key=counts.__getitem__, reverse=True))


def han_regions(text: str) -> tuple[str, ...]:
    """The regions a Chinese text names by its signs and Chinese words only (香港, 台北, 佢):
    the cheap subset of :func:`post_regions` that decides the currency of its amounts."""
    cues = _cues()
    if cues.others_pattern is None:
        return ()
    found = [cues.others[m] for m in cues.others_pattern.findall(text)]
    if len(found) < 2:
        return tuple(found)
    counts: dict[str, int] = {}
    for region in found:
        counts[region] = counts.get(region, 0) + 1
    return tuple(sorted(counts, key=counts.__getitem__, reverse=True))


def has_han(text: str) -> bool:
    """Chinese text: its bare numbers follow the Chinese plans and its bare amounts are yuan
    unless it names somewhere else (香港, 台北 …)."""
    return _HAN.search(text) is not None
