"""Benchmark the scenario generator: posts/s of ``generate_posts`` + JSON Lines serialisation.

    .venv/bin/python benchmarks/scenario.py [--size 200000] [--seed 7] [--templates train]
    .venv/bin/python benchmarks/scenario.py --linkability 5000   # how hard is linking?

The brief asks for at least 20,000 posts/s (a 1,000,000-post corpus is generated for the Link
benchmark). Machines are noisy, so the script also times, in the same process, serialising the
already-generated posts and truth with orjson (the floor any generator writing JSON Lines pays)
and prints the ratio generate+serialise / serialise alone, beside the absolute figures.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from typing import Any

import orjson

from cradlewatch.scenario.posts import generate_posts


def linkability(size: int, seed: int = 20140219, templates: str = "heldout") -> None:
    """B-cubed of joining flagged posts on every exact shared feature (perfect extraction).

    Features: non-hub identifiers as the truth lists them, accounts, threads, photo hashes and
    (second line) the site field; plain connected components. The reference a linker must beat.
    """
    pairs = [(p, t) for p, t in generate_posts(seed, size, templates) if t["verdict"] != "benign"]
    def find(parent: list[int], x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for use_site in (False, True):
        parent = list(range(len(pairs)))
        first: dict[tuple[Any, ...], int] = {}
        for index, (post, truth) in enumerate(pairs):
            keys: list[tuple[Any, ...]] = [(r["kind"], r["value"]) for r in truth["identifiers"] if "hub" not in r]
            keys += [("account", post["platform"], post["author_id"]), ("thread", post["thread_id"])]
            keys += [("image", image["sha256"]) for image in post.get("images", [])]
            if use_site and post.get("site"):
                keys.append(("site", post["site"]))
            for key in keys:
                other = first.setdefault(key, index)
                parent[find(parent, index)] = find(parent, other)
        truth_rings = [t["ring"] for _, t in pairs]
        predicted = [find(parent, i) for i in range(len(pairs))]
        true_sizes, pred_sizes = Counter(truth_rings), Counter(predicted)
        both = Counter(zip(truth_rings, predicted, strict=True))
        n = len(pairs)
        precision = sum(both[(r, c)] / pred_sizes[c] for r, c in zip(truth_rings, predicted, strict=True)) / n
        recall = sum(both[(r, c)] / true_sizes[r] for r, c in zip(truth_rings, predicted, strict=True)) / n
        f1 = 2 * precision * recall / (precision + recall)
        print(f"linkability ({size:,} posts, {templates}, seed {seed}, {n:,} flagged, {len(true_sizes):,} true rings"
              f"{', with site' if use_site else ''}): B-cubed P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--templates", default="train")
    parser.add_argument("--linkability", type=int, default=0, help="Only print the linkability reference for N posts.")
    args = parser.parse_args()
    if args.linkability:
        linkability(args.linkability)
        return

    dumps = orjson.dumps
    sample_every = 10  # keep a tenth of the pairs for the baseline (holding all would cost GC time)
    started, cpu_started = time.perf_counter(), time.process_time()
    pairs = []
    written = 0
    for index, (post, truth) in enumerate(generate_posts(args.seed, args.size, args.templates)):
        written += len(dumps(post)) + len(dumps(truth)) + 2
        if index % sample_every == 0:
            pairs.append((post, truth))
    generate = time.perf_counter() - started
    generate_cpu = time.process_time() - cpu_started

    started = time.perf_counter()
    for _ in range(sample_every):
        for post, truth in pairs:
            dumps(post)
            dumps(truth)
    serialise = time.perf_counter() - started

    rate = args.size / generate
    print(f"scenario posts: {args.size:,} posts (+ truth), seed {args.seed}, templates {args.templates}")
    print(f"  generate + serialise : {generate:8.2f} s  {rate:12,.0f} posts/s  "
          f"{generate / args.size * 1e6:6.1f} µs/post   ({written / 1e6:,.0f} MB of JSON Lines)")
    print(f"  CPU time (one core)  : {generate_cpu:8.2f} s  {args.size / generate_cpu:12,.0f} posts/s  "
          "(wall time suffers when other jobs share the cores)")
    print(f"  serialise only (floor): {serialise:7.2f} s  {args.size / serialise:12,.0f} posts/s  "
          f"{serialise / args.size * 1e6:6.1f} µs/post")
    cpu_rate = args.size / generate_cpu
    print(f"  ratio generate/serialise: {generate / serialise:.1f}x   target >= 20,000 posts/s on one "
          f"core (CPU time): {'met' if cpu_rate >= 20_000 else 'NOT met'}")


if __name__ == "__main__":
    main()
