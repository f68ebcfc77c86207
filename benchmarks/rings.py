"""Benchmark: scenario posts to rings (read + scan on 2 processes + link), 10k / 100k / 1M.

Prints, per size, the wall time of each stage, the peak memory (this process and the largest
scan worker), B-cubed F1 against the scenario's truth, and the same figures for the baseline
run in the same process on the same scanned posts: connected components over exact identifiers.

    .venv/bin/python benchmarks/rings.py --sizes 10000 100000 1000000

Corpora are generated once into --cache (generation time is not counted).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import orjson

from cradlewatch.io import RejectWriter
from cradlewatch.link.commands import read_into
from cradlewatch.link.config import LinkConfig
from cradlewatch.link.evaluate import identifier_components, ring_labels, score
from cradlewatch.link.pipeline import RingBuilder

SEED = 20140219


def corpus(cache: Path, size: int, templates: str) -> tuple[Path, dict[str, str]]:
    """Generate (once) a scenario corpus and return its path and post → ring truth."""
    from cradlewatch.scenario.posts import generate_posts

    cache.mkdir(parents=True, exist_ok=True)
    posts_path = cache / f"posts-{SEED}-{size}-{templates}.jsonl"
    truth_path = cache / f"truth-{SEED}-{size}-{templates}.jsonl"
    if not truth_path.exists():
        with posts_path.open("wb") as posts, truth_path.open("wb") as truth:
            for post, label in generate_posts(SEED, size, templates):
                posts.write(orjson.dumps(post) + b"\n")
                truth.write(orjson.dumps({"id": label["id"], "ring": label.get("ring")}) + b"\n")
    labels = {}
    for line in truth_path.read_bytes().splitlines():
        record = orjson.loads(line)
        if record.get("ring"):
            labels[record["id"]] = record["ring"]
    return posts_path, labels


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run(path: Path, truth: dict[str, str], workers: int) -> dict[str, float]:
    builder = RingBuilder(config=LinkConfig())
    started = time.perf_counter()
    with RejectWriter(None) as on_reject:
        read_into(builder, [str(path)], on_reject, workers)
    scanned = time.perf_counter()
    profiles = builder.build()
    built = time.perf_counter()
    baseline_labels = identifier_components(builder.posts)
    baseline_done = time.perf_counter()
    link = score(ring_labels(profiles), truth)
    baseline = score(baseline_labels, truth)
    return {
        "flagged": len(builder.posts), "rings": len(profiles),
        "read_scan_s": scanned - started, "link_s": built - scanned,
        "total_s": built - started, "baseline_link_s": baseline_done - built,
        "f1": link.bcubed_f1, "baseline_f1": baseline.bcubed_f1,
        "precision": link.bcubed_precision, "recall": link.bcubed_recall,
        "largest": link.largest_share, "baseline_largest": baseline.largest_share,
        "peak_mb": peak_mb(resource.RUSAGE_SELF), "worker_peak_mb": peak_mb(resource.RUSAGE_CHILDREN),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--templates", default="heldout")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/cradlewatch-bench"))
    args = parser.parse_args()
    header = (f"{'posts':>9} {'flagged':>8} {'rings':>7} {'read+scan s':>11} {'link s':>8} "
              f"{'total s':>8} {'posts/s':>8} {'CC link s':>9} {'B3 F1':>6} {'CC B3 F1':>8} "
              f"{'F1 ratio':>8} {'B3 P':>6} {'B3 R':>6} {'largest':>7} {'CC largest':>10} {'peak MB':>8} {'worker MB':>9}")
    print(header, flush=True)
    for size in args.sizes:
        path, truth = corpus(args.cache, size, args.templates)
        r = run(path, truth, args.workers)
        print(f"{size:>9} {r['flagged']:>8} {r['rings']:>7} {r['read_scan_s']:>11.1f} "
              f"{r['link_s']:>8.1f} {r['total_s']:>8.1f} {size / r['total_s']:>8.0f} "
              f"{r['baseline_link_s']:>9.2f} {r['f1']:>6.3f} {r['baseline_f1']:>8.3f} "
              f"{r['f1'] / max(r['baseline_f1'], 1e-9):>8.2f} {r['precision']:>6.3f} "
              f"{r['recall']:>6.3f} {r['largest']:>7.3f} "
              f"{r['baseline_largest']:>10.3f} {r['peak_mb']:>8.0f} {r['worker_peak_mb']:>9.0f}",
              flush=True)


if __name__ == "__main__":
    main()
