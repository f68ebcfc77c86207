"""Benchmark the workspace: ingest throughput, and the review queue at depth.

    .venv/bin/python benchmarks/workspace.py [--posts 100000] [--pages 40]

1. **Ingest** synthetic posts (random phrases and numbers, no real data) from JSON Lines into
   a fresh SQLite workspace with ``cradlewatch.workspace.ingest.ingest`` (provenance, capture
   dedup, batches, resume points). Baseline in the same process: ``read_posts`` over the same
   file, the reading and validation any ingest must do. The ratio is the cost of storing.
2. **Analyze** scenario posts (``cradlewatch.scenario.posts``, held-out phrasing) already
   ingested: scan, store findings, link and store rings. Baseline in the same process: Find's
   ``Scanner.scan_many`` over the same posts, the scan that analyze cannot avoid. The ratio is
   the cost of storing and linking.
3. **Queue page at depth**: findings with random risks are bulk-inserted for every post, then
   a 50-row queue page is fetched at random depths with the repository's keyset cursor, and,
   as the baseline, with ``OFFSET`` on the same ORDER BY. Read the p95 ratio first (machines
   are noisy), then the absolute figures.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import orjson
from sqlalchemy import insert, select

from cradlewatch.io import read_posts
from cradlewatch.store import Store
from cradlewatch.store import repository as repo
from cradlewatch.store.repository import _queue_select
from cradlewatch.store.schema import FindingRow, PostRow
from cradlewatch.workspace.ingest import ingest

PAGE = 50
PHRASES = ["送养满月男宝", "营养费{n}万", "联系QQ {q}", "南京本地优先", "诚心领养", "非诚勿扰"]


def synthetic_posts(count: int, seed: int = 7) -> list[dict[str, object]]:
    """Synthetic posts only: random phrases and numbers, no real person's data."""
    rng = random.Random(seed)
    return [
        {
            "id": f"p{i:07d}",
            "text": "，".join(rng.choice(PHRASES) for _ in range(8)).format(
                n=rng.randint(2, 9), q=rng.randint(10**8, 10**9)
            ),
            "platform": rng.choice(("tieba", "qq_group", "weibo")),
            "site": "圆梦之家",
            "author": f"user{rng.randint(1, 5000)}",
            "posted_at": f"2013-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00+08:00",
        }
        for i in range(count)
    ]


def bench_ingest(directory: Path, source: Path, count: int) -> Store:
    start = time.perf_counter()
    read = sum(1 for _ in read_posts([str(source)], lambda r: None))
    baseline = time.perf_counter() - start
    store = Store.open(directory, create=True)
    start = time.perf_counter()
    report = ingest(store, [str(source)], lambda r: None)
    elapsed = time.perf_counter() - start
    assert read == count == report.new_posts
    start = time.perf_counter()
    again = ingest(store, [str(source)], lambda r: None)
    skip = time.perf_counter() - start
    assert again.new_posts == 0
    print(
        f"ingest: {count / elapsed:,.0f} posts/s ({elapsed:.1f} s for {count:,}); "
        f"read_posts alone {count / baseline:,.0f} posts/s; ingest/read time ratio "
        f"{elapsed / baseline:.1f}x; re-run of the same file {skip * 1000:.0f} ms"
    )
    return store


