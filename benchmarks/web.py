"""Benchmark the Workbench over HTTP: a 1,000,000-post workspace under 20 concurrent clients.

    .venv/bin/python benchmarks/web.py [--workdir /tmp/webbench] [--size 1000000]
        [--baseline 10000] [--clients 20] [--requests 4000] [--workers 4]

1. **Build** (cached): for each size, the real pipeline in subprocesses, each timed:
   ``cradlewatch scenario posts --seed S --size N``, ``init``, ``ingest``, ``analyze``, and
   ``user add`` (an analyst). The workspace is kept under ``--workdir/ws-N-sS`` with a
   ``build.json`` of the timings, so a second run skips straight to the load.
2. **Serve** it with ``cradlewatch serve --workers W`` (uvicorn) in a subprocess on 127.0.0.1.
3. **Load** it from this process: ``--clients`` concurrent httpx clients, each signed in as
   the analyst with its own session, send back-to-back requests (no think time: the hardest
   reading of "20 concurrent clients") drawn evenly from eight page kinds: the queue's first
   page, a filtered first page (platform, reason, province, verdict or a date range), a deep
   keyset page (a cursor at a random depth of the flagged posts) and the post page of a random
   flagged post, each as HTML and as its JSON twin. Every view appends an audit row, as in
   production.

The same load on a ``--baseline``-post workspace (same seed, same server) is the baseline:
read the p95 ratio first (machines are noisy), then the absolute p50/p95/p99 in ms and the
throughput. The target is p95 <= 200 ms on every page kind at 1,000,000 posts. Beside them:
the server's and the clients' CPU time per request (which other jobs on the machine do not
inflate, unlike latency: with 20 clients back to back, latency is about 20 / throughput) and
the machine's load average, so that a reader can tell a slow server from a busy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

from cradlewatch.store.repository import encode_cursor

CLI = [str(Path(sys.executable).parent / "cradlewatch")]
USER, PASSWORD = "bench-analyst", "bench-analyst-password"
KINDS = ("queue first", "queue filtered", "queue deep", "post")
TARGET_MS = 200.0
WARM_UP = 8  # unmeasured requests per client: connections, caches, template compilation


def _run(args: list[str], stdin: bytes | None = None) -> list[float]:
    """Run a CLI step, failing loudly; its wall and CPU seconds (CPU: user + system of the
    step's processes, which a busy machine does not inflate the way it inflates wall time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(CLI + args, input=stdin, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return [wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime]


def build(workdir: Path, size: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The workspace of ``size`` scenario posts, built once and then reused."""
    directory = workdir / f"ws-{size}-s{seed}"
    marker = directory / "build.json"
    if marker.exists():
        return directory / "workspace", orjson.loads(marker.read_bytes())
    directory.mkdir(parents=True, exist_ok=True)
    posts, workspace = directory / "posts.jsonl", directory / "workspace"
    print(f"building {size:,} posts in {directory} ...", file=sys.stderr)
    times = {
        "generate": _run(
            ["scenario", "posts", "--seed", str(seed), "--size", str(size), "--out", str(posts)]
        ),
        "init": _run(["init", str(workspace)]),
        "ingest": _run(["ingest", "-w", str(workspace), str(posts)]),
        "analyze": _run(["analyze", "-w", str(workspace)]),
    }
    _run(
        ["user", "add", USER, "--role", "analyst", "-w", str(workspace), "--password-stdin"],
        stdin=f"{PASSWORD}\n".encode(),
    )
    posts.unlink()  # the store keeps every record; the file would only double the disk used
    info = {"size": size, "seed": seed, "seconds": times}
    marker.write_bytes(orjson.dumps(info))
    return workspace, info


@dataclass(slots=True)
class Plan:
    """What the clients ask for: real ids, cursors and facet values of this workspace."""

    posts: list[str]
    cursors: list[str]
    filters: list[dict[str, str]]
    flagged: int


def plan(workspace: Path, seed: int, samples: int = 2000) -> Plan:
    """Read the targets straight from the database (read-only), before the server starts."""
    db = sqlite3.connect(f"file:{workspace / 'cradlewatch.db'}?mode=ro", uri=True)
    keys = db.execute(
        "SELECT risk, post_id FROM findings WHERE verdict IN ('trafficking', 'suspicious') "
        "ORDER BY risk DESC, post_id DESC"
    ).fetchall()
    rng = random.Random(seed)
    posts = [keys[rng.randrange(len(keys))][1] for _ in range(samples)]
    cursors = [encode_cursor(*keys[rng.randrange(1, len(keys))]) for _ in range(samples)]

    def common(sql: str) -> list[str]:
        return [row[0] for row in db.execute(sql) if row[0]]

    # Filter values as the queue shows them: those of flagged posts, the most and the least
    # frequent. (A reason found only on benign posts, such as pet_context, matches nothing
    # in the queue and reads all of it: see docs/web.md, Performance.)
    flagged = "JOIN findings f ON f.post_id = t.post_id AND f.verdict != 'benign'"
    filters: list[dict[str, str]] = [{"verdict": "trafficking"}, {"verdict": "suspicious"}]
    filters += [
        {"platform": p}
        for p in common(
            f"SELECT DISTINCT platform FROM posts t {flagged.replace('t.post_id', 't.id')}"
        )
    ]
    for key, column, table in (("reason", "code", "reasons"), ("province", "province", "places")):
        for order, count in (("DESC", 5), ("", 2)):
            filters += [
                {key: value}
                for value in common(
                    f"SELECT {column} FROM {table} t {flagged} GROUP BY {column} "
                    f"ORDER BY count(*) {order} LIMIT {count}"
                )
            ]
    filters += [
        {"from": "2013-03-01", "to": "2013-03-31"},
        {"from": "2013-06-01"},
        {"from": "2013-03-15", "to": "2013-03-15"},
    ]
    db.close()
    return Plan(posts, cursors, filters, len(keys))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve(workspace: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """``cradlewatch serve`` in a subprocess (its log next to the workspace); returns once it
    answers."""
    port = _free_port()
    log = workspace.parent / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            CLI + ["serve", str(workspace), "--port", str(port), "--workers", str(workers)],
            stdout=subprocess.DEVNULL,
            stderr=sink,
            env={**os.environ, "CRADLEWATCH_WEB_SECRET": os.urandom(16).hex()},
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"the server did not start within 120 s: see {log}")


async def _signed_in(base: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=60)
    form = (await client.get("/login")).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token, "no login form"
    answer = await client.post(
        "/login", data={"username": USER, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert answer.status_code == 303, f"login failed: {answer.status_code}"
    return client


def _request(kind: str, target: Plan, rng: random.Random) -> tuple[str, dict[str, str]]:
    if kind == "queue first":
        return "/queue", {}
    if kind == "queue filtered":
        return "/queue", rng.choice(target.filters)
    if kind == "queue deep":
        return "/queue", {"cursor": rng.choice(target.cursors)}
    return f"/posts/{rng.choice(target.posts)}", {}


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and its children (Linux)."""
    total, tick = 0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / tick


@dataclass(slots=True)
class Run:
    """One workspace's measured load: latencies (ms) per page kind, wall and CPU seconds."""

    times: dict[str, list[float]]
    wall: float
    server_cpu: float
    client_cpu: float
    load_average: float  # the machine's 1-minute load average at the end, for the reader


async def load(
    base: str, server: int, target: Plan, clients: int, requests: int, seed: int, think: float = 0.0
) -> Run:
    """Warm up, then send ``requests`` from ``clients`` concurrent signed-in clients, each
    pausing a random time of mean ``think`` seconds between requests (0: back to back)."""
    sessions = await asyncio.gather(*(_signed_in(base) for _ in range(clients)))
    kinds = [f"{kind} {fmt}" for kind in KINDS for fmt in ("HTML", "JSON")]
    todo = [kinds[i % len(kinds)] for i in range(requests)]
    random.Random(seed).shuffle(todo)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []

    async def client(index: int, session: httpx.AsyncClient, measured: bool) -> None:
        rng = random.Random(seed * 1000 + index)
        warm_up = [kinds[(index + i) % len(kinds)] for i in range(WARM_UP)]
        while todo if measured else warm_up:
            name = todo.pop() if measured else warm_up.pop()
            path, params = _request(name.rsplit(" ", 1)[0], target, rng)
            if name.endswith("JSON"):
                path += ".json"
            start = time.perf_counter()
            answer = await session.get(path, params=params)
            elapsed = (time.perf_counter() - start) * 1000
            if answer.status_code != 200:
                errors.append(f"{answer.status_code} {path} {params}")
            elif measured:
                times[name].append(elapsed)
            if think and measured:
                await asyncio.sleep(rng.expovariate(1 / think))

    await asyncio.gather(*(client(i, s, False) for i, s in enumerate(sessions)))  # warm up
    server_cpu, client_cpu = _tree_cpu(server), time.process_time()
    start = time.perf_counter()
    await asyncio.gather(*(client(i, s, True) for i, s in enumerate(sessions)))
    wall = time.perf_counter() - start
    server_cpu, client_cpu = _tree_cpu(server) - server_cpu, time.process_time() - client_cpu
    await asyncio.gather(*(s.aclose() for s in sessions))
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    return Run(dict(times), wall, server_cpu, client_cpu, os.getloadavg()[0])


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def measure(workspace: Path, args: argparse.Namespace) -> tuple[Plan, Run]:
    target = plan(workspace, args.seed)
    server, base = serve(workspace, args.workers)
    try:
        run = asyncio.run(
            load(base, server.pid, target, args.clients, args.requests, args.seed, args.think)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return target, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/webbench"))
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=4000, help="measured, per workspace")
    parser.add_argument("--workers", type=int, default=4, help="server processes")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean pause of each client between requests, in seconds (0: back to back)",
    )
    args = parser.parse_args()

    results = {}
    for size in (args.baseline, args.size):
        workspace, info = build(args.workdir, size, args.seed)
        results[size] = (info, *measure(workspace, args))

    print(
        f"Workbench over HTTP: {args.clients} concurrent clients, "
        + (
            f"pausing {args.think:g} s on average between requests, "
            if args.think
            else "back to back, "
        )
        + f"{args.requests:,} measured requests per workspace, `serve --workers {args.workers}`, "
        f"{os.cpu_count()} cores"
    )
    for size, (info, target, run) in results.items():
        steps = ", ".join(
            f"{k} {wall:,.0f} s ({cpu:,.0f} s CPU)" for k, (wall, cpu) in info["seconds"].items()
        )
        print(
            f"  {size:>9,} posts ({target.flagged:,} flagged): build {steps}\n"
            f"    load {args.requests / run.wall:,.0f} req/s; CPU per request: server "
            f"{run.server_cpu / args.requests * 1000:.1f} ms, clients "
            f"{run.client_cpu / args.requests * 1000:.1f} ms; load average {run.load_average:.1f}"
        )
    big, small = results[args.size][2], results[args.baseline][2]
    print(
        f"{'page':22s} {'p50':>7s} {'p95':>7s} {'p99':>7s} {'req/s':>6s}   "
        f"baseline {args.baseline:,}: p50 / p95   p95 ratio"
    )
    worst = 0.0
    for name in sorted(big.times):
        p50, p95, p99 = _percentiles(big.times[name])
        b50, b95, _ = _percentiles(small.times[name])
        worst = max(worst, p95)
        print(
            f"{name:22s} {p50:7.1f} {p95:7.1f} {p99:7.1f} {len(big.times[name]) / big.wall:6.1f}"
            f"   {b50:14.1f} / {b95:5.1f}   x{p95 / b95:4.2f}"
        )
    verdict = "meets" if worst <= TARGET_MS else "MISSES"
    print(
        f"worst p95 at {args.size:,} posts: {worst:.1f} ms "
        f"({verdict} the {TARGET_MS:.0f} ms target)"
    )


if __name__ == "__main__":
    main()
