"""Ring profiles (CONTRACTS §3): members, identifiers, places, sites, time span, risk, reasons.

Reasons are read from the evidence edges that lie inside a ring, grouped by what joined the
posts: one ``shared_identifier`` reason per identifier carried by two or more of the ring's
posts, one ``shared_account`` per account, one ``same_person`` per resolved account pair, one
``near_duplicate_template`` per group of near-duplicate posts, one ``analyst_confirmed`` per
confirmed join. Hub identifiers are listed among the ring's identifiers with ``"hub": true``
so that an analyst sees them, but they never appear as a reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from cradlewatch.link.config import LinkConfig
from cradlewatch.link.graph import ACCOUNT, IDENTIFIER, POST, Edge
from cradlewatch.link.hubs import HubStats
from cradlewatch.link.records import LinkPost, split_identifier
from cradlewatch.timestamps import instant


def ring_profile(
    ring_id: str,
    posts: list[LinkPost],
    inside: Iterable[Edge],
    hubs: HubStats,
    config: LinkConfig,
    extra_reasons: Iterable[dict[str, object]] = (),
) -> dict[str, object]:
    """The contract's ring object for the given member posts and their internal edges."""
    posts = sorted(posts, key=lambda p: p.id)
    identifiers = sorted({key for p in posts for key in p.identifiers})
    places = sorted(
        {place for p in posts for place in p.places if place[0] or place[1]},
        key=lambda p: (p[0] or "", p[1] or ""),
    )
    times = sorted(
        (t for t in (_when(p.posted_at) for p in posts) if t is not None), key=lambda t: t[0]
    )
    profile: dict[str, object] = {
        "ring": ring_id,
        "posts": [p.id for p in posts],
        "accounts": sorted({p.account for p in posts if p.account}),
        "identifiers": [_identifier(key, hubs, config) for key in identifiers],
        "places": [{"province": province, "city": city} for province, city in places],
        "sites": sorted({p.site for p in posts if p.site}),
        "platforms": sorted({p.platform for p in posts if p.platform}),
        "first_seen": times[0][1] if times else None,
        "last_seen": times[-1][1] if times else None,
        "risk": round(max(p.risk for p in posts), 4),
        "reasons": [*reasons_from_edges(inside), *extra_reasons],
    }
    return profile


def _identifier(key: str, hubs: HubStats, config: LinkConfig) -> dict[str, object]:
    kind, value = split_identifier(key)
    item: dict[str, object] = {"kind": kind, "value": value}
    if hubs.is_hub(key, config):
        item["hub"] = True
    return item


def _when(stamp: str | None) -> tuple[float, str] | None:
    """A sortable instant for an ISO 8601 stamp (naive stamps read as UTC); None if unparsable."""
    moment = instant(stamp)
    return None if moment is None or stamp is None else (moment.timestamp(), stamp)


def reasons_from_edges(edges: Iterable[Edge]) -> list[dict[str, object]]:
    """Group a ring's internal edges into one auditable reason per piece of evidence."""
    via: dict[tuple[str, str], set[str]] = defaultdict(set)
    weight: dict[tuple[str, str], float] = {}
    pairwise: list[dict[str, object]] = []
    template_pairs: list[tuple[str, str, float]] = []
    for edge in edges:
        if edge.code == "near_duplicate_template":
            template_pairs.append(
                (edge.left[len(POST) :], edge.right[len(POST) :], edge.similarity or 0.0)
            )
        elif edge.left.startswith(POST) != edge.right.startswith(POST) and not edge.code.startswith(
            "analyst"
        ):
            post, other = (
                (edge.left, edge.right) if edge.left.startswith(POST) else (edge.right, edge.left)
            )
            key = (edge.code, _label(other))
            via[key].add(post[len(POST) :])
            weight[key] = edge.weight
        else:
            reason: dict[str, object] = {
                "code": edge.code,
                "evidence": edge.evidence or f"{_label(edge.left)} = {_label(edge.right)}",
                "posts": [n[len(POST) :] for n in (edge.left, edge.right) if n.startswith(POST)],
                "weight": round(edge.weight, 4),
            }
            if edge.probability is not None:
                reason["probability"] = round(edge.probability, 4)
                reason["accounts"] = [_label(edge.left), _label(edge.right)]
            pairwise.append(reason)
    reasons: list[dict[str, object]] = [
        {
            "code": code,
            "evidence": label,
            "posts": sorted(posts),
            "weight": round(weight[(code, label)], 4),
        }
        for (code, label), posts in sorted(via.items())
        if len(posts) >= 2
    ]
    reasons.extend(_template_reasons(template_pairs))
    return reasons + sorted(pairwise, key=lambda r: (str(r["code"]), str(r["evidence"])))


def _label(node: str) -> str:
    for prefix in (IDENTIFIER, ACCOUNT, POST):
        if node.startswith(prefix):
            return node[len(prefix) :]
    return node


def _template_reasons(pairs: list[tuple[str, str, float]]) -> list[dict[str, object]]:
    """Near-duplicate pairs grouped into connected template groups, with their similarity."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for left, right, _ in pairs:
        parent[find(left)] = find(right)
    groups: dict[str, set[str]] = defaultdict(set)
    sims: dict[str, list[float]] = defaultdict(list)
    for left, right, similarity in pairs:
        root = find(left)
        groups[root].update((left, right))
        sims[root].append(similarity)
    return [
        {
            "code": "near_duplicate_template",
            "evidence": f"{len(groups[root])} posts share one masked template",
            "posts": sorted(groups[root]),
            "similarity": round(min(sims[root]), 4),
        }
        for root in sorted(groups, key=lambda r: min(groups[r]))
    ]


def edges_inside(edges: Iterable[Edge], ring_of_post: Mapping[str, str]) -> dict[str, list[Edge]]:
    """Edges whose every post endpoint belongs to one ring, keyed by that ring.

    A post–identifier edge belongs to the post's ring; an account–account edge belongs to a ring
    only when both accounts have posts there (resolved by the caller's account map).
    """
    inside: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        rings = {
            ring_of_post.get(n[len(POST) :]) for n in (edge.left, edge.right) if n.startswith(POST)
        }
        if len(rings) == 1:
            ring = rings.pop()
            if ring is not None:
                inside[ring].append(edge)
    return inside