def bench_analyze(directory: Path, count: int) -> None:
    from cradlewatch.find.scanner import Scanner
    from cradlewatch.model import Post
    from cradlewatch.scenario.posts import generate_posts
    from cradlewatch.workspace.analyze import analyze, default_workers

    records = [record for record, _ in generate_posts(11, count, "heldout")]
    source = directory / "scenario.jsonl"
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    known = set(Post.__dataclass_fields__) - {"extra", "provenance"}
    posts = [Post(**{k: v for k, v in r.items() if k in known}) for r in records]
    start = time.perf_counter()
    flagged = sum(f.verdict != "benign" for _, f in Scanner().scan_many(posts))
    baseline = time.perf_counter() - start
    store = Store.open(directory / "analyze-ws", create=True)
    ingest(store, [str(source)], lambda r: None)
    workers = default_workers()
    start = time.perf_counter()
    report = analyze(store, directory / "analyze-ws", workers=workers)
    elapsed = time.perf_counter() - start
    assert report.scanned == count and report.flagged == flagged
    start = time.perf_counter()
    again = analyze(store, directory / "analyze-ws", workers=workers)
    rerun = time.perf_counter() - start
    store.close()
    print(
        f"analyze: {count / elapsed:,.0f} posts/s ({elapsed:.1f} s for {count:,}, {flagged:,} "
        f"flagged, {report.rings:,} rings, {workers} worker(s)); bare scan {count / baseline:,.0f} "
        f"posts/s; analyze/scan time ratio {elapsed / baseline:.1f}x; re-run with nothing new "
        f"{rerun:.1f} s ({again.scanned} scanned)"
    )


def fill_findings(store: Store, seed: int = 3) -> int:
    rng = random.Random(seed)
    with store.session() as session:
        ids = list(session.scalars(select(PostRow.id)))
        rows = [
            {
                "post_id": i,
                "verdict": rng.choice(("trafficking", "suspicious")),
                "risk": round(rng.random(), 4),
                "detail": {},
                "run": 1,
                "scanned_at": "2026-01-01T00:00:00Z",
            }
            for i in ids
        ]
        for start in range(0, len(rows), 10_000):
            session.execute(insert(FindingRow), rows[start : start + 10_000])
    return len(ids)


def _cursors(store: Store, total: int, pages: int, seed: int = 5) -> list[tuple[int, str]]:
    """(offset, cursor) pairs at random depths: the cursor of the row just before the page."""
    rng = random.Random(seed)
    with store.session() as session:
        keys = session.execute(
            select(FindingRow.risk, FindingRow.post_id).order_by(
                FindingRow.risk.desc(), FindingRow.post_id.desc()
            )
        ).all()
    out = []
    for _ in range(pages):
        offset = rng.randrange(1, max(2, total - PAGE))
        risk, ident = keys[offset - 1]
        out.append((offset, repo.encode_cursor(risk, ident)))
    return out


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def bench_queue(store: Store, total: int, pages: int) -> None:
    cursors = _cursors(store, total, pages)
    keyset, offset_times = [], []
    with store.session() as session:
        repo.queue(session, limit=PAGE)  # warm the cache
        for offset, cursor in cursors:
            start = time.perf_counter()
            page = repo.queue(session, cursor=cursor, limit=PAGE)
            keyset.append(time.perf_counter() - start)
            query = (
                _queue_select()
                .where(FindingRow.verdict.in_(("trafficking", "suspicious")))
                .order_by(FindingRow.risk.desc(), FindingRow.post_id.desc())
                .offset(offset)
                .limit(PAGE + 1)
            )
            start = time.perf_counter()
            rows = session.execute(query).all()
            offset_times.append(time.perf_counter() - start)
            assert [r[0] for r in rows[:PAGE]] == [p.id for p in page.items]
    k95, o95 = _p(keyset, 95) * 1000, _p(offset_times, 95) * 1000
    print(
        f"queue page ({PAGE} rows) at random depth in {total:,} findings: keyset p95 "
        f"{k95:.1f} ms (p50 {_p(keyset, 50) * 1000:.1f} ms) vs OFFSET p95 {o95:.1f} ms "
        f"(p50 {_p(offset_times, 50) * 1000:.1f} ms): OFFSET/keyset {o95 / k95:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--analyze-posts", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        source = directory / "posts.jsonl"
        source.write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in synthetic_posts(args.posts)))
        if args.analyze_posts:
            bench_analyze(directory, args.analyze_posts)
        store = bench_ingest(directory / "ws", source, args.posts)
        total = fill_findings(store)
        bench_queue(store, total, args.pages)
        store.close()


if __name__ == "__main__":
    main()
