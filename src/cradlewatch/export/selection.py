"""What an export contains: the posts, rings and decisions of a case, a ring, or everything.

Gathered once, as repository records, so that every format (FtM, GraphML, GEXF, CSV, report)
exports exactly the same evidence; a court comparing the PDF with the JSON finds the same posts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cradlewatch.errors import UsageError
from cradlewatch.store.history import decision_history
from cradlewatch.store.records import CaseRecord, DecisionRecord, PostDetail, RingDetail
from cradlewatch.store.repository import get_post, get_ring
from cradlewatch.store.schema import FindingRow, RingRow
from cradlewatch.workspace.audit import events, head
from cradlewatch.workspace.cases import get_case


@dataclass(slots=True)
class Selection:
    """The evidence of one export, in a stable order (rings by id, posts by id)."""

    title: str
    case: CaseRecord | None
    rings: list[RingDetail]
    posts: list[PostDetail]
    decisions: list[DecisionRecord]
    case_history: list[dict[str, Any]] = field(default_factory=list)
    audit_head: str = ""


def _relevant(
    decision: DecisionRecord, posts: set[str], rings: set[str], identifiers: set[str]
) -> bool:
    if decision.kind == "post":
        return decision.subject in posts
    if decision.kind == "join":
        ends = decision.subject.split("|")
        return any(end.removeprefix("post:") in posts or end in identifiers for end in ends)
    if decision.kind == "ring":
        touched = set(decision.payload.get("posts", [])) | set(decision.payload.get("rings", []))
        return bool(touched & (posts | rings))
    return False


def gather(session: Session, case_id: int | None = None, ring_id: str | None = None) -> Selection:
    """The selection of a case, a ring, or (neither) every ring and flagged post."""
    if case_id is not None and ring_id is not None:
        raise UsageError("--case:0: give --case or --ring, not both")
    case = None
    ring_ids: list[str] = []
    post_ids: set[str] = set()
    if case_id is not None:
        case = get_case(session, case_id)
        if case is None:
            raise UsageError(f"--case:0: no case {case_id}")
        ring_ids = sorted(item.ref for item in case.items if item.kind == "ring")
        post_ids = {item.ref for item in case.items if item.kind == "post"}
        title = f"Case {case.id}: {case.title}"
    elif ring_id is not None:
        ring_ids = [ring_id]
        title = f"Ring {ring_id}"
    else:
        ring_ids = list(session.scalars(select(RingRow.id).order_by(RingRow.id)))
        post_ids = set(
            session.scalars(select(FindingRow.post_id).where(FindingRow.verdict != "benign"))
        )
        title = "Workspace export"
    rings = []
    for ident in ring_ids:
        ring = get_ring(session, ident)
        if ring is None:
            raise UsageError(f"--ring:0: no ring {ident}")
        rings.append(ring)
        post_ids.update(member.id for member in ring.members)
    posts = [p for p in (get_post(session, ident) for ident in sorted(post_ids)) if p is not None]
    identifiers = {f"{i.kind}:{i.value}" for p in posts for i in p.identifiers}
    decisions = [
        d for d in decision_history(session) if _relevant(d, post_ids, set(ring_ids), identifiers)
    ]
    history = (
        sorted(events(session, target=f"case:{case.id}", limit=10_000), key=lambda e: e["seq"])
        if case is not None
        else []
    )
    return Selection(title, case, rings, posts, decisions, history, head(session))
