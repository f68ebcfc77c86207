"""Rings from the evidence graph: connected components, then Leiden inside each component.

Plain connected components over-merge: one broker number shared by two rings, or one leaked
hotline, turns them into one. Leiden (Traag et al. 2019, via the MIT-licensed
graspologic-native) splits a component where modularity says the join is thin. Leiden runs on
each component separately, so that the modularity null model (k_i k_j / 2m) is the
component's own and the tuned resolution means the same at 10 thousand posts as at a million;
a component with fewer than ``leiden_min_posts`` posts is kept whole. Edges are sorted and the
seed fixed, so that the same input always gives the same rings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import graspologic_native as gn

from cradlewatch.link.config import LinkConfig
from cradlewatch.link.graph import POST, EvidenceGraph, post_node


def communities(graph: EvidenceGraph, post_ids: Sequence[str], config: LinkConfig,
                keep: Iterable[frozenset[str]] = ()) -> list[frozenset[str]]:
    """Partition ``post_ids`` into rings; every post lands in exactly one.

    ``keep`` lists rings (of a previous incremental run) whose component is unchanged: such a
    component is not re-clustered, so its rings persist exactly.
    """
    nodes = [post_node(p) for p in post_ids]
    index, labels = graph.components(nodes)
    members: dict[int, list[str]] = defaultdict(list)
    for node, i in index.items():
        members[int(labels[i])].append(node)
    edges_of: dict[int, dict[tuple[str, str], float]] = defaultdict(dict)
    for edge in graph.edges:
        left, right = sorted((edge.left, edge.right))
        bucket = edges_of[int(labels[index[left]])]
        bucket[(left, right)] = bucket.get((left, right), 0.0) + edge.weight
    kept = {p for ring in keep for p in ring}
    kept_by_post = {p: ring for ring in keep for p in ring}
    rings: list[frozenset[str]] = []
    for label, component in members.items():
        posts = frozenset(n[len(POST):] for n in component if n.startswith(POST))
        if not posts:
            continue
        previous = {kept_by_post[p] for p in posts} if posts <= kept else set()
        if previous and _union(previous) == posts:
            rings.extend(previous)
        elif len(posts) < config.leiden_min_posts:
            rings.append(posts)
        else:
            rings.extend(_leiden(edges_of[label], config))
    return rings


def _union(rings: Iterable[frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for ring in rings:
        out |= ring
    return frozenset(out)


def _leiden(edges: dict[tuple[str, str], float], config: LinkConfig) -> list[frozenset[str]]:
    edge_list = [(left, right, weight) for (left, right), weight in sorted(edges.items())]
    _, partition = gn.leiden(edge_list, resolution=config.resolution, seed=config.seed,
                             use_modularity=True, iterations=2)
    groups: dict[int, set[str]] = defaultdict(set)
    for node, community in partition.items():
        if node.startswith(POST):
            groups[community].add(node[len(POST):])
    return [frozenset(g) for g in groups.values() if g]
