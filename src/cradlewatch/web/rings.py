"""Ring pages: the list of rings, and one ring with its members, joins and their reasons.

The ring's JSON twin carries its graph in Cytoscape.js's ``elements`` format: posts are nodes,
and each ring reason (a shared identifier, account, template…) is a hub node joined to the
posts it names, so that every edge is labelled with why those posts were grouped.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form
from fastapi.responses import RedirectResponse, Response

from cradlewatch.errors import UsageError
from cradlewatch.store import repository
from cradlewatch.store.history import decision_history
from cradlewatch.store.places import ring_provinces
from cradlewatch.store.records import DecisionRecord, RingDetail
from cradlewatch.web.context import DecideLinks, ViewPosts, dumps, respond
from cradlewatch.web.errors import bad_request, not_found
from cradlewatch.web.params import RingSize
from cradlewatch.web.ring_views import map_svg, timeline_data, timeline_svg
from cradlewatch.web.security import check_csrf
from cradlewatch.workspace.decisions import ACTIONS, join_subject, record_decision, ring_subject

router = APIRouter()


def cytoscape(ring: RingDetail) -> dict[str, list[dict[str, Any]]]:
    """The ring as Cytoscape.js elements: post nodes, reason hubs, reason-labelled edges."""
    nodes: list[dict[str, Any]] = [
        {
            "data": {
                "id": f"post:{m.id}",
                "label": m.id,
                "kind": "post",
                "verdict": m.verdict,
                "risk": m.risk,
            }
        }
        for m in ring.members
    ]
    members = {m.id for m in ring.members}
    edges: list[dict[str, Any]] = []
    for index, reason in enumerate(ring.profile.get("reasons", [])):
        hub = f"reason:{index}"
        nodes.append(
            {
                "data": {
                    "id": hub,
                    "label": f"{reason.get('code')}: {reason.get('evidence')}",
                    "kind": "reason",
                    "code": reason.get("code"),
                    "evidence": reason.get("evidence"),
                }
            }
        )
        for post in reason.get("posts", []):
            if post in members:
                edges.append(
                    {
                        "data": {
                            "id": f"{hub}->{post}",
                            "source": hub,
                            "target": f"post:{post}",
                            "code": reason.get("code"),
                        }
                    }
                )
    return {"nodes": nodes, "edges": edges}


def join_node(reason: dict[str, Any]) -> str | None:
    """The graph node a reason joins its posts through, when Link can judge that join.

    A shared identifier is the node ``KIND:VALUE`` and a shared account ``account:P:ID``;
    an analyst who rejects the join between a post and that node cuts the post loose from it
    at the next analysis. Other reasons (same site, template, person) are judged by ring
    split or merge instead.
    """
    evidence = str(reason.get("evidence", ""))
    if reason.get("code") == "shared_identifier":
        return evidence
    if reason.get("code") == "shared_account":
        return f"account:{evidence}"
    return None


@router.get("/rings", summary="Rings, largest first")
def rings_page(
    ctx: ViewPosts,
    cursor: str | None = None,
    limit: int = 50,
    min_size: RingSize = 1,
) -> Response:
    try:
        result = repository.list_rings(ctx.db, cursor or None, limit, min_size)
    except UsageError as error:
        raise bad_request(str(error)) from error
    data = {"items": result.items, "next_cursor": result.next_cursor, "min_size": min_size}
    return respond(ctx, "rings.html", "page:rings", data)


def join_decisions(ring: RingDetail, history: list[DecisionRecord]) -> list[DecisionRecord]:
    """The join judgements with a member post at one end: shown with the ring's own decisions
    so that an analyst who judged a join from this page sees it recorded."""
    members = {f"post:{m.id}" for m in ring.members}
    return [d for d in history if members.intersection(d.subject.split("|"))]


@router.get("/rings/{ring_id}", summary="A ring: members, reasons, graph, timeline and map")
def ring_page(ring_id: str, ctx: ViewPosts) -> Response:
    ring = repository.get_ring(ctx.db, ring_id)
    if ring is None:
        raise not_found(f"no ring {ring_id!r}")
    data: dict[str, Any] = {
        "ring": ring,
        "elements": cytoscape(ring),
        "join_nodes": [join_node(r) for r in ring.profile.get("reasons", [])],
        "join_actions": ACTIONS["join"],
        "joins": join_decisions(ring, decision_history(ctx.db, "join")),
        "timeline": timeline_data(ring.members),
        "provinces": ring_provinces(ctx.db, ring_id),
    }
    if not ctx.json:
        data["timeline_svg"] = timeline_svg(data["timeline"], ring_id)
        data["map_svg"] = map_svg(data["provinces"], ring_id)
    return respond(ctx, "ring.html", f"ring:{ring_id}", data)


@router.post(
    "/rings/{ring_id}/decision",
    summary="Split posts out of a ring, or merge their rings, at the next analysis",
    dependencies=[Depends(check_csrf)],
)
def decide_ring(
    ring_id: str,
    ctx: DecideLinks,
    action: Annotated[str, Form()],
    posts: Annotated[list[str], Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    """Record a ``split`` or ``merge`` of the chosen posts; Link applies it when next run."""
    if repository.get_ring(ctx.db, ring_id) is None:
        raise not_found(f"no ring {ring_id!r}")
    if action not in ("split", "merge"):
        raise bad_request(f"action:0: a ring decision here is split or merge, not {action!r}")
    chosen = sorted(set(posts))
    try:
        decision = record_decision(
            ctx.db,
            ctx.user,
            "ring",
            ring_subject(action, chosen),
            action,
            note.strip(),
            {"posts": chosen},
        )
    except UsageError as error:
        raise bad_request(str(error)) from error
    if ctx.json:
        return Response(dumps(decision), media_type="application/json", status_code=201)
    return RedirectResponse(f"/rings/{ring_id}", status_code=303)


@router.post(
    "/rings/{ring_id}/join",
    summary="Confirm or reject the join between a post and a shared identifier or account",
    dependencies=[Depends(check_csrf)],
)
def decide_join(
    ring_id: str,
    ctx: DecideLinks,
    post: Annotated[str, Form()],
    node: Annotated[str, Form()],
    action: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    """Record a join judgement that Link respects at the next analysis."""
    try:
        subject = join_subject(f"post:{post}", node)
        decision = record_decision(ctx.db, ctx.user, "join", subject, action, note.strip())
    except UsageError as error:
        raise bad_request(str(error)) from error
    if ctx.json:
        return Response(dumps(decision), media_type="application/json", status_code=201)
    return RedirectResponse(f"/rings/{ring_id}", status_code=303)
