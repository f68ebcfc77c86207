"""Precision, recall and F1 of the extractors against labelled posts.

A labelled post (the scenario's ground truth, the hand-written set, or an analyst's own
labels) lists what a perfect extractor returns: identifiers as ``{kind, value}``, prices as
``{amount, currency}``, places as ``{province, city}``, children as ``{sex, age_days}``. Each
distinct value counts once per post — the extractors report every occurrence, but a
phone written twice is one phone to find — and values must match exactly after the
normalisation of CONTRACTS §2. Identifiers are also scored per kind, since a QQ number and
a bank card fail in different ways.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cradlewatch.find.extract import Extraction

KINDS = ("identifiers", "prices", "places", "children")
Key = tuple[Any, ...]


@dataclass(slots=True)
class Score:
    """Counts of one kind over all posts."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def expected(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    def add(self, expected: set[Any], found: set[Any]) -> None:
        """Count one post: what the truth lists against what was found."""
        hits = len(expected & found)
        self.tp += hits
        self.fp += len(found) - hits
        self.fn += len(expected) - hits

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Miss:
    """One post where a kind was not extracted exactly: what was missed and what was extra."""

    post_id: str
    kind: str
    missed: list[Key]
    extra: list[Key]


@dataclass(slots=True)
class ExtractionReport:
    name: str
    posts: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "posts": self.posts,
            "scores": {kind: score.as_dict() for kind, score in sorted(self.scores.items())},
        }


def _amount(value: Any) -> float:
    return round(float(value), 2)


def truth_keys(kind: str, records: Iterable[Mapping[str, Any]]) -> set[Key]:
    """The comparable keys of labelled records of ``kind``."""
    if kind == "identifiers":
        return {(r["kind"], str(r["value"])) for r in records}
    if kind == "prices":
        return {(_amount(r["amount"]), r.get("currency", "CNY")) for r in records}
    if kind == "places":
        return {(r.get("province"), r.get("city")) for r in records}
    return {(r.get("sex"), r.get("age_days")) for r in records}


def found_keys(kind: str, extraction: Extraction) -> set[Key]:
    """The comparable keys of extracted records of ``kind``."""
    if kind == "identifiers":
        return {(i.kind, i.value) for i in extraction.identifiers}
    if kind == "prices":
        return {(_amount(p.amount), p.currency) for p in extraction.prices}
    if kind == "places":
        return {(p.province, p.city) for p in extraction.places}
    return {(c.sex, c.age_days) for c in extraction.children}


def _add(report: ExtractionReport, name: str, post_id: str, want: set[Key], got: set[Key]) -> None:
    report.scores.setdefault(name, Score()).add(want, got)
    if want != got and "/" not in name:
        report.misses.append(
            Miss(post_id, name, sorted(want - got, key=repr), sorted(got - want, key=repr))
        )


def score_extractions(
    name: str, pairs: Iterable[tuple[str, Extraction, Mapping[str, Any]]]
) -> ExtractionReport:
    """Score ``(post id, extraction, truth record)`` triples; see the module docstring."""
    report = ExtractionReport(name)
    for kind in KINDS:
        report.scores[kind] = Score()
    for post_id, extraction, truth in pairs:
        report.posts += 1
        for kind in KINDS:
            want = truth_keys(kind, truth.get(kind) or [])
            got = found_keys(kind, extraction)
            _add(report, kind, post_id, want, got)
            if kind == "identifiers":
                for ident_kind in sorted({k[0] for k in want | got}):
                    _add(
                        report,
                        f"identifiers/{ident_kind}",
                        post_id,
                        {k for k in want if k[0] == ident_kind},
                        {k for k in got if k[0] == ident_kind},
                    )
    return report
