"""Combination rules that mirror the legal line between private placement and selling a child.

Each rule looks at the categories of lexicon matches and at the extracted prices and children,
and, when it fires, names the span that best shows it. Weights and thresholds live in
``data/rules.yaml`` so that they can be read and changed without touching this code; what a
rule *means* lives here, each one a small function.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from cradlewatch.find.lexicon import Match
from cradlewatch.find.signals import Signals, Span
from cradlewatch.model import Child, Price

CHILD = ("child_human",)
DEAL = ("placement", "money", "haggling", "buyer", "role", "slang", "presale", "document_offer")
# A term that itself names the child ("送孩子", "有人要娃", "take my baby", "sell my son"):
# the longer term is matched instead of the child word inside it, so the child is read here.
_CHILD_IN_TERM = re.compile(
    r"[孩宝婴男女娃]|\b(?:bab(?:y|ies)|son|daughter|child(?:ren)?|kids?|boy|girl|newborn|infant)\b"
)
_ADOPTION_VERB = re.compile("[养抱领]|adopt|rehom|re hom")
DOC_OFFER_CHARS = 10
REWARD_CHARS = 6
SEX_PRICE_CHARS = 8
MIN_PRICE = {"CNY": 500.0, "USD": 100.0, "GBP": 100.0, "EUR": 100.0, "INR": 5000.0}
# A price per unit of time or per visit is a wage, a fee for a service or an allowance
# ("月嫂一万二一个月", "$18/hr", "RM150 per visit", "每月两千抚养费"), never the price of a child,
# which is a lump sum. Only cues that cannot be a child's age count ("一个月" after the amount
# is a rate; before it, "男宝一个月8万", it is an age).
_TIME_UNIT = r"(?:个?月|年|天|日|周|星期|次(?!性)|小时|钟头|节课|晚)"
_EN_TIME_UNIT = r"(?:month|mth|mnth|mo|hour|hr|h|week|wk|year|yr|day|night|visit|session|class)s?\b"
_RATE_BEFORE = re.compile(
    r"(?:每" + _TIME_UNIT + r"\S{0,7}|[月年日时]薪|工资|月租|租金|\bper)\s*[:：]?\s*$", re.I
)
_RATE_AFTER = re.compile(
    r"^\s*(?:元|块|rmb)?\s*(?:[/／]\s*(?:"
    + _TIME_UNIT
    + "|"
    + _EN_TIME_UNIT
    + r")|每"
    + _TIME_UNIT
    + r"|一"
    + _TIME_UNIT
    + r"|(?:per|an?|each)\s+"
    + _EN_TIME_UNIT
    + r"|(?:hourly|monthly|weekly|yearly)\b)",
    re.I,
)
RATE_CHARS = 6
LATIN_WINDOW = 3
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# Sale words that name no child: as often the crib as the baby.
GENERIC_SALE = frozenset({"出售", "for sale", "转让"})


@dataclass(frozen=True, slots=True)
class RuleSpec:
    code: str
    weight: float
    conclusive: bool
    description: str


@dataclass(frozen=True, slots=True)
class ContextSpec:
    category: str
    penalties: tuple[float, ...]
    description: str


@dataclass(frozen=True, slots=True)
class RuleBook:
    """The scoring configuration read from ``data/rules.yaml``."""

    version: str
    base: float
    trafficking_at: float
    suspicious_at: float
    near_chars: int
    diminishing: tuple[float, ...]
    reporting_contexts: tuple[str, ...]
    reporting_terms: int
    reporting_damping: float
    rules: dict[str, RuleSpec]
    contexts: dict[str, ContextSpec]

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> RuleBook:
        text = resources.files("cradlewatch.find").joinpath("data/rules.yaml").read_text("utf-8")
        return cls.from_dict(yaml.safe_load(text))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RuleBook:
        return cls(
            version=str(data["version"]),
            base=float(data["base"]),
            trafficking_at=float(data["trafficking_at"]),
            suspicious_at=float(data["suspicious_at"]),
            near_chars=int(data["near_chars"]),
            diminishing=tuple(float(x) for x in data["diminishing"]),
            reporting_contexts=tuple(data["reporting_contexts"]),
            reporting_terms=int(data["reporting_terms"]),
            reporting_damping=float(data["reporting_damping"]),
            rules={
                code: RuleSpec(code, float(v["weight"]), bool(v["conclusive"]), v["description"])
                for code, v in data["rules"].items()
            },
            contexts={
                name: ContextSpec(name, tuple(float(p) for p in v["penalties"]), v["description"])
                for name, v in data["contexts"].items()
            },
        )


@dataclass(slots=True)
class Hit:
    """A rule that fired: its code, the factor applied to its weight, and the evidence span."""

    code: str
    factor: float
    span: Span


class Facts:
    """Derived facts about one post that several rules share (computed once, lazily)."""

    def __init__(self, signals: Signals, near_chars: int) -> None:
        self.s = signals
        self.near_chars = near_chars
        self._windows: dict[str, int] = {}  # field -> its nearness window, worked out once
        # A pet word with no human-only child word, or pet words outnumbering the child words
        # ("yorkie babies … puppies … vet"): the post is about an animal.
        pets = {m.term.term for m in signals.matches("pet")}
        humans = {m.term.term for m in signals.matches("child_human")}
        self.pet = bool(pets) and (not humans or len(pets) >= 2 * len(humans) + 1)
        human = signals.matches("child_human")
        shared = [] if self.pet else signals.matches("child_shared")
        self.child_matches: list[Match] = human + shared
        # "想抱养一个", "有送养的吗", "河北-领男": outside a pet context, adoption verbs and the
        # market's role labels imply a child; a bare sale word ("出售 iPhone 13") does not.
        implied = not self.pet and (
            bool(signals.strong("role", "S") or signals.author_roles)
            or any(
                (m.term.strength != "W" and m.term.term not in GENERIC_SALE)
                or _ADOPTION_VERB.search(m.term.term)
                or _CHILD_IN_TERM.search(m.term.term)
                for m in signals.matches("placement", "buyer")
            )
        )
        # "my son's old Xbox": a possessive child is the owner of what is sold, not the goods.
        self.children = [c for c in signals.children if not _possessive(signals, c)]
        self.child = bool(self.child_matches) or (bool(self.children) and not self.pet) or implied
        self.unborn = signals.has("unborn")
        # A strong placement word other than a bare "出售"/"for sale" (which as often sells the
        # crib): with goods words around, only such a word says the child is what is sold.
        self.child_placed = any(
            m.term.term not in GENERIC_SALE for m in signals.strong("placement")
        )
        goods_words = {m.term.term for m in signals.matches("commerce")}
        self.goods = bool(goods_words) and not self.child_placed
        # Two or more goods words ("九成新 … 推车"): the prices are the goods' prices.
        self.goods_priced = len(goods_words) >= 2 and not self.child_placed
        # Wages, service fees and allowances are kept apart: they point away from a sale.
        self.rates = [p for p in signals.prices if _is_rate(signals, p)]
        self.prices = [
            p
            for p in signals.prices
            if p.amount >= MIN_PRICE.get(p.currency, 0.0) and p not in self.rates
        ]

    def near_child(self, field: str, start: int) -> bool:
        """True when a child is named near ``start`` (original offsets) or in the other field.

        "Near" is counted in characters, and English says in about three characters what
        Chinese says in one: a Latin-script field gets a window that much wider."""
        near = self._windows.get(field)
        if near is None:
            text = getattr(self.s.post, field, None) or ""
            near = self.near_chars * (LATIN_WINDOW if _mostly_latin(text) else 1)
            self._windows[field] = near
        for m in self.child_matches:
            f, s = self.s.original_position(m)
            if f != field or abs(s - start) <= near:
                return True
        return any(c.field != field or abs(c.start - start) <= near for c in self.children)

    def is_reward(self, price: Price) -> bool:
        """A reward in a missing-child notice ("悬赏5万", "重金酬谢") is not a price for a child."""
        for m in self.s.matches("missing_child"):
            span = self.s.span(m)
            if span.field == price.field and 0 <= price.start - span.end <= REWARD_CHARS:
                return True
        return False

    def price_span(self, price: Price) -> Span:
        """The price, widened to a money word right before it ("营养费5万")."""
        start = price.start
        for m in self.s.matches("money"):
            f, s = self.s.original_position(m)
            end = self.s.span(m).end
            if f == price.field and 0 <= price.start - end <= 3:
                start = min(start, s)
        return Span(price.field, start, price.end)


Rule = Callable[[Facts], Iterator[Hit]]


def _mostly_latin(text: str) -> bool:
    """More than twice as many Latin letters as Han characters."""
    return len(_LATIN_LETTER.findall(text)) > 2 * len(_HAN.findall(text))


def _is_rate(signals: Signals, price: Price) -> bool:
    """True for a wage, service fee or allowance: an amount per month, hour, visit or year."""
    before = signals.evidence(Span(price.field, max(0, price.start - RATE_CHARS), price.start))
    after = signals.evidence(Span(price.field, price.end, price.end + RATE_CHARS + 4))
    return bool(_RATE_BEFORE.search(before) or _RATE_AFTER.search(after))


def _possessive(signals: Signals, child: Child) -> bool:
    after = signals.evidence(Span(child.field, child.end, child.end + 2))
    return after in ("'s", "\u2019s")


def _first(facts: Facts, code: str, matches: list[Match], factor: float = 1.0) -> Iterator[Hit]:
    """A hit on the strongest of ``matches`` (earliest among equals)."""
    if matches:
        best = max(matches, key=lambda m: (m.term.factor, -m.start))
        yield Hit(code, factor * best.term.factor, facts.s.span(best))


def price_for_child(f: Facts) -> Iterator[Hit]:
    # A child and a price side by side is the core of a sale ad; deal words make it certain.
    if not (f.child or f.unborn) or f.pet:
        return
    factor = (1.0 if f.s.has(*DEAL) else 0.75) * (0.5 if f.goods_priced else 1.0)
    for price in f.prices:
        if f.is_reward(price):
            continue
        if f.near_child(price.field, price.start) or f.unborn:
            yield Hit("price_for_child", factor, f.price_span(price))
            return


def money_for_child(f: Facts) -> Iterator[Hit]:
    if f.prices or not (f.child or f.unborn) or f.pet:
        return
    factor = 1.0 if f.s.has("placement", "buyer", "role") else 0.8
    yield from _first(f, "money_for_child", f.s.matches("money"), factor)


def sex_based_pricing(f: Facts) -> Iterator[Hit]:
    """ "男宝8万，女宝5万": each sexed child paired with the price right after it."""
    sexes: dict[str, Price] = {}
    for child in f.children:
        after = [
            p
            for p in f.prices
            if child.sex and p.field == child.field and 0 <= p.start - child.end <= SEX_PRICE_CHARS
        ]
        if after:
            sexes.setdefault(str(child.sex), min(after, key=lambda p: p.start))
    if len(sexes) >= 2 and len({p.amount for p in sexes.values()}) >= 2:
        prices = sorted(sexes.values(), key=lambda p: p.start)
        first, last = f.price_span(prices[0]), prices[-1]
        if first.field == last.field:
            yield Hit("sex_based_pricing", 1.0, Span(first.field, first.start, last.end))


def unborn_for_money(f: Facts) -> Iterator[Hit]:
    if f.unborn and f.s.has("placement", "presale", "role") and (f.prices or f.s.strong("money")):
        yield from _first(f, "unborn_for_money", f.s.matches("unborn"))


def presale(f: Facts) -> Iterator[Hit]:
    if f.child or f.unborn:
        yield from _first(f, "presale", f.s.matches("presale"))


def document_offer(f: Facts) -> Iterator[Hit]:
    candidates = f.s.strong("document_offer", "S") + _offered_documents(f)
    offers = [m for m in candidates if not _asked(f, m)]
    if not offers:
        return
    if (f.child or f.unborn or f.s.has("placement", "buyer")) and not f.pet:
        yield from _first(f, "document_offer", offers)
    else:
        yield from _first(f, "document_offer_alone", offers)


def _asked(f: Facts, match: Match) -> bool:
    """ "能上户口吗？" asks; "能上户口" offers. A question mark or 吗/么/呢 right after asks."""
    span = f.s.span(match)
    after = f.s.evidence(Span(span.field, span.end, span.end + 3))
    return any(mark in after for mark in "吗么呢?？")


def _offered_documents(f: Facts) -> list[Match]:
    """Document words with an offer cue close by ("代办出生医学证明", "户口的事不用担心")."""
    cues = f.s.matches("offer_cue")
    found = []
    for doc in f.s.strong("document_offer", "M"):
        for cue in cues:
            if cue.field == doc.field and (
                0 <= doc.start - cue.end <= DOC_OFFER_CHARS
                or 0 <= cue.start - doc.end <= DOC_OFFER_CHARS
            ):
                found.append(doc)
                break
    return found


def goods_slang(f: Facts) -> Iterator[Hit]:
    if (f.child or f.prices or f.s.has("placement", "buyer")) and not f.pet:
        yield from _first(f, "goods_slang", f.s.matches("slang"))


def buyer_pays(f: Facts) -> Iterator[Hit]:
    if f.pet:
        return
    strong = f.s.strong("buyer", "S")
    if strong:
        yield from _first(f, "buyer_pays", strong)
    elif f.s.has("buyer") and f.child and (f.prices or f.s.strong("money") or f.s.has("haggling")):
        yield from _first(f, "buyer_pays", f.s.matches("buyer"), 0.9)


def paid_placement(f: Facts) -> Iterator[Hit]:
    # "卖孩子" names the child itself; "出售" or "for sale" needs a child nearby.
    # A bare "出售"/"for sale" beside goods words sells the goods ("出售婴儿推车").
    strong = [
        m
        for m in f.s.strong("placement", "S")
        if (f.child or f.unborn or _CHILD_IN_TERM.search(m.term.term))
        and not (f.goods and m.term.term in GENERIC_SALE)
    ]
    if strong and not f.pet:
        yield from _first(f, "paid_placement", strong)


def haggling_over_child(f: Facts) -> Iterator[Hit]:
    if (f.child or f.unborn) and not f.pet:
        factor = 1.0 if f.s.has("placement", "buyer", "role", "money") else 0.85
        yield from _first(f, "haggling_over_child", f.s.matches("haggling"), factor)


def role_label(f: Facts) -> Iterator[Hit]:
    if f.pet:
        return
    in_text = f.s.strong("role", "S")
    if in_text:
        yield from _first(f, "role_label", in_text)
    elif f.s.author_roles and f.s.post.text.strip():
        # The label is in the nickname; the evidence is what that account wrote.
        text = f.s.post.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        yield Hit("role_label_in_author", 1.0, Span("text", start, end))


def avoid_legal_process(f: Facts) -> Iterator[Hit]:
    if not (f.child or f.unborn) or f.pet:
        return
    engaged = f.s.has("placement", "buyer", "contact_request") or bool(f.s.identifiers)
    yield from _first(f, "avoid_legal_process", f.s.matches("avoid_legal"), 1.0 if engaged else 0.8)


def placement_of_child(f: Facts) -> Iterator[Hit]:
    if (f.child or f.unborn) and not f.pet:
        factor = 1.0 if (f.child_matches or f.unborn or f.children) else 0.9
        yield from _first(f, "placement_of_child", f.s.matches("placement"), factor)


def seeking_child(f: Facts) -> Iterator[Hit]:
    if (f.child or f.s.has("placement")) and not f.pet:
        yield from _first(f, "seeking_child", f.s.matches("buyer"))


def private_contact(f: Facts) -> Iterator[Hit]:
    if not (f.child or f.unborn) or f.pet:
        return
    factor = 1.0 if f.s.has("placement", "buyer", "role") else 0.8
    contacts = f.s.matches("contact_request")
    if f.s.identifiers:
        ident = f.s.identifiers[0]
        yield Hit("private_contact", factor, Span(ident.field, ident.start, ident.end))
    elif contacts:
        yield from _first(f, "private_contact", contacts, factor)


def private_rehoming(f: Facts) -> Iterator[Hit]:
    if f.child_matches and not f.pet:
        yield from _first(f, "private_rehoming", f.s.matches("rehoming_cue"))


def child_with_contact(f: Facts) -> Iterator[Hit]:
    """ "现有一岁男婴，电话…", "满月女宝，私聊": a described child and a way to reach the
    poster is how listings look, even without a placement word."""
    if f.pet or not (f.children or f.unborn):
        return
    if f.s.identifiers:
        ident = f.s.identifiers[0]
        yield Hit("child_with_contact", 1.0, Span(ident.field, ident.start, ident.end))
    else:
        yield from _first(f, "child_with_contact", f.s.matches("contact_request"), 0.9)


def hardship_story(f: Facts) -> Iterator[Hit]:
    if f.s.has("placement") and (f.child or f.unborn) and not f.pet:
        yield from _first(f, "hardship_story", f.s.matches("hardship"))


def screening_language(f: Facts) -> Iterator[Hit]:
    if f.s.has("placement") and (f.child or f.unborn) and not f.pet:
        yield from _first(f, "screening_language", f.s.matches("screening"))


RULES: tuple[Rule, ...] = (
    price_for_child,
    money_for_child,
    sex_based_pricing,
    unborn_for_money,
    presale,
    document_offer,
    goods_slang,
    buyer_pays,
    paid_placement,
    haggling_over_child,
    role_label,
    avoid_legal_process,
    placement_of_child,
    seeking_child,
    private_contact,
    private_rehoming,
    child_with_contact,
    hardship_story,
    screening_language,
)


def apply_rules(signals: Signals, book: RuleBook) -> tuple[Facts, list[Hit]]:
    """Run every rule on a post's signals.

    Every rule needs a positive lexicon term, an extracted child or a role label in the
    nickname; most posts have none of them and are done without running the rules."""
    facts = Facts(signals, book.near_chars)
    if not (signals.children or signals.author_roles or signals.any_positive()):
        return facts, []
    hits = [hit for rule in RULES for hit in rule(facts)]
    return facts, hits
