"""Decisions as data: analysts' verdicts on posts, joins, rings, matches and alerts.

A decision is a row with user, time and an optional note; nothing is updated or deleted. The
latest decision on a subject is the one in force, and the action ``clear`` withdraws it, so
every decision is reversible while the whole chain stays readable (the case report prints
it). Each decision is also appended to the audit log in the same transaction.

The next analysis uses them: join and ring decisions become Link judgements
(:func:`link_judgements`), and post verdicts become training labels for Find
(:func:`confirmed_labels`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cradlewatch.errors import UsageError
from cradlewatch.link.judgements import Judgement, parse_node
from cradlewatch.store.history import CLEAR, decisions_in_force
from cradlewatch.store.records import DecisionRecord, utc_now
from cradlewatch.store.repository import ring_of_post
from cradlewatch.store.results import alert_key
from cradlewatch.store.schema import AlertRow, DecisionRow, MatchRow, PostRow
from cradlewatch.workspace import audit
from cradlewatch.workspace.permissions import require
from cradlewatch.workspace.users import User

#: The actions of each kind of decision (``clear`` is allowed for every kind).
ACTIONS: dict[str, tuple[str, ...]] = {
    "post": ("confirmed", "false_positive", "unsure"),
    "join": ("confirm", "reject"),
    "ring": ("merge", "split"),
    "match": ("confirm", "reject"),
    "alert": ("acknowledge", "escalate"),
}
#: The permission each kind of decision needs.
PERMISSION = {
    "post": "decide_posts",
    "join": "decide_links",
    "ring": "decide_links",
    "match": "decide_matches",
    "alert": "decide_alerts",
}


def join_subject(a: str, b: str) -> str:
    """``a|b`` in sorted order for two node names (``post:ID``, ``account:P:ID``, ``KIND:VALUE``)."""
    for name in (a, b):
        try:
            parse_node(name)
        except ValueError as error:
            raise UsageError(f"{name}:0: {error}") from error
    if a == b:
        raise UsageError(f"{a}:0: a join needs two different ends")
    return "|".join(sorted((a, b)))


def ring_subject(action: str, posts: list[str]) -> str:
    return f"{action}:{','.join(sorted(set(posts)))}"


def match_subject(child_id: str, case_id: str) -> str:
    return f"{child_id}|{case_id}"


def _check_subject(
    session: Session, kind: str, subject: str, action: str, payload: dict[str, Any]
) -> None:
    if kind == "post" and session.get(PostRow, subject) is None:
        raise UsageError(f"{subject}:0: no such post in the workspace")
    if kind == "ring" and action != CLEAR:
        posts = payload.get("posts") or []
        missing = [p for p in posts if session.get(PostRow, p) is None]
        if missing:
            raise UsageError(f"{missing[0]}:0: no such post in the workspace")
        if action == "merge" and len(set(posts)) < 2:
            raise UsageError("merge:0: needs at least two posts")
        if not posts:
            raise UsageError(f"{action}:0: needs at least one post")
    if kind == "match":
        child, _, case = subject.partition("|")
        if (
            session.scalar(
                select(MatchRow.seq).where(MatchRow.child_id == child, MatchRow.case_id == case)
            )
            is None
        ):
            raise UsageError(f"{subject}:0: no such match (import reunite results first)")
    if kind == "alert":
        keys = {
            alert_key(row)
            for row in session.scalars(
                select(AlertRow).where(AlertRow.clinician == subject.partition("|")[0])
            )
        }
        if subject not in keys:
            raise UsageError(f"{subject}:0: no such alert (import watch results first)")


def record_decision(
    session: Session,
    user: User,
    kind: str,
    subject: str,
    action: str,
    note: str = "",
    payload: dict[str, Any] | None = None,
) -> DecisionRecord:
    """Validate, store and audit one decision; returns it as recorded."""
    if kind not in ACTIONS:
        raise UsageError(f"{kind}:0: unknown decision kind (one of {', '.join(ACTIONS)})")
    if action not in (*ACTIONS[kind], CLEAR):
        raise UsageError(
            f"{action}:0: a {kind} decision is one of {', '.join((*ACTIONS[kind], CLEAR))}"
        )
    require(user.role, PERMISSION[kind], user.name)
    payload = dict(payload or {})
    _check_subject(session, kind, subject, action, payload)
    if kind == "ring" and action != CLEAR:
        payload["rings"] = sorted(
            {r for p in payload["posts"] if (r := ring_of_post(session, p)) is not None}
        )
    row = DecisionRow(
        kind=kind,
        subject=subject,
        action=action,
        user=user.name,
        time=utc_now(),
        note=note,
        payload=payload,
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        user.name,
        "decide",
        f"{kind}:{subject}",
        {"action": action, "note": note, "decision": row.seq, **payload},
    )
    return DecisionRecord(row.seq, kind, subject, action, user.name, row.time, note, payload)


def _in_force(session: Session, kind: str) -> list[DecisionRow]:
    subjects = session.scalars(
        select(DecisionRow.subject).where(DecisionRow.kind == kind).distinct()
    )
    latest = decisions_in_force(session, kind, subjects)
    rows = []
    for subject in sorted(latest):
        rows.append(
            session.scalars(
                select(DecisionRow)
                .where(DecisionRow.kind == kind, DecisionRow.subject == subject)
                .order_by(DecisionRow.seq.desc())
                .limit(1)
            ).one()
        )
    return rows


def link_judgements(session: Session) -> list[Judgement]:
    """The join and ring decisions in force, as Link judgements (time order)."""
    judgements = []
    for row in _in_force(session, "join"):
        a, _, b = row.subject.partition("|")
        judgements.append(
            Judgement(
                row.action, row.user, row.time, a=parse_node(a), b=parse_node(b), note=row.note
            )
        )
    for row in _in_force(session, "ring"):
        judgements.append(
            Judgement(
                row.action,
                row.user,
                row.time,
                posts=tuple(row.payload.get("posts", ())),
                note=row.note,
            )
        )
    return sorted(judgements, key=lambda j: j.time)


def confirmed_labels(session: Session) -> list[tuple[dict[str, Any], int]]:
    """Posts with a verdict in force as ``(record, label)``: confirmed 1, false positive 0.

    ``unsure`` is left out: a label nobody stands behind would teach the model noise. The
    record is the post as captured (CONTRACTS §1), ready for Find's text model.
    """
    labels = []
    for row in _in_force(session, "post"):
        if row.action == "unsure":
            continue
        post = session.get(PostRow, row.subject)
        if post is not None:
            labels.append((dict(post.record), int(row.action == "confirmed")))
    return labels
