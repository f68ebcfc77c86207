"""The weighted evidence graph: posts, identifiers and accounts as nodes, joins as edges.

Posts are linked to the identifiers they carry and to their account (a bipartite graph, so a
number used in 500 posts costs 500 edges, not 125,000); same-person accounts and near-duplicate
posts are linked directly. Every edge keeps the code of the evidence that made it, so that a
ring's reasons are read back from the edges inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from cradlewatch.link.accounts import SamePerson
from cradlewatch.link.config import LinkConfig
from cradlewatch.link.hubs import HubStats
from cradlewatch.link.records import LinkPost

POST, IDENTIFIER, ACCOUNT = "p:", "i:", "a:"
# Reason codes of the join keys that are not contact identifiers (records.join_keys).
KEY_CODES = {"image": "shared_image", "thread": "same_thread", "site": "same_site"}


def post_node(post_id: str) -> str:
    return POST + post_id


def identifier_node(key: str) -> str:
    return IDENTIFIER + key


def account_node(account: str) -> str:
    return ACCOUNT + account


@dataclass(slots=True, frozen=True)
class Edge:
    """One join between two nodes, with the evidence behind it."""

    left: str
    right: str
    weight: float
    code: str
    evidence: str = ""
    similarity: float | None = None
    probability: float | None = None


@dataclass(slots=True)
class EvidenceGraph:
    """All edges, plus the node index that connected components and Leiden need."""

    edges: list[Edge] = field(default_factory=list)

    def add(self, edge: Edge) -> None:
        if edge.weight > 0 and edge.left != edge.right:
            self.edges.append(edge)

    def components(self, nodes: Sequence[str]) -> tuple[dict[str, int], np.ndarray]:
        """Connected components over positive edges: node index and a label per node."""
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        index = {node: i for i, node in enumerate(nodes)}
        for edge in self.edges:
            for node in (edge.left, edge.right):
                if node not in index:
                    index[node] = len(index)
        rows = np.fromiter((index[e.left] for e in self.edges), dtype=np.int64,
                           count=len(self.edges))
        cols = np.fromiter((index[e.right] for e in self.edges), dtype=np.int64,
                           count=len(self.edges))
        size = len(index)
        matrix = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))
        _, labels = connected_components(matrix, directed=False)
        return index, labels


def build_graph(
    posts: Iterable[LinkPost],
    hubs: HubStats,
    config: LinkConfig,
    same_person: Iterable[SamePerson] = (),
    templates: Iterable[tuple[str, str, float]] = (),
) -> EvidenceGraph:
    """Edges from identifiers, accounts, same-person pairs and near-duplicate templates.

    An identifier or account seen in only one flagged post joins nothing; its edge is left out
    rather than kept as a leaf, since a leaf only inflates its post's degree and makes
    modularity cut that post off its ring.
    """
    graph = EvidenceGraph()
    weights: dict[str, float] = {}
    for post in posts:
        node = post_node(post.id)
        for key in (*post.identifiers, *post.keys):
            weight = weights.get(key)
            if weight is None:
                weight = weights[key] = (hubs.identifier_weight(key, config)
                                         if hubs.flagged_posts(key) >= 2 else 0.0)
            code = KEY_CODES.get(key.partition(":")[0], "shared_identifier")
            graph.add(Edge(node, identifier_node(key), weight, code, key))
        if post.account is not None and hubs.account_posts(post.account) >= 2:
            code = "shared_account" if post.has_account_id else "shared_display_name"
            graph.add(Edge(node, account_node(post.account), hubs.account_weight(post, config),
                           code, post.account))
    for pair in same_person:
        graph.add(Edge(account_node(pair.left), account_node(pair.right),
                       config.same_person_weight * pair.probability, "same_person",
                       pair.evidence, probability=pair.probability))
    for left, right, similarity in templates:
        graph.add(Edge(post_node(left), post_node(right), config.template_weight * similarity,
                       "near_duplicate_template", similarity=similarity))
    return graph
