"""GraphML and GEXF (networkx) for Gephi, Cytoscape, yEd and Neo4j's importers.

Nodes: posts, accounts, identifiers and rings, each with a ``type`` attribute and the
facts an analyst filters on (verdict, risk, SHA-256, capture time). Edges always carry
``reason`` (a code) and ``evidence`` (what was seen), because a link nobody can explain is not
evidence: a post is ``posted_by`` its account, ``mentions`` its identifiers, is a
``member_of`` its ring, and Link's join reasons connect the posts they joined (a star from the
first post of each reason, so a reason over n posts costs n − 1 edges, not n²). It is a
multigraph: two posts joined for two reasons have two edges.

GraphML and GEXF hold scalar attributes only, so missing values are written as empty strings.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from cradlewatch.export.selection import Selection


def _attrs(**values: object) -> dict[str, str | float | int]:
    return {
        key: ("" if value is None else value if isinstance(value, (int, float)) else str(value))
        for key, value in values.items()
    }


def build_graph(selection: Selection) -> nx.MultiGraph:
    """The selection as a multigraph of posts, accounts, identifiers and rings."""
    graph = nx.MultiGraph(name=selection.title)
    decided = {}
    for decision in selection.decisions:
        if decision.kind == "post":
            decided[decision.subject] = "" if decision.action == "clear" else decision.action
    for post in selection.posts:
        node = f"post:{post.summary.id}"
        graph.add_node(
            node,
            **_attrs(
                type="post",
                label=post.summary.id,
                verdict=post.summary.verdict,
                risk=post.summary.risk,
                platform=post.summary.platform,
                site=post.summary.site,
                posted_at=post.summary.posted_at,
                captured_at=post.summary.captured_at,
                sha256=post.sha256,
                source=post.source,
                ring=post.summary.ring_id,
                decision=decided.get(post.summary.id),
            ),
        )
        if post.summary.account:
            account = f"account:{post.summary.account}"
            graph.add_node(
                account,
                **_attrs(
                    type="account", label=post.summary.account, platform=post.summary.platform
                ),
            )
            graph.add_edge(
                node,
                account,
                **_attrs(reason="posted_by", evidence=post.author or post.summary.account),
            )
        for ident in post.identifiers:
            key = f"{ident.kind}:{ident.value}"
            graph.add_node(
                key,
                **_attrs(
                    type="identifier", kind=ident.kind, label=ident.value, shared_by=ident.shared_by
                ),
            )
            graph.add_edge(
                node,
                key,
                **_attrs(
                    reason="mentions",
                    evidence=ident.raw,
                    field=ident.field,
                    start=ident.start,
                    end=ident.end,
                ),
            )
    for ring in selection.rings:
        ring_node = f"ring:{ring.summary.id}"
        graph.add_node(
            ring_node,
            **_attrs(
                type="ring",
                label=ring.summary.id,
                size=ring.summary.size,
                risk=ring.summary.risk,
                first_seen=ring.summary.first_seen,
                last_seen=ring.summary.last_seen,
            ),
        )
        for member in ring.members:
            graph.add_edge(
                f"post:{member.id}",
                ring_node,
                **_attrs(reason="member_of", evidence=f"clustered into {ring.summary.id}"),
            )
        for reason in ring.profile.get("reasons", []):
            posts = [f"post:{p}" for p in reason.get("posts", []) if f"post:{p}" in graph]
            for other in posts[1:]:
                graph.add_edge(
                    posts[0],
                    other,
                    **_attrs(
                        reason=reason.get("code"),
                        evidence=reason.get("evidence"),
                        ring=ring.summary.id,
                    ),
                )
    return graph


def write_graphml(selection: Selection, path: Path) -> nx.MultiGraph:
    graph = build_graph(selection)
    nx.write_graphml(graph, path)
    return graph


def write_gexf(selection: Selection, path: Path) -> nx.MultiGraph:
    graph = build_graph(selection)
    nx.write_gexf(graph, path)
    return graph
