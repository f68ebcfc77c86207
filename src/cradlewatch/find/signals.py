"""Everything Find reads off one post before it scores: lexicon matches and extracted facts.

The signals of the title and the text are kept apart (each span refers to its own field) but
scored together: a title like "送养男宝" frames the whole text below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cradlewatch.find.extract import extract
from cradlewatch.find.lexicon import Lexicon, Match, Term
from cradlewatch.model import Child, Identifier, Place, Post, Price
from cradlewatch.text import NormalizedText, normalize

FIELDS = ("title", "text")
# The market's name tags, region + dash + 送/领 + sex ("河北-领男", "四川-送女宝"), in a
# nickname or quoted in a post ("@河南-送男 记得发照片"). The dash sets them apart from
# ordinary words ("送女儿上学"), so a tag counts as a strong role label.
_ROLE_TAG = re.compile(r"[\u4e00-\u9fff]{1,4}\s?[-—－_~]\s?(?P<tag>[送领][男女](?:宝宝?|孩|娃)?)")
# The end of every tag, which a class search finds at C speed: a cheap test before the pattern.
_ROLE_TAG_END = re.compile(r"[-—－_~]\s?[送领][男女]")
_ROLE_TERMS = {
    f"{verb}{sex}": Term(f"{verb}{sex}", "role", "positive", "S", "zh")
    for verb in "送领"
    for sex in "男女"
}


@dataclass(slots=True)
class Span:
    """An evidence span in the post as captured: ``post[field][start:end]``."""

    field: str
    start: int
    end: int


@dataclass(slots=True)
class Signals:
    """Lexicon matches by category, extracted facts, and the normalised fields they index."""

    post: Post
    normalised: dict[str, NormalizedText] = field(default_factory=dict)
    by_category: dict[str, list[Match]] = field(default_factory=dict)
    identifiers: list[Identifier] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    # Role labels in the author's nickname ("河南-领男宝"), a verified market convention.
    author_roles: list[Match] = field(default_factory=list)

    def has(self, *categories: str) -> bool:
        # a plain loop: the rules ask this dozens of times a post, and a generator costs more
        found = self.by_category.get
        for category in categories:  # noqa: SIM110 - any() with a generator is slower here
            if found(category):
                return True
        return False

    def any_positive(self, ignoring: frozenset[str] = frozenset()) -> bool:
        """Whether a term of a positive (trafficking-side) category matched, other than in
        the categories ``ignoring`` names."""
        for category, matches in self.by_category.items():
            if matches and matches[0].term.polarity == "positive" and category not in ignoring:
                return True
        return False

    def matches(self, *categories: str) -> list[Match]:
        """The matches of these categories (read-only: a single category's own list)."""
        if len(categories) == 1:
            return self.by_category.get(categories[0]) or []
        out: list[Match] = []
        for c in categories:
            out.extend(self.by_category.get(c, ()))
        return out

    def strong(self, category: str, strengths: str = "SM") -> list[Match]:
        return [m for m in self.by_category.get(category, ()) if m.term.strength in strengths]

    def span(self, match: Match) -> Span:
        """The span of a lexicon match in the text as captured."""
        start, end = self.normalised[match.field].to_original(match.start, match.end)
        return Span(match.field, start, end)

    def evidence(self, span: Span) -> str:
        value = getattr(self.post, span.field) or ""
        return value[span.start : span.end]

    def original_position(self, match: Match) -> tuple[str, int]:
        """Field and start of a match in the captured text, to compare with extracted spans."""
        return match.field, self.span(match).start


# A reply's title that repeats its thread's ("回复：送养女宝 可视频", "Re: baby boy 2 weeks"): the
# thread's words, not the reply's, and the thread's own post already carries them.
_REPLY_TITLE = re.compile(r"\s*(?:回复|回覆|回復|答复|re|reply|aw)\s*[:：]", re.IGNORECASE)


def read_signals(post: Post, lexicon: Lexicon) -> Signals:
    """Normalise each field once, then match the lexicon and run the extractors on it.

    A reply's quoted title is left unread: every reply to "《亲爱的》那个买孩子的情节" would
    otherwise buy a child, and every reply to a listing would repeat its QQ number."""
    signals = Signals(post)
    for name in FIELDS:
        value = getattr(post, name)
        if not value or (name == "title" and _REPLY_TITLE.match(value)):
            continue
        normalised = normalize(value)
        signals.normalised[name] = normalised
        by_category = signals.by_category
        for match in lexicon.match(normalised.text, name):
            category = match.term.category
            if category in by_category:
                by_category[category].append(match)
            else:
                by_category[category] = [match]
        if _has_role_char(normalised.text):
            tags = _role_tags(normalised.text, name, by_category.get("role", []))
            if tags:
                by_category.setdefault("role", []).extend(tags)
        extraction = extract(value, name, normalised, posted_at=post.posted_at, lang=post.lang)
        signals.identifiers.extend(extraction.identifiers)
        signals.prices.extend(extraction.prices)
        signals.places.extend(extraction.places)
        signals.children.extend(extraction.children)
    if post.author and _has_role_char(post.author):
        author = normalize(post.author).text
        roles = [
            m
            for m in lexicon.match(author, "author")
            if m.term.category == "role" and m.term.strength == "S"
        ]
        signals.author_roles = roles + _role_tags(author, "author", roles)
    return signals


def _has_role_char(text: str) -> bool:
    """Role labels all carry 送 or 领 (領 in traditional script): a cheap pre-check."""
    return "送" in text or "领" in text or "領" in text


def _role_tags(text: str, field: str, known: list[Match]) -> list[Match]:
    """Name tags of the market not already matched by the lexicon."""
    if _ROLE_TAG_END.search(text) is None:
        return []  # no tag's dash and label: skip the pattern, which is tried at every Han
    found = []
    for tag in _ROLE_TAG.finditer(text):
        start, end = tag.span("tag")
        if not any(m.field == field and m.start < end and start < m.end for m in known):
            found.append(Match(_ROLE_TERMS[tag["tag"][:2]], field, start, end))
    return found
