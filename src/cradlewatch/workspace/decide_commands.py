"""Decision and case commands: ``decide post|join|ring|match|alert|history`` and ``case ...``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cradlewatch.errors import UsageError
from cradlewatch.workspace.cli_common import (
    Note,
    UserName,
    Workspace,
    emit,
    open_workspace,
)


def _decide(
    workspace: Path,
    user: str,
    kind: str,
    subject: str,
    action: str,
    note: str,
    payload: dict[str, Any] | None = None,
) -> None:
    from cradlewatch.workspace.decisions import PERMISSION, record_decision
    from cradlewatch.workspace.users import acting_user

    with open_workspace(workspace).session() as session:
        actor = acting_user(session, user, PERMISSION[kind])
        emit(record_decision(session, actor, kind, subject, action, note, payload))


def decide_post(
    post: Annotated[str, typer.Argument(help="Post id.")],
    verdict: Annotated[str, typer.Argument(help="confirmed, false_positive, unsure, or clear.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Record a verdict on a post (used as a training label for Find)."""
    _decide(workspace, user, "post", post, verdict, note)


def decide_join(
    a: Annotated[str, typer.Argument(help="post:ID, account:PLATFORM:ID or KIND:VALUE.")],
    b: Annotated[str, typer.Argument(help="The other end.")],
    action: Annotated[str, typer.Argument(help="confirm, reject, or clear.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Confirm or reject a join between two posts, accounts or identifiers (Link respects it)."""
    from cradlewatch.workspace.decisions import join_subject

    _decide(workspace, user, "join", join_subject(a, b), action, note)


def decide_ring(
    action: Annotated[str, typer.Argument(help="merge or split (clear: withdraw one).")],
    posts: Annotated[
        list[str], typer.Argument(help="Post ids: merge their rings, or split them out.")
    ],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
    withdraw: Annotated[
        str | None,
        typer.Option(
            "--withdraw", help="With 'clear': the action (merge/split) to withdraw for these posts."
        ),
    ] = None,
) -> None:
    """Merge the rings of posts, or split posts into a ring of their own, at the next analyze."""
    from cradlewatch.workspace.decisions import ring_subject

    if action == "clear":
        if withdraw not in ("merge", "split"):
            raise UsageError("--withdraw:0: say which decision to withdraw: merge or split")
        _decide(workspace, user, "ring", ring_subject(withdraw, posts), "clear", note)
        return
    _decide(
        workspace,
        user,
        "ring",
        ring_subject(action, posts),
        action,
        note,
        {"posts": sorted(set(posts))},
    )


def decide_match(
    child: Annotated[str, typer.Argument(help="Child sample id.")],
    case: Annotated[str, typer.Argument(help="Family case id.")],
    action: Annotated[str, typer.Argument(help="confirm, reject, or clear.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Confirm or reject a Reunite candidate match (reunification role or admin)."""
    from cradlewatch.workspace.decisions import match_subject

    _decide(workspace, user, "match", match_subject(child, case), action, note)


def decide_alert(
    alert: Annotated[
        str,
        typer.Argument(
            help="Alert key: CLINICIAN|SIGNAL|OUTCOME|DATE|BIRTH_ID (see 'workspace alerts')."
        ),
    ],
    action: Annotated[str, typer.Argument(help="acknowledge, escalate, or clear.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Acknowledge or escalate a Watch alert."""
    _decide(workspace, user, "alert", alert, action, note)


def decide_history(
    workspace: Workspace = Path("."),
    kind: Annotated[
        str | None, typer.Option("--kind", help="post, join, ring, match or alert.")
    ] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="One subject only.")] = None,
) -> None:
    """Every decision, oldest first (JSON Lines): the full, reversible chain."""
    from cradlewatch.store.history import decision_history

    with open_workspace(workspace).session() as session:
        for record in decision_history(session, kind, subject):
            emit(record)


def case_create(
    title: Annotated[str, typer.Option("--title", help="Case title.")],
    user: UserName,
    workspace: Workspace = Path("."),
    assignee: Annotated[
        str | None, typer.Option("--assignee", help="User the case is assigned to.")
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="Notes.")] = "",
) -> None:
    """Open a case."""
    from cradlewatch.workspace.cases import create_case
    from cradlewatch.workspace.users import acting_user

    with open_workspace(workspace).session() as session:
        emit(
            create_case(session, acting_user(session, user, "manage_cases"), title, assignee, notes)
        )


def case_add(
    case: Annotated[int, typer.Argument(help="Case id.")],
    kind: Annotated[str, typer.Argument(help="ring or post.")],
    refs: Annotated[list[str], typer.Argument(help="Ring or post ids.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Add rings or posts to a case."""
    from cradlewatch.workspace.cases import add_item
    from cradlewatch.workspace.users import acting_user

    with open_workspace(workspace).session() as session:
        actor = acting_user(session, user, "manage_cases")
        for ref in refs:
            record = add_item(session, actor, case, kind, ref, note)
        emit(record)


def case_remove(
    case: Annotated[int, typer.Argument(help="Case id.")],
    kind: Annotated[str, typer.Argument(help="ring or post.")],
    ref: Annotated[str, typer.Argument(help="Ring or post id.")],
    user: UserName,
    workspace: Workspace = Path("."),
) -> None:
    """Take a ring or post out of a case (the audit log keeps that it was there)."""
    from cradlewatch.workspace.cases import remove_item
    from cradlewatch.workspace.users import acting_user

    with open_workspace(workspace).session() as session:
        emit(remove_item(session, acting_user(session, user, "manage_cases"), case, kind, ref))


def case_update(
    case: Annotated[int, typer.Argument(help="Case id.")],
    user: UserName,
    workspace: Workspace = Path("."),
    status: Annotated[
        str | None, typer.Option("--status", help="open, in_progress, referred or closed.")
    ] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="New assignee.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Replace the notes.")] = None,
) -> None:
    """Change a case's status, assignee or notes."""
    from cradlewatch.workspace.cases import update_case
    from cradlewatch.workspace.users import acting_user

    with open_workspace(workspace).session() as session:
        emit(
            update_case(
                session,
                acting_user(session, user, "manage_cases"),
                case,
                status=status,
                assignee=assignee,
                notes=notes,
            )
        )


def case_list(
    workspace: Workspace = Path("."),
    status: Annotated[
        str | None, typer.Option("--status", help="Only cases with this status.")
    ] = None,
) -> None:
    """List cases (JSON Lines)."""
    from cradlewatch.workspace.cases import list_cases

    with open_workspace(workspace).session() as session:
        for record in list_cases(session, status):
            emit(record)
