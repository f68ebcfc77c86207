"""Benchmark the Workbench's queue and post pages in process (TestClient, one client).

    .venv/bin/python benchmarks/web.py WORKSPACE_DIR [--requests 200] [--user analyst]
        [--password analyst-demo-password]

For the same workspace (e.g. the demo's, ``python -m cradlewatch.demo --dir D`` then
``D/workspace``) it times, in the same process: the store call alone (``repository.queue``,
``repository.get_post``: the baseline) and the full page through the app (session check,
permission, audit append, template or JSON). Read the ratio to the baseline first, then the
absolute p50/p95 in ms. The issue's target (p95 ≤ 200 ms at 1,000,000 posts under 20
concurrent clients over HTTP) needs a server and a large workspace; this is its in-process part.
Every page view appends an audit row, as it should: run it on a throwaway workspace.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from cradlewatch.store import Store, repository
from cradlewatch.web import create_app


def _times(run: Callable[[int], object], count: int) -> list[float]:
    out = []
    for index in range(count):
        start = time.perf_counter()
        run(index)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--user", default="analyst")
    parser.add_argument("--password", default="analyst-demo-password")
    args = parser.parse_args()

    store = Store.open(args.workspace)
    with store.session() as session:
        ids = [p.id for p in repository.queue(session, limit=500).items]
    client = TestClient(create_app(args.workspace), follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token, "no login form"
    signed = client.post(
        "/login",
        data={"username": args.user, "password": args.password, "csrf_token": token.group(1)},
    )
    assert signed.status_code == 303, "login failed: check --user/--password"

    def store_queue(_: int) -> None:
        with store.session() as session:
            repository.queue(session, limit=50)

    def store_post(i: int) -> None:
        with store.session() as session:
            repository.get_post(session, ids[i % len(ids)])

    runs = {
        "queue  store call (baseline)": _times(store_queue, args.requests),
        "queue  page HTML": _times(lambda _: client.get("/queue"), args.requests),
        "queue  page JSON": _times(lambda _: client.get("/queue.json"), args.requests),
        "post   store call (baseline)": _times(store_post, args.requests),
        "post   page HTML": _times(
            lambda i: client.get(f"/posts/{ids[i % len(ids)]}"), args.requests
        ),
        "post   page JSON": _times(
            lambda i: client.get(f"/posts/{ids[i % len(ids)]}.json"), args.requests
        ),
    }
    baselines = {
        "queue": runs["queue  store call (baseline)"],
        "post": runs["post   store call (baseline)"],
    }
    with store.session() as session:
        posts = repository.counts(session)["posts"]
    print(f"workspace {args.workspace}: {posts} posts; {args.requests} sequential requests each")
    for name, values in runs.items():
        base = statistics.median(baselines[name.split()[0]])
        print(
            f"{name:30s} p50 {statistics.median(values):7.2f} ms  p95 {_p95(values):7.2f} ms"
            f"  x{statistics.median(values) / base:5.1f} of the store call"
        )


if __name__ == "__main__":
    main()
