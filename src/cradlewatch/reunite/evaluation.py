"""Quality of a reunification round on generated families with known truth.

Figures (the must-shows of issue 4): the share of found children whose true case is at
rank 1, per case structure (both parents, one parent, with siblings, siblings only); and the
share of *unrelated* children (who belong to no case) with any candidate at log10 LR ≥ 4,
the false-candidate rate an investigator would have to triage.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cradlewatch.reunite.search import Match

SINGLE_PARENT = ("mother", "father")
BOTH_PARENTS = ("both_parents", "both_parents_sibling")


@dataclass(slots=True)
class Evaluation:
    """Rank-1 rates by structure and the false-candidate rate of unrelated children."""

    found: Counter[str] = field(default_factory=Counter)
    rank1: Counter[str] = field(default_factory=Counter)
    unrelated: int = 0
    unrelated_with_candidate: int = 0
    true_supported: int = 0

    def rate(self, structures: tuple[str, ...]) -> float:
        """Rank-1 rate over the found children of the given case structures."""
        total = sum(self.found[s] for s in structures)
        return sum(self.rank1[s] for s in structures) / total if total else float("nan")

    @property
    def false_candidate_rate(self) -> float:
        """Share of unrelated children with a candidate at log10 LR ≥ 4."""
        return self.unrelated_with_candidate / self.unrelated if self.unrelated else float("nan")

    def summary(self) -> dict[str, float]:
        """Headline figures, flat, for reports and JSON."""
        out = {
            "rank1_both_parents": self.rate(BOTH_PARENTS),
            "rank1_single_parent": self.rate(SINGLE_PARENT),
            "rank1_all": self.rate(tuple(self.found)),
            "unrelated_false_candidate_rate": self.false_candidate_rate,
            "found_children": float(sum(self.found.values())),
            "unrelated_children": float(self.unrelated),
        }
        for structure in sorted(self.found):
            out[f"rank1_{structure}"] = self.rate((structure,))
        return out


def evaluate_matches(
    matches: list[Match],
    truth: dict[str, str],
    structure: dict[str, str],
    threshold: float = 4.0,
) -> Evaluation:
    """Score ranked matches (rank 1 must be present for each child that has one)."""
    best: dict[str, Match] = {}
    top_value: dict[str, float] = {}
    for m in matches:
        if m.rank == 1:
            best[m.child_id] = m
        top_value[m.child_id] = max(top_value.get(m.child_id, float("-inf")), m.log10_lr)
    result = Evaluation()
    for child_id, case_id in truth.items():
        if case_id:
            kind = structure[case_id]
            result.found[kind] += 1
            hit = best.get(child_id)
            if hit is not None and hit.case_id == case_id:
                result.rank1[kind] += 1
                result.true_supported += hit.log10_lr >= threshold
        else:
            result.unrelated += 1
            result.unrelated_with_candidate += top_value.get(child_id, float("-inf")) >= threshold
    return result
