"""Measuring Find against labelled posts (the scenario's ground truth or a hand-written set).

Definitions (docs/find.md):
- flag recall: share of posts labelled trafficking or suspicious that are not scanned benign;
- trafficking precision: share of posts scanned trafficking that are labelled trafficking;
- false-flag rate of a hard-negative category: share of its posts not scanned benign;
- identifier precision/recall/F1 per kind: over (post, kind, value) triples, micro-averaged;
- price recall: share of labelled (post, amount, currency) found, amounts equal within 0.5%.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cradlewatch.find.extract.evaluation import Score
from cradlewatch.model import IDENTIFIER_KINDS, Finding

if TYPE_CHECKING:
    from cradlewatch.find.labelled import LabelledPosts
    from cradlewatch.find.scanner import Scanner


@dataclass(slots=True)
class ScanReport:
    """The figures of one evaluation run, with the confusion counts behind them."""

    name: str
    posts: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    hard_negatives: dict[str, list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )
    identifiers: dict[str, Score] = field(
        default_factory=lambda: {k: Score() for k in IDENTIFIER_KINDS}
    )
    prices_found: int = 0
    prices_expected: int = 0
    misses: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)

    @property
    def flag_recall(self) -> float:
        flagged = sum(n for (t, p), n in self.confusion.items() if t != "benign" and p != "benign")
        total = sum(n for (t, _), n in self.confusion.items() if t != "benign")
        return flagged / total if total else 1.0

    @property
    def trafficking_precision(self) -> float:
        right = self.confusion[("trafficking", "trafficking")]
        total = sum(n for (_, p), n in self.confusion.items() if p == "trafficking")
        return right / total if total else 1.0

    @property
    def hard_negative_false_flag_rate(self) -> float:
        flagged = sum(v[0] for v in self.hard_negatives.values())
        total = sum(v[1] for v in self.hard_negatives.values())
        return flagged / total if total else 0.0

    @property
    def identifier_f1(self) -> float:
        total = Score()
        for score in self.identifiers.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total.f1

    @property
    def price_recall(self) -> float:
        return self.prices_found / self.prices_expected if self.prices_expected else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "posts": self.posts,
            "flag_recall": round(self.flag_recall, 4),
            "trafficking_precision": round(self.trafficking_precision, 4),
            "hard_negative_false_flag_rate": round(self.hard_negative_false_flag_rate, 4),
            "hard_negative_false_flags": {
                k: {"flagged": v[0], "posts": v[1], "rate": round(v[0] / v[1], 4) if v[1] else 0.0}
                for k, v in sorted(self.hard_negatives.items())
            },
            "identifier_f1": round(self.identifier_f1, 4),
            "identifiers": {
                k: {
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                    "expected": s.expected,
                    "predicted": s.predicted,
                }
                for k, s in self.identifiers.items()
            },
            "price_recall": round(self.price_recall, 4),
            "confusion": {f"{t}->{p}": n for (t, p), n in sorted(self.confusion.items())},
        }


def _prices_match(expected: Mapping[str, Any], found: Iterable[Any]) -> bool:
    amount = float(expected["amount"])
    currency = expected.get("currency", "CNY")
    return any(
        p.currency == currency and abs(p.amount - amount) <= 0.005 * max(abs(amount), 1.0)
        for p in found
    )


def score_scan(name: str, pairs: Iterable[tuple[Finding, Mapping[str, Any]]]) -> ScanReport:
    """Compare findings with truth records (CONTRACTS-shaped truth, see docs/scenario.md)."""
    report = ScanReport(name)
    for finding, truth in pairs:
        report.posts += 1
        expected_verdict = truth["verdict"]
        report.confusion[(expected_verdict, finding.verdict)] += 1
        if expected_verdict != "benign" and finding.verdict == "benign":
            report.misses.append(finding.id)
        if expected_verdict == "benign" and finding.verdict != "benign":
            report.false_flags.append(finding.id)
        if truth.get("hard_negative"):
            counts = report.hard_negatives[str(truth.get("category", "other"))]
            counts[0] += finding.verdict != "benign"
            counts[1] += 1
        expected_ids = Counter((i["kind"], str(i["value"])) for i in truth.get("identifiers", []))
        found_ids = Counter((i.kind, i.value) for i in finding.identifiers)
        for kind in IDENTIFIER_KINDS:
            score = report.identifiers[kind]
            exp = {k: n for k, n in expected_ids.items() if k[0] == kind}
            got = {k: n for k, n in found_ids.items() if k[0] == kind}
            score.add(set(exp), set(got))
        for price in truth.get("prices", []):
            report.prices_expected += 1
            report.prices_found += _prices_match(price, finding.prices)
    return report


def scan_and_score(corpus: LabelledPosts, scanner: Scanner | None = None) -> ScanReport:
    """Scan a labelled corpus in its order and score the findings against its truth."""
    from cradlewatch.find.scanner import Scanner

    scanner = scanner or Scanner()
    pairs = ((finding, corpus.labels[post.id]) for post, finding in scanner.scan_many(corpus.posts))
    return score_scan(corpus.name, pairs)
