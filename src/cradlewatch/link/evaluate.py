"""Scoring rings against ground truth: B-cubed, pairwise F1, and the connected-components baseline.

B-cubed (Bagga & Baldwin 1998; Amigó et al. 2009) scores every post: precision is the share
of its predicted ring that truly belongs with it, recall the share of its true ring that was
put with it; both are averaged over posts and F1 is their harmonic mean. Pairwise F1 counts
post pairs placed together. Both are computed from the contingency table of predicted ×
true rings, so they are exact and linear in the number of posts:

    P_b3 = (1/N) Σ_cells n_ij² / |pred_i|        R_b3 = (1/N) Σ_cells n_ij² / |true_j|
    P_pair = Σ C(n_ij, 2) / Σ C(|pred_i|, 2)    R_pair = Σ C(n_ij, 2) / Σ C(|true_j|, 2)

Scores cover the posts that are both flagged by the scan and part of a true ring (the scan's
own misses are Find's to report). The baseline joins posts that share any exact identifier,
hubs included, with no accounts, templates or community detection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cradlewatch.io.truth import read_truth as read_records
from cradlewatch.link.records import LinkPost


@dataclass(slots=True, frozen=True)
class Scores:
    """Agreement of one clustering with the truth."""

    posts: int
    rings: int
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    largest_share: float

    def as_dict(self) -> dict[str, float | int]:
        return {name: getattr(self, name) for name in self.__slots__}


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def score(predicted: Mapping[str, str], truth: Mapping[str, str]) -> Scores:
    """Compare predicted and true ring labels over the posts both label."""
    common = [p for p in predicted if p in truth]
    n = len(common)
    if n == 0:
        return Scores(0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    cells = Counter((predicted[p], truth[p]) for p in common)
    pred_sizes = Counter(predicted[p] for p in common)
    true_sizes = Counter(truth[p] for p in common)
    precision = sum(c * c / pred_sizes[k[0]] for k, c in cells.items()) / n
    recall = sum(c * c / true_sizes[k[1]] for k, c in cells.items()) / n
    together = sum(c * (c - 1) / 2 for c in cells.values())
    pred_pairs = sum(s * (s - 1) / 2 for s in pred_sizes.values())
    true_pairs = sum(s * (s - 1) / 2 for s in true_sizes.values())
    pair_p = together / pred_pairs if pred_pairs else 1.0
    pair_r = together / true_pairs if true_pairs else 1.0
    return Scores(
        n,
        len(pred_sizes),
        precision,
        recall,
        _f1(precision, recall),
        pair_p,
        pair_r,
        _f1(pair_p, pair_r),
        max(pred_sizes.values()) / n,
    )


def ring_labels(rings: Iterable[Mapping[str, object]]) -> dict[str, str]:
    """Post id to ring id, from ring profiles."""
    labels: dict[str, str] = {}
    for ring in rings:
        posts = ring["posts"]
        assert isinstance(posts, list)
        labels.update((str(p), str(ring["ring"])) for p in posts)
    return labels


def identifier_components(posts: Iterable[LinkPost]) -> dict[str, str]:
    """The baseline: connected components over exact shared identifiers (union–find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for post in posts:
        find("p:" + post.id)
        for key in post.identifiers:
            parent[find("p:" + post.id)] = find("i:" + key)
    return {node[2:]: find(node) for node in list(parent) if node.startswith("p:")}


def read_truth(path: Path) -> dict[str, str]:
    """Post id to true ring from a scenario truth file (JSON Lines with ``id`` and ``ring``).

    Posts without a ring (benign) are left out.
    """
    return {
        post_id: str(record["ring"])
        for post_id, record in read_records(path).items()
        if record.get("ring")
    }
