"""Decisions as data: stored with user and time, superseded not overwritten, permissions,
audited, and turned into Link judgements and Find labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cradlewatch.errors import UsageError
from cradlewatch.store import Store
from cradlewatch.store.history import decision_history, decisions_in_force
from cradlewatch.store.schema import AuditRow
from cradlewatch.workspace.decisions import (
    confirmed_labels,
    join_subject,
    link_judgements,
    record_decision,
    ring_subject,
)
from cradlewatch.workspace.ingest import ingest
from cradlewatch.workspace.users import User, add_user


@pytest.fixture
def filled(workspace: tuple[Store, Path], posts_file: Path) -> tuple[Store, User, User]:
    store, _ = workspace
    ingest(store, [str(posts_file)], lambda r: None)
    with store.session() as session:
        analyst = add_user(session, "li", "analyst", "correct horse battery")
        viewer = add_user(session, "zhou", "viewer", "correct horse battery")
    return store, analyst, viewer


def test_later_decision_supersedes_and_history_is_kept(filled: tuple[Store, User, User]) -> None:
    store, analyst, _ = filled
    with store.session() as session:
        record_decision(session, analyst, "post", "s1", "unsure")
        record_decision(session, analyst, "post", "s1", "confirmed", "price for a child")
        record_decision(session, analyst, "post", "s3", "false_positive")
        record_decision(session, analyst, "post", "s4", "confirmed")
        record_decision(session, analyst, "post", "s4", "clear", "mis-click")
    with store.session() as session:
        assert decisions_in_force(session, "post", ["s1", "s3", "s4"]) == {
            "s1": "confirmed",
            "s3": "false_positive",
        }
        history = decision_history(session, "post", "s1")
        assert [(d.action, d.user) for d in history] == [("unsure", "li"), ("confirmed", "li")]
        assert history[1].note == "price for a child" and history[1].time > history[0].time
        labels = sorted((record["id"], label) for record, label in confirmed_labels(session))
        assert labels == [("s1", 1), ("s3", 0)]
        audited = session.scalars(select(AuditRow.target).where(AuditRow.action == "decide")).all()
        assert audited.count("post:s1") == 2 and "post:s4" in audited


@pytest.mark.parametrize(
    "kind, subject, action, message",
    [
        ("post", "nope", "confirmed", "no such post"),
        ("post", "s1", "merge", "one of"),
        ("match", "c1|k1", "confirm", "may not"),  # analysts never decide on DNA matches
        ("colour", "s1", "confirmed", "unknown decision kind"),
    ],
)
def test_invalid_decisions_are_refused(
    filled: tuple[Store, User, User], kind: str, subject: str, action: str, message: str
) -> None:
    store, analyst, _ = filled
    with pytest.raises(UsageError, match=message), store.session() as session:
        record_decision(session, analyst, kind, subject, action)


def test_viewer_cannot_decide(filled: tuple[Store, User, User]) -> None:
    store, _, viewer = filled
    with pytest.raises(UsageError, match="may not decide posts"), store.session() as session:
        record_decision(session, viewer, "post", "s1", "confirmed")


def test_link_decisions_become_judgements(filled: tuple[Store, User, User]) -> None:
    store, analyst, _ = filled
    with store.session() as session:
        record_decision(session, analyst, "join", join_subject("post:s1", "qq:12345678"), "reject")
        record_decision(session, analyst, "join", join_subject("post:s2", "post:s4"), "confirm")
        record_decision(session, analyst, "join", join_subject("post:s2", "post:s4"), "clear")
        record_decision(
            session,
            analyst,
            "ring",
            ring_subject("merge", ["s1", "s4"]),
            "merge",
            payload={"posts": ["s1", "s4"]},
        )
    with store.session() as session:
        judgements = link_judgements(session)
    assert [(j.action, j.user) for j in judgements] == [("reject", "li"), ("merge", "li")]
    assert judgements[1].posts == ("s1", "s4")
    assert {judgements[0].a, judgements[0].b} == {"p:s1", "i:qq:12345678"}  # graph nodes


def test_join_subject_validates_nodes() -> None:
    assert join_subject("qq:1", "post:a") == "post:a|qq:1"
    with pytest.raises(UsageError):
        join_subject("post:a", "colour:red")
