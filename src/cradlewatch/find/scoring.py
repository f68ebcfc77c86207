"""From rule hits and contexts to ``risk``, ``verdict`` and ``reasons``.

The score is a sum of log-odds: a base, the weights of the rules that fired (the strongest
first, with diminishing factors so that ten weak hints never outweigh one strong fact), the
penalties of hard-negative contexts (pets, legal adoption, news, warnings, missing-child
notices, forum rules, surrogacy, parenting chat, childcare, goods, questions about the law,
fiction, dating, and amounts per month or hour), and the learned text model's contribution.
``risk`` is the logistic of the score, clamped into the band of the verdict so that risk is
monotone with the verdict. Only a *conclusive* rule (money, pre-sale, papers, avoiding the
legal process, the market's own labels) can make a post "trafficking".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cradlewatch.find.lexicon import Match
from cradlewatch.find.rules import Facts, Hit, RuleBook
from cradlewatch.find.signals import Signals, Span
from cradlewatch.model import Reason

SUSPICIOUS_RISK = 0.4  # the lowest risk of a "suspicious" verdict
TRAFFICKING_RISK = 0.75  # the lowest risk of a "trafficking" verdict
MODEL_CODE = "text_model"
# The context read off the prices rather than the lexicon: amounts per month, hour or visit.
RATE_CONTEXT = "rate"
# A seller's screening formula and the warning words inside it ("人贩勿扰，否则直接举报").
SCREENING_EN = frozenset({"no scammers", "no time wasters"})
SCREENING_CHARS = 14
# Missing-child words that name only a reward: a notice offers one, so does a buyer.
REWARD_WORDS = frozenset({"酬谢", "重谢", "悬赏", "reward for information"})


@dataclass(slots=True)
class Score:
    """The outcome of scoring, with every term of the sum kept for ``--explain``."""

    verdict: str
    risk: float
    logit: float
    reasons: list[Reason]
    conclusive: bool


def context_reasons(signals: Signals, facts: Facts, book: RuleBook) -> list[Reason]:
    """One reason per hard-negative context present, weighted by its number of distinct terms."""
    reasons: list[Reason] = []
    present = signals.by_category
    for name, spec in book.contexts.items():
        if name != RATE_CONTEXT and not present.get(name):
            continue  # most contexts are absent from most posts: skip them cheaply
        if name == RATE_CONTEXT:
            if facts.rates:
                penalty = sum(spec.penalties[: len({p.raw for p in facts.rates})])
                rate = facts.rates[0]
                reasons.append(
                    _context(name, penalty, signals, Span(rate.field, rate.start, rate.end))
                )
            continue
        matches = context_matches(signals, name)
        if not matches:
            continue
        distinct = {m.term.term for m in matches}
        penalty = sum(spec.penalties[: len(distinct)])
        if name == "pet" and signals.has("child_human"):
            penalty /= 2  # a human child is named too: the pet may be beside the point
        if name == "legal_adoption" and signals.has("avoid_legal"):
            penalty /= 2  # the legal route is named to be avoided ("福利院轮不到")
        if name == "commerce" and (facts.child_placed or signals.strong("money", "S")):
            penalty /= 2  # "she comes with her crib": the goods go with a child being placed
        reasons.append(_context(name, penalty, signals, signals.span(matches[0])))
    return reasons


def _context(name: str, penalty: float, signals: Signals, span: Span) -> Reason:
    return Reason(
        f"{name}_context",
        -round(penalty, 4),
        span.field,
        signals.evidence(span),
        span.start,
        span.end,
    )


def context_matches(signals: Signals, name: str) -> list[Match]:
    """The matches of a context, less two kinds of words that only look like it.

    A seller's screening formula ("骗子和人贩勿扰，否则直接举报") screens buyers; it does not warn
    the public. A reward in a buyer's post ("求抱养一个男孩 … 必有重谢") is what the buyer pays,
    not a missing-child notice's, unless a word of searching or loss (寻子, 走失) says so."""
    matches = signals.by_category.get(name)
    if not matches:
        return []
    if name == "missing_child":
        rewards_only = all(m.term.term in REWARD_WORDS for m in matches)
        return [] if rewards_only and signals.strong("buyer") else matches
    if name != "warning":
        return matches
    screens = [
        signals.span(m)
        for m in signals.matches("contact_request")
        if m.term.term.endswith("勿扰") or m.term.term in SCREENING_EN
    ]
    if not screens:
        return matches
    return [
        m
        for m in matches
        if not any(
            (span := signals.span(m)).field == screen.field
            and -SCREENING_CHARS <= span.start - screen.start <= SCREENING_CHARS
            for screen in screens
        )
    ]


