"""From scanned posts to ring profiles: the order in which the link steps run.

1. every scanned post (benign included) feeds the hub statistics;
2. every flagged post keeps a compact record and a MinHash signature of its masked text;
3. :meth:`RingBuilder.build` resolves accounts (Splink), finds near-duplicate templates
   (LSH), builds the evidence graph, applies the analysts' judgements, clusters (components
   + Leiden), numbers the rings stably and writes their profiles with reasons.

The builder can start from a previous state (see :mod:`cradlewatch.link.state`): old posts
are not re-scanned or re-hashed, components without new posts keep their rings, and rings
that persist keep their ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from cradlewatch.link.accounts import SamePerson, account_records, resolve_accounts
from cradlewatch.link.cluster import communities
from cradlewatch.link.config import LinkConfig
from cradlewatch.link.graph import POST, EvidenceGraph, build_graph
from cradlewatch.link.hubs import HubStats
from cradlewatch.link.ids import assign_ids
from cradlewatch.link.judgements import Judgement, apply_to_graph, apply_to_rings, effective
from cradlewatch.link.profile import edges_inside, ring_profile
from cradlewatch.link.records import LinkPost, link_post
from cradlewatch.link.templates import mask_text, near_duplicates, shingles, signature, style_tokens
from cradlewatch.model import Finding, Post


@dataclass(slots=True)
class Prepared:
    """A scanned post reduced for linking; ``signature`` only for flagged posts."""

    post: LinkPost
    signature: np.ndarray | None


def prepare(post: Post, finding: Finding, config: LinkConfig) -> Prepared:
    """Mask, shingle and MinHash a scanned post (cheap enough to run in scan workers)."""
    if finding.verdict == "benign":
        return Prepared(link_post(post, finding), None)
    spans = [(i.start, i.end) for i in finding.identifiers if i.field == "text"]
    spans += [(p.start, p.end) for p in finding.prices if p.field == "text" and p.end > p.start]
    masked = mask_text(post.text, spans)
    record = link_post(post, finding, style_tokens(masked))
    units = shingles(masked, config.shingle_size)
    # A short text ("蹲", "有", "已加") is the same in every ring: it is no template evidence.
    if len(units) < config.template_min_shingles:
        units = set()
    return Prepared(record, signature(units, config.num_perm))


@dataclass(slots=True)
class RingBuilder:
    """Accumulates scanned posts, then builds rings; optionally continues a previous state."""

    config: LinkConfig = field(default_factory=LinkConfig)
    judgements: list[Judgement] = field(default_factory=list)
    hubs: HubStats = field(default_factory=HubStats)
    posts: list[LinkPost] = field(default_factory=list)
    signatures: list[np.ndarray] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    previous_rings: list[frozenset[str]] = field(default_factory=list)
    next_number: int = 1
    new_posts: set[str] = field(default_factory=set)
    _seen: set[str] = field(default_factory=set)
    graph: EvidenceGraph = field(default_factory=EvidenceGraph)

    def __post_init__(self) -> None:
        self._seen = {p.id for p in self.posts}

    def add(self, prepared: Prepared) -> bool:
        """Add one scanned post; False (and ignored) when its id was already linked."""
        post = prepared.post
        if post.id in self._seen:
            return False
        self._seen.add(post.id)
        if post.flagged and prepared.signature is not None:
            self.hubs.add(post)
            self.posts.append(post)
            self.signatures.append(prepared.signature)
            self.new_posts.add(post.id)
        else:
            self.hubs.add_benign(post.account, (*post.identifiers, *post.keys), post.id)
        return True

    def add_scanned(self, post: Post, finding: Finding) -> bool:
        return self.add(prepare(post, finding, self.config))

    def build(self) -> list[dict[str, object]]:
        """Ring profiles, largest first; every flagged post is in exactly one ring."""
        config = self.config
        same_person = resolve_accounts(account_records(self.posts, self.hubs, config), config)
        graph = build_graph(self.posts, self.hubs, config, same_person, self._templates())
        judgements = effective(self.judgements)
        apply_to_graph(graph, judgements)
        self.graph = graph
        unchanged = [ring for ring in self.previous_rings if not ring & self.new_posts]
        rings = communities(graph, [p.id for p in self.posts], config, keep=unchanged)
        rings = apply_to_rings(rings, graph, judgements)
        numbered, self.next_number = assign_ids(rings, self.previous, self.next_number)
        self.previous = {p: ring for ring, members in numbered for p in members}
        self.previous_rings = [members for _, members in numbered]
        self.new_posts = set()
        return self._profiles(numbered, graph, same_person, judgements)

    def _templates(self) -> list[tuple[str, str, float]]:
        if len(self.posts) < 2:
            return []
        matrix = np.stack(self.signatures)
        order = sorted(range(len(self.posts)),
                       key=lambda i: (self.posts[i].account or "", self.posts[i].id))
        left, right, similarity = near_duplicates(matrix, order, self.config.template_threshold,
                                                  self.config.template_neighbours)
        ids = [p.id for p in self.posts]
        return [(ids[i], ids[j], float(s)) for i, j, s in zip(left, right, similarity, strict=True)]

    def _profiles(self, numbered: list[tuple[str, frozenset[str]]], graph: EvidenceGraph,
                  same_person: Iterable[SamePerson], judgements: list[Judgement]
                  ) -> list[dict[str, object]]:
        by_id = {p.id: p for p in self.posts}
        inside = edges_inside(graph.edges, self.previous)
        extra: dict[str, list[dict[str, object]]] = defaultdict(list)
        posts_of_account: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for post in self.posts:
            if post.account:
                posts_of_account[post.account][self.previous[post.id]].append(post.id)
        for pair in same_person:
            left, right = posts_of_account.get(pair.left, {}), posts_of_account.get(pair.right, {})
            for ring in sorted(set(left) & set(right)):
                extra[ring].append({
                    "code": "same_person", "evidence": pair.evidence,
                    "accounts": [pair.left, pair.right],
                    "posts": sorted(left[ring] + right[ring]),
                    "probability": round(pair.probability, 4)})
        for judgement in judgements:
            extra_reason = _judgement_reason(judgement, graph, self.previous)
            if extra_reason is not None:
                extra[str(extra_reason.pop("ring"))].append(extra_reason)
        return [
            ring_profile(ring, [by_id[p] for p in members],
                         [e for e in inside.get(ring, []) if e.code != "same_person"],
                         self.hubs, self.config, extra.get(ring, []))
            for ring, members in numbered
        ]


def _judgement_reason(judgement: Judgement, graph: EvidenceGraph, ring_of: dict[str, str]
                      ) -> dict[str, object] | None:
    """The reason an analyst's confirm, merge or split leaves on the ring it shaped."""
    if judgement.action == "confirm":
        ends = [judgement.a, judgement.b]
        posts = sorted({p for end in ends for p in _posts_at(end, graph)})
        code, labels = "analyst_confirmed", [end.partition(":")[2] for end in ends]
    elif judgement.action in ("merge", "split"):
        posts = sorted(judgement.posts)
        code, labels = f"analyst_{judgement.action}", []
    else:
        return None
    rings = sorted({ring_of[p] for p in posts if p in ring_of})
    if not rings:
        return None
    evidence = judgement.evidence + (f" ({' = '.join(labels)})" if labels else "")
    return {"ring": rings[0], "code": code, "evidence": evidence,
            "posts": [p for p in posts if ring_of.get(p) == rings[0]]}


def _posts_at(node: str, graph: EvidenceGraph) -> list[str]:
    if node.startswith(POST):
        return [node[len(POST):]]
    return [other[len(POST):] for edge in graph.edges for end, other in
            ((edge.left, edge.right), (edge.right, edge.left))
            if end == node and other.startswith(POST)]


def link_findings(pairs: Iterable[tuple[Post, Finding]], config: LinkConfig | None = None,
                  judgements: Iterable[Judgement] = ()) -> list[dict[str, object]]:
    """Rings from already-scanned posts: the one-call API for scripts and tests."""
    builder = RingBuilder(config=config or LinkConfig(), judgements=list(judgements))
    for post, finding in pairs:
        builder.add_scanned(post, finding)
    return builder.build()
