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
from functools import cache
from importlib import resources

import phonenumbers
import yaml

_TOKEN = re.compile(r"[a-z]+[$₵]?")
_PLUS_CODE = re.compile(r"\+\s?(\d{1,3})")
_HAN = re.compile("[\u4e00-\u9fff]")
_CALLING_CODE_WEIGHT = 3  # a "+234" elsewhere in the post says more than one place name


@cache
def _table() -> tuple[
    dict[str, str], dict[str, str], dict[str, str], re.Pattern[str] | None, dict[str, str]
]:
    """(Latin word → region, lang → region, region → currency, pattern of the other cue
    words, other cue word → region)."""
    text = resources.files(__package__).joinpath("regions.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)["regions"]
    latin: dict[str, str] = {}
    other: dict[str, str] = {}
    langs: dict[str, str] = {}
    currency: dict[str, str] = {}
    for region, entry in data.items():
        currency[region] = str(entry["currency"])
        for lang in entry.get("lang") or []:
            langs[str(lang)] = region
        for word in entry.get("words") or []:
            word = str(word)
            if _TOKEN.fullmatch(word.replace(" ", "")) and word[0].isascii():
                latin[word] = region
            else:
                other[word] = region
    ordered = sorted(other, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
    return latin, langs, currency, pattern, other


def known_regions() -> tuple[str, ...]:
    """Every region ``regions.yaml`` describes, in file order."""
    return tuple(_table()[2])


def region_currency(region: str) -> str | None:
    """The currency of bare amounts in a post from ``region`` (``NG`` → ``NGN``)."""
    return _table()[2].get(region)


def _calling_code_region(digits: str) -> str | None:
    for size in (1, 2, 3):
        codes = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:size]))
        if codes:
            return codes[0] if codes[0] != "001" else None
    return None


def post_regions(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The regions a normalised ``text`` names, most cues first (ties in order of first cue).

    Latin words match whole (``kl`` is not inside ``kleenex``), two-word names as
    consecutive words (``hong kong``); signs and Chinese words match anywhere.
    """
    latin, langs, _, pattern, other = _table()
    counts: dict[str, int] = {}

    def add(region: str | None, weight: int = 1) -> None:
        if region is not None and region in _table()[2]:
            counts[region] = counts.get(region, 0) + weight

    if lang:
        add(langs.get(lang.lower().split("-")[0]), _CALLING_CODE_WEIGHT)
    previous = ""
    for token in _TOKEN.findall(text):
        add(latin.get(token))
        if previous:
            add(latin.get(f"{previous} {token}"))
        previous = token
    if pattern is not None:
        for match in pattern.finditer(text):
            add(other[match.group()])
    for match in _PLUS_CODE.finditer(text):
        add(_calling_code_region(match.group(1)), _CALLING_CODE_WEIGHT)
    first = {region: i for i, region in enumerate(counts)}
    return tuple(sorted(counts, key=lambda region: (-counts[region], first[region])))


def has_han(text: str) -> bool:
    """Chinese text: its bare numbers follow the Chinese plans and its bare amounts are yuan
    unless it names somewhere else (香港, 台北 …)."""
    return _HAN.search(text) is not None
