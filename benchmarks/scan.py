"""Benchmark Find: posts/s of `scan` on one core, beside merely parsing the file with orjson,
and peak memory for 10,000 and 100,000 posts (each measured in a fresh process).

    .venv/bin/python benchmarks/scan.py [--size 100000] [--small 10000]

Machines are noisy: read the ratio to the orjson baseline first, the absolute numbers second.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson


def generate(path: Path, size: int, seed: int) -> None:
    from cradlewatch.scenario.posts import generate_posts

    with path.open("wb") as handle:
        for post, _ in generate_posts(seed, size, "all"):
            handle.write(orjson.dumps(post) + b"\n")


def parse_only(path: Path) -> float:
    started = time.perf_counter()
    with path.open("rb") as handle:
        for line in handle:
            orjson.loads(line)
    return time.perf_counter() - started


def scan_file(path: Path) -> tuple[float, float, int]:
    """Read, scan and serialise every post (the whole `cradlewatch scan` path, output to
    /dev/null). Returns wall-clock and CPU seconds: on a shared machine the CPU time of this
    single-threaded process is what "one core" means."""
    from cradlewatch.find.scanner import Scanner
    from cradlewatch.io import JsonlWriter, read_posts

    scanner = Scanner()
    scanner.scan_many([])  # the lexicon and model are loaded before the clock starts
    count = 0
    started, cpu = time.perf_counter(), time.process_time()
    with JsonlWriter(os.devnull) as writer:
        for _, finding in scanner.scan_many(read_posts([str(path)], lambda r: None)):
            writer.write(finding)  # as `cradlewatch scan` does: orjson writes the dataclass
            count += 1
    return time.perf_counter() - started, time.process_time() - cpu, count


def peak_rss_mb(path: Path) -> float:
    """Peak resident memory of a fresh process that scans ``path``."""
    here, target = str(Path(__file__).parent), str(path)
    code = (
        f"import resource, sys, pathlib; sys.path.insert(0, {here!r}); import scan as b; "
        f"b.scan_file(pathlib.Path({target!r})); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=31)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "big.jsonl", Path(tmp) / "small.jsonl"
        generate(big, args.size, args.seed)
        generate(small, args.small, args.seed + 1)
        parse = parse_only(big)
        scan, cpu, count = scan_file(big)
        mb = big.stat().st_size / 1e6
        print(f"corpus: {count:,} scenario posts, {mb:.1f} MB")
        print(f"orjson parse only : {parse:7.2f} s  {count / parse:12,.0f} posts/s")
        print(f"cradlewatch scan  : {scan:7.2f} s  {count / scan:12,.0f} posts/s  wall clock")
        print(f"  one core (CPU)  : {cpu:7.2f} s  {count / cpu:12,.0f} posts/s  (target >= 5,000)")
        print(f"ratio scan/parse  : {scan / parse:7.1f}x the time of parsing alone")
        rss_small, rss_big = peak_rss_mb(small), peak_rss_mb(big)
        print(f"peak RSS, {args.small:,} posts : {rss_small:7.1f} MB")
        print(
            f"peak RSS, {args.size:,} posts: {rss_big:7.1f} MB  (ratio {rss_big / rss_small:.3f})"
        )
        print(
            f"self peak RSS (includes generation): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )


if __name__ == "__main__":
    main()
