"""``make demo`` — Link's part: the rings behind the demo corpus and how well they match truth."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from cradlewatch.link.config import LinkConfig
from cradlewatch.link.evaluate import identifier_components, read_truth, ring_labels, score
from cradlewatch.link.pipeline import RingBuilder

SHOWN = 12


def run_demo(workdir: Path, console: Console, posts_path: Path, truth_path: Path
             ) -> dict[str, Any]:
    """Link the demo posts into rings, print the largest, and score them against the truth."""
    from cradlewatch.io import JsonlWriter, RejectWriter
    from cradlewatch.link.commands import default_workers, read_into

    link_dir = workdir / "link"
    link_dir.mkdir(parents=True, exist_ok=True)
    rings_path = link_dir / "rings.jsonl"
    builder = RingBuilder(config=LinkConfig())
    started = time.perf_counter()
    with RejectWriter(str(link_dir / "rejects.jsonl")) as on_reject:
        read_into(builder, [str(posts_path)], on_reject, default_workers())
    profiles = builder.build()
    seconds = time.perf_counter() - started
    with JsonlWriter(str(rings_path)) as writer:
        for profile in profiles:
            writer.write(profile)

    truth = read_truth(truth_path)
    link = score(ring_labels(profiles), truth)
    baseline = score(identifier_components(builder.posts), truth)

    table = Table(title=f"Link: {len(profiles)} rings from {len(builder.posts)} flagged posts "
                        f"({seconds:.1f} s) — the {min(SHOWN, len(profiles))} largest")
    for column in ("ring", "posts", "accounts", "provinces", "sites", "first seen", "last seen",
                   "joined by"):
        table.add_column(column)
    for profile in profiles[:SHOWN]:
        table.add_row(*_row(profile))
    console.print(table)
    console.print(
        f"Agreement with ground truth: B-cubed F1 [bold]{link.bcubed_f1:.3f}[/] "
        f"(P {link.bcubed_precision:.3f}, R {link.bcubed_recall:.3f}); "
        f"connected components over exact identifiers: {baseline.bcubed_f1:.3f} "
        f"(largest component holds {baseline.largest_share:.0%} of ring posts, "
        f"largest ring {link.largest_share:.0%}).")
    console.print(f"Rings written to {rings_path}")
    return {"rings": len(profiles), "flagged_posts": len(builder.posts), "seconds": seconds,
            "link": link.as_dict(), "connected_components": baseline.as_dict(),
            "rings_path": str(rings_path)}


def _row(profile: dict[str, Any]) -> list[str]:
    provinces = sorted({p["province"] for p in profile["places"] if p.get("province")})
    codes = sorted({r["code"] for r in profile["reasons"]})
    return [
        profile["ring"], str(len(profile["posts"])), str(len(profile["accounts"])),
        _short(provinces), _short(profile["sites"]),
        (profile["first_seen"] or "")[:10], (profile["last_seen"] or "")[:10],
        ", ".join(c.replace("_", " ") for c in codes) or "(single post)",
    ]


def _short(items: list[str], limit: int = 3) -> str:
    more = f" +{len(items) - limit}" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more
