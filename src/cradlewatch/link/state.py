"""The incremental state of ``rings --state DIR``: what a later run needs to go on.

Kept: the compact record and MinHash signature of every flagged post (so nothing is
re-scanned or re-hashed), the hub statistics over all posts ever scanned (benign ones
included), and the ring of every post with the next free ring number (so rings that persist
keep their ids and retired ids are never reused). Files are plain JSON Lines / JSON / NumPy,
written to a temporary name and renamed, so that an interrupted run leaves the old state whole.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import orjson

from cradlewatch.errors import UsageError
from cradlewatch.link.pipeline import RingBuilder
from cradlewatch.link.records import LinkPost

POSTS, SIGNATURES, HUBS, RINGS = "posts.jsonl", "signatures.npy", "hubs.json", "rings.json"


def load_state(directory: Path, builder: RingBuilder) -> None:
    """Fill ``builder`` from ``directory``; an empty or missing directory is a fresh start."""
    if not (directory / RINGS).exists():
        return
    try:
        posts = [LinkPost.from_json(orjson.loads(line))
                 for line in (directory / POSTS).read_bytes().splitlines() if line.strip()]
        signatures = np.load(directory / SIGNATURES)
        hubs = orjson.loads((directory / HUBS).read_bytes())
        rings = orjson.loads((directory / RINGS).read_bytes())
    except (OSError, ValueError, KeyError) as error:
        raise UsageError(f"{directory}:0: cannot read link state: {error}") from error
    if len(signatures) != len(posts):
        raise UsageError(f"{directory / SIGNATURES}:0: {len(signatures)} signatures for "
                         f"{len(posts)} posts")
    from cradlewatch.link.hubs import HubStats

    builder.posts = posts
    builder.signatures = list(signatures)
    builder.hubs = HubStats.from_json(hubs)
    builder.previous = {p: ring for ring, members in rings["rings"].items() for p in members}
    builder.previous_rings = [frozenset(m) for m in rings["rings"].values()]
    builder.next_number = int(rings["next_number"])
    builder.new_posts = set()
    builder.__post_init__()


def save_state(directory: Path, builder: RingBuilder) -> None:
    """Write the builder's state after :meth:`RingBuilder.build`."""
    directory.mkdir(parents=True, exist_ok=True)
    _write(directory / POSTS,
           b"".join(orjson.dumps(p.to_json(), option=orjson.OPT_APPEND_NEWLINE)
                    for p in builder.posts))
    tmp = directory / f".{SIGNATURES}.tmp.npy"
    np.save(tmp, np.stack(builder.signatures) if builder.signatures
            else np.zeros((0, builder.config.num_perm), dtype=np.uint32))
    os.replace(tmp, directory / SIGNATURES)
    _write(directory / HUBS, orjson.dumps(builder.hubs.to_json()))
    rings: dict[str, list[str]] = {}
    for post, ring in sorted(builder.previous.items()):
        rings.setdefault(ring, []).append(post)
    _write(directory / RINGS, orjson.dumps({"next_number": builder.next_number,
                                            "rings": dict(sorted(rings.items()))}))


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
