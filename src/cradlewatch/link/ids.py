"""Stable ring ids.

Rings are put in a canonical order that does not depend on input order — largest first, then
by their smallest post id — and numbered R0001, R0002, … in that order. In an incremental run
each new ring takes the id of the previous ring it overlaps most (ties: the smaller id), so a
ring that grows by a day's posts keeps its id; rings with no predecessor get fresh numbers
after the highest id ever issued, so an id is never reused for different people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence


def canonical_order(rings: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    return sorted(rings, key=lambda ring: (-len(ring), min(ring)))


def ring_id(number: int) -> str:
    return f"R{number:04d}"


def id_number(ring: str) -> int:
    return int(ring[1:])


def assign_ids(rings: Sequence[frozenset[str]], previous: Mapping[str, str],
               next_number: int) -> tuple[list[tuple[str, frozenset[str]]], int]:
    """``(id, ring)`` pairs in canonical order, and the next free number."""
    taken: set[str] = set()
    out: list[tuple[str, frozenset[str]]] = []
    for ring in canonical_order(rings):
        overlap = Counter(previous[p] for p in ring if p in previous)
        choice = next((old for old, _ in sorted(overlap.items(),
                                                key=lambda kv: (-kv[1], id_number(kv[0])))
                       if old not in taken), None)
        if choice is None:
            choice = ring_id(next_number)
            next_number += 1
        taken.add(choice)
        out.append((choice, ring))
    return out, next_number
