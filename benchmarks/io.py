"""Benchmark the post readers: records/s and MB/s of ``read_posts`` per format.

    .venv/bin/python benchmarks/io.py [--posts 200000]

Writes synthetic posts (about 300 bytes each, Chinese text) to a temporary directory as JSON
Lines, gzip JSON Lines and CSV, and a smaller set as one WARC, then reads each with
``read_posts`` (validation, provenance hash, Post records). The baseline, run in the same
process on the same JSON Lines file, is the least any reader must do: iterate the lines and
``orjson.loads`` each one. Read the ratio first (machines are noisy), then the absolute figures;
the Link budget (1,000,000 posts to rings in 10 minutes) leaves the reader a few seconds.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cradlewatch.io import read_posts

PHRASES = ["送养满月男宝", "营养费{n}万", "联系QQ {q}", "南京本地优先", "诚心领养", "非诚勿扰"]


def synthetic_posts(count: int, seed: int = 7) -> list[dict[str, object]]:
    """Synthetic posts only: random phrases and numbers, no real person's data."""
    rng = random.Random(seed)
    posts = []
    for i in range(count):
        words = [rng.choice(PHRASES) for _ in range(8)]
        text = "，".join(words).format(n=rng.randint(2, 9), q=rng.randint(10**8, 10**9))
        posts.append(
            {
                "id": f"p{i}",
                "text": text,
                "title": "求领养",
                "platform": "tieba",
                "site": "圆梦之家",
                "author": f"user{rng.randint(1, 5000)}",
                "posted_at": "2014-01-30T22:40:00+08:00",
                "thread_id": f"t{i // 10}",
                "likes": rng.randint(0, 50),
            }
        )
    return posts


def write_inputs(directory: Path, posts: list[dict[str, object]], warc_posts: int) -> None:
    lines = b"".join(orjson.dumps(post) + b"\n" for post in posts)
    (directory / "posts.jsonl").write_bytes(lines)
    (directory / "posts.jsonl.gz").write_bytes(gzip.compress(lines, compresslevel=6))
    with (directory / "posts.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(posts[0]))
        writer.writeheader()
        writer.writerows(posts)
    with (directory / "posts.warc.gz").open("wb") as handle:
        warc = WARCWriter(handle, gzip=True)
        for post in posts[:warc_posts]:
            page = f"<html><head><title>{post['title']}</title></head><body><div><p>"
            page += f"{post['text']}</p></div><script>var a=1;</script></body></html>"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = warc.create_warc_record(
                f"http://bbs.example/p/{post['id']}",
                "response",
                payload=io.BytesIO(page.encode()),
                http_headers=headers,
            )
            warc.write_record(record)


def timed(run: Callable[[], int]) -> tuple[int, float]:
    start = time.perf_counter()
    count = run()
    return count, time.perf_counter() - start


def baseline(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        for line in handle:
            orjson.loads(line)
            count += 1
    return count


def reader(path: Path) -> Callable[[], int]:
    def run() -> int:
        return sum(1 for _post in read_posts([str(path)], print))

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--warc-posts", type=int, default=20_000)
    args = parser.parse_args()
    posts = synthetic_posts(args.posts)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        write_inputs(directory, posts, args.warc_posts)
        jsonl = directory / "posts.jsonl"
        print(f"{'run':<30} {'records':>9} {'seconds':>8} {'records/s':>10} {'MB/s':>7}  µs/record")
        base_rate = 0.0
        runs = [
            ("baseline: lines + orjson.loads", jsonl, lambda: baseline(jsonl)),
            ("read_posts JSONL", jsonl, reader(jsonl)),
            (
                "read_posts JSONL.gz",
                directory / "posts.jsonl.gz",
                reader(directory / "posts.jsonl.gz"),
            ),
            ("read_posts CSV", directory / "posts.csv", reader(directory / "posts.csv")),
            (
                "read_posts WARC.gz (HTML)",
                directory / "posts.warc.gz",
                reader(directory / "posts.warc.gz"),
            ),
        ]
        for name, path, run in runs:
            count, seconds = timed(run)
            rate = count / seconds
            base_rate = base_rate or rate
            megabytes = path.stat().st_size / 1e6 / seconds
            print(
                f"{name:<30} {count:>9,} {seconds:>8.2f} {rate:>10,.0f} {megabytes:>7.1f} "
                f" {1e6 / rate:6.2f} = {base_rate / rate:5.1f}x baseline"
            )


if __name__ == "__main__":
    main()
