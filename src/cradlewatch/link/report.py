"""The ``evaluate rings`` figures and their Rich table: rings beside connected components."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console
from rich.table import Table

from cradlewatch.link.evaluate import identifier_components, ring_labels, score
from cradlewatch.link.pipeline import RingBuilder

ROWS = (("bcubed_precision", "B-cubed precision"), ("bcubed_recall", "B-cubed recall"),
        ("bcubed_f1", "B-cubed F1"), ("pairwise_precision", "pairwise precision"),
        ("pairwise_recall", "pairwise recall"), ("pairwise_f1", "pairwise F1"),
        ("largest_share", "largest ring's share"), ("rings", "rings"), ("posts", "posts scored"))


def evaluate_builder(builder: RingBuilder, truth: Mapping[str, str]) -> dict[str, object]:
    """Build rings and score them and the baseline against ``truth`` (post id → ring)."""
    profiles = builder.build()
    flagged = {p.id for p in builder.posts}
    ring_posts = len(truth)
    return {
        "link": score(ring_labels(profiles), truth).as_dict(),
        "connected_components": score(identifier_components(builder.posts), truth).as_dict(),
        "flagged_posts": len(flagged),
        "true_ring_posts": ring_posts,
        "true_ring_posts_flagged": sum(1 for p in truth if p in flagged),
        "true_rings": len(set(truth.values())),
    }


def print_evaluation(name: str, figures: Mapping[str, object], console: Console | None = None
                     ) -> None:
    console = console or Console()
    link, baseline = figures["link"], figures["connected_components"]
    assert isinstance(link, dict) and isinstance(baseline, dict)
    table = Table(title=f"rings vs ground truth — {name}")
    table.add_column("measure")
    table.add_column("link (Leiden)", justify="right")
    table.add_column("connected components", justify="right")
    for key, label in ROWS:
        table.add_row(label, _fmt(link[key]), _fmt(baseline[key]))
    console.print(table)
    console.print(f"{figures['true_ring_posts_flagged']} of {figures['true_ring_posts']} "
                  f"true ring posts flagged by the scan ({figures['true_rings']} true rings); "
                  f"{figures['flagged_posts']} posts flagged in all.")


def _fmt(value: object) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)