def reporting_damping(signals: Signals, book: RuleBook) -> float:
    """The factor on positive reasons of a post that reports on trafficking rather than doing it."""
    if not any(signals.by_category.get(name) for name in book.reporting_contexts):
        return 1.0
    terms = {
        m.term.term for name in book.reporting_contexts for m in context_matches(signals, name)
    }
    return book.reporting_damping if len(terms) >= book.reporting_terms else 1.0


def hit_reasons(signals: Signals, hits: list[Hit], book: RuleBook) -> list[Reason]:
    """Reasons for rule hits: one per rule code (its strongest hit) and one per evidence span
    (a phone number is one piece of evidence, however many rules it serves), strongest first,
    with the diminishing and reporting factors applied so that each weight is its real share
    of the score."""
    best: dict[str, Hit] = {}
    for hit in sorted(hits, key=lambda h: -book.rules[h.code].weight * h.factor):
        if hit.code in best or any(hit.span == other.span for other in best.values()):
            continue
        best[hit.code] = hit
    ranked = list(best.values())
    damping = reporting_damping(signals, book)
    reasons: list[Reason] = []
    for i, hit in enumerate(ranked):
        factor = book.diminishing[min(i, len(book.diminishing) - 1)] * damping
        weight = book.rules[hit.code].weight * hit.factor * factor
        reasons.append(_reason(signals, hit.code, weight, hit.span))
    return reasons


def _reason(signals: Signals, code: str, weight: float, span: Span) -> Reason:
    return Reason(code, round(weight, 4), span.field, signals.evidence(span), span.start, span.end)


def decide(
    positive: list[Reason], negative: list[Reason], book: RuleBook, conclusive: bool
) -> Score:
    """Add up the terms and map the score to a verdict and a risk within its band.

    The learned model may move a post between benign and suspicious, or down from
    trafficking, but never up to trafficking: that takes the rules alone."""
    model = sum(r.weight for r in positive if r.code == MODEL_CODE)
    # The score without the model's push up, added up on its own: subtracting the model's
    # term from the total could leave 0.4999… where the rules alone reach exactly 0.5.
    without_push = (
        book.base
        + sum(r.weight for r in positive if r.code != MODEL_CODE)
        + sum(r.weight for r in negative)
        + min(model, 0.0)
    )
    logit = without_push + max(model, 0.0)
    probability = 1.0 / (1.0 + math.exp(-logit))
    if conclusive and logit >= book.trafficking_at and without_push >= book.trafficking_at:
        verdict, low, high = "trafficking", TRAFFICKING_RISK, 1.0
    elif positive and logit >= book.suspicious_at:
        verdict, low, high = "suspicious", SUSPICIOUS_RISK, TRAFFICKING_RISK - 1e-4
    else:
        verdict, low, high = "benign", 0.0, SUSPICIOUS_RISK - 1e-4
    risk = round(min(max(probability, low), high), 4)
    reasons = sorted(positive, key=lambda r: -r.weight) + sorted(negative, key=lambda r: r.weight)
    return Score(verdict, risk, logit, reasons, conclusive)
