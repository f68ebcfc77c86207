"""Analysts' decisions about joins, stored as data and respected by every later run.

A judgement file is JSON Lines, one decision per line, always with who and when::

    {"action": "confirm", "a": "post:p17", "b": "qq:123456789", "user": "li", "time": "2026-03-01T09:00:00Z"}
    {"action": "reject",  "a": "post:p17", "b": "post:p230",   "user": "li", "time": "...", "note": "different sellers"}
    {"action": "merge",   "posts": ["p17", "p999"], "user": "wang", "time": "..."}
    {"action": "split",   "posts": ["p230", "p231"], "user": "wang", "time": "..."}

``a``/``b`` name a post (``post:ID``), an account (``account:PLATFORM:ID``) or an identifier
(``KIND:VALUE`` as in scan output). ``confirm`` puts both sides' rings together; ``reject`` removes the join between a post and an identifier or account (a
mis-read number) or keeps two posts apart; ``merge`` puts the rings of the listed posts
together; ``split`` takes the listed posts out into a ring of their own. Decisions are applied
in time order and a later confirm/reject of the same pair replaces an earlier one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson

from cradlewatch.link.graph import (
    POST,
    EvidenceGraph,
    account_node,
    identifier_node,
    post_node,
)
from cradlewatch.model import IDENTIFIER_KINDS, Reject

ACTIONS = ("confirm", "reject", "merge", "split")


@dataclass(slots=True, frozen=True)
class Judgement:
    """One analyst decision; ``a``/``b`` are graph nodes, ``posts`` post ids."""

    action: str
    user: str
    time: str
    a: str = ""
    b: str = ""
    posts: tuple[str, ...] = ()
    note: str = ""

    @property
    def evidence(self) -> str:
        note = f": {self.note}" if self.note else ""
        return f"{self.action} by {self.user} at {self.time}{note}"


def parse_node(name: str) -> str:
    """``post:ID`` / ``account:P:ID`` / ``KIND:VALUE`` to a graph node; ValueError if neither."""
    head, _, rest = name.partition(":")
    if not rest:
        raise ValueError(f"{name!r} is not post:ID, account:PLATFORM:ID or KIND:VALUE")
    if head == "post":
        return post_node(rest)
    if head == "account":
        return account_node(rest)
    if head in IDENTIFIER_KINDS:
        return identifier_node(name)
    raise ValueError(f"{name!r}: unknown prefix {head!r}")


def parse_judgement(data: object) -> Judgement:
    """Validate one decoded line; ValueError with the reason when it is not a judgement."""
    if not isinstance(data, dict):
        raise ValueError("a judgement must be a JSON object")  # noqa: TRY004 - one error type per bad line
    action, user, time = data.get("action"), data.get("user"), data.get("time")
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}")
    if not isinstance(user, str) or not user or not isinstance(time, str) or not time:
        raise ValueError("user and time are required strings")
    note = data.get("note") or ""
    if action in ("confirm", "reject"):
        a, b = data.get("a"), data.get("b")
        if not isinstance(a, str) or not isinstance(b, str):
            raise ValueError(f"{action} needs a and b")
        return Judgement(action, user, time, a=parse_node(a), b=parse_node(b), note=str(note))
    posts = data.get("posts")
    if not isinstance(posts, list) or not posts or not all(isinstance(p, str) for p in posts):
        raise ValueError(f"{action} needs a non-empty list of post ids")
    if action == "merge" and len(set(posts)) < 2:
        raise ValueError("merge needs at least two posts")
    return Judgement(action, user, time, posts=tuple(posts), note=str(note))


def read_judgements(path: Path, on_reject: Callable[[Reject], None]) -> list[Judgement]:
    """All valid judgements of a file in time order; bad lines go to ``on_reject``."""
    judgements = []
    try:
        lines = path.read_bytes().splitlines()
    except OSError as error:
        from cradlewatch.errors import UsageError

        raise UsageError(f"{path}:0: cannot read judgements: {error.strerror}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            judgements.append(parse_judgement(orjson.loads(line)))
        except (orjson.JSONDecodeError, ValueError) as error:
            on_reject(Reject(str(path), number, str(error)))
    return sorted(judgements, key=lambda j: j.time)


def effective(judgements: Iterable[Judgement]) -> list[Judgement]:
    """Judgements in time order, a later confirm/reject of one pair replacing an earlier one."""
    latest: dict[frozenset[str], Judgement] = {}
    ordered: list[Judgement] = []
    for judgement in sorted(judgements, key=lambda j: j.time):
        if judgement.action in ("confirm", "reject"):
            latest[frozenset((judgement.a, judgement.b))] = judgement
        else:
            ordered.append(judgement)
    return sorted([*latest.values(), *ordered], key=lambda j: j.time)


def apply_to_graph(graph: EvidenceGraph, judgements: Iterable[Judgement]) -> None:
    """Drop rejected joins before clustering.

    Confirmed joins are not added as edges: a heavy edge would only drag one post out of its
    ring into the other, while the analyst meant the two rings are one, which
    :func:`apply_to_rings` enforces after clustering.
    """
    rejected = {frozenset((j.a, j.b)) for j in judgements if j.action == "reject"}
    if rejected:
        graph.edges = [e for e in graph.edges if frozenset((e.left, e.right)) not in rejected]


def apply_to_rings(rings: list[frozenset[str]], graph: EvidenceGraph,
                   judgements: list[Judgement]) -> list[frozenset[str]]:
    """Enforce the decisions on the clustered rings, in time order.

    A confirmed join puts the rings of both sides together (for an identifier or account: the
    rings of the posts that carry it), as does a merge.
    """
    ring_of: dict[str, int] = {}
    groups: dict[int, set[str]] = {}
    for number, ring in enumerate(rings):
        groups[number] = set(ring)
        ring_of.update((p, number) for p in ring)
    fresh = len(rings)
    holders = _holders(graph, judgements)
    for judgement in judgements:
        a, b = _post(judgement.a), _post(judgement.b)
        if judgement.action == "confirm":
            together = holders.get(judgement.a, []) + holders.get(judgement.b, [])
            _merge(groups, ring_of, [p for p in together if p in ring_of])
        elif judgement.action == "merge":
            _merge(groups, ring_of, [p for p in judgement.posts if p in ring_of])
        elif judgement.action == "split":
            for post in judgement.posts:
                if post in ring_of:
                    groups[ring_of[post]].discard(post)
            moved = [p for p in judgement.posts if p in ring_of]
            if moved:
                groups[fresh] = set(moved)
                ring_of.update((p, fresh) for p in moved)
                fresh += 1
        elif judgement.action == "reject" and a in ring_of and ring_of.get(b) == ring_of[a]:
            keep, leave = _separate(groups[ring_of[a]], graph, a, b)
            groups[ring_of[a]] = keep
            groups[fresh] = leave
            ring_of.update((p, fresh) for p in leave)
            fresh += 1
    return [frozenset(g) for g in groups.values() if g]


def _holders(graph: EvidenceGraph, judgements: list[Judgement]) -> dict[str, list[str]]:
    """The posts behind each confirmed node: the post itself, or the posts that carry it."""
    wanted = {n for j in judgements if j.action == "confirm" for n in (j.a, j.b)}
    holders: dict[str, list[str]] = {n: [_post(n)] for n in wanted if n.startswith(POST)}
    for edge in graph.edges:
        for node, other in ((edge.left, edge.right), (edge.right, edge.left)):
            if node in wanted and not node.startswith(POST) and other.startswith(POST):
                holders.setdefault(node, []).append(_post(other))
    return holders


def _post(node: str) -> str:
    return node[len(POST):] if node.startswith(POST) else ""


def _merge(groups: dict[int, set[str]], ring_of: dict[str, int], posts: list[str]) -> None:
    targets = sorted({ring_of[p] for p in posts})
    for other in targets[1:]:
        for post in groups.pop(other):
            groups[targets[0]].add(post)
            ring_of[post] = targets[0]


def _separate(ring: set[str], graph: EvidenceGraph, a: str, b: str) -> tuple[set[str], set[str]]:
    """Split a ring between two posts an analyst kept apart: each post joins the nearer one.

    A breadth-first search from both posts at once over the ring's evidence edges (the direct
    a–b edges already removed); ties and unreachable posts stay with ``a``.
    """
    nodes = {post_node(p) for p in ring}
    neighbours: dict[str, list[str]] = {}
    for edge in graph.edges:
        if frozenset((edge.left, edge.right)) == frozenset((post_node(a), post_node(b))):
            continue
        neighbours.setdefault(edge.left, []).append(edge.right)
        neighbours.setdefault(edge.right, []).append(edge.left)
    owner = {post_node(a): "a", post_node(b): "b"}
    queue = deque([post_node(a), post_node(b)])
    while queue:
        node = queue.popleft()
        for other in sorted(neighbours.get(node, ())):
            if other not in owner and (other in nodes or not other.startswith(POST)):
                owner[other] = owner[node]
                queue.append(other)
    leave = {p for p in ring if owner.get(post_node(p)) == "b"}
    return ring - leave, leave
