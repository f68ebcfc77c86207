"""User and audit commands: ``user add|list|role`` and ``audit verify|head|log``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cradlewatch.workspace.cli_common import (
    UserName,
    Workspace,
    emit,
    open_workspace,
    os_user,
    say,
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return str(password)


def user_add(
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[
        str, typer.Option("--role", help="viewer, analyst, supervisor, reunification or admin.")
    ],
    workspace: Workspace = Path("."),
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
    ] = False,
) -> None:
    """Add a Workbench user (the password is stored as an argon2 hash)."""
    from cradlewatch.workspace.users import add_user

    password = _password(password_stdin)
    store = open_workspace(workspace)
    with store.session() as session:
        user = add_user(session, name, role, password, by=f"cli:{os_user()}")
    say(f"user {user.name} added with role {user.role}")


def user_list(workspace: Workspace = Path(".")) -> None:
    """List users and roles (JSON Lines)."""
    from cradlewatch.workspace.users import list_users

    with open_workspace(workspace).session() as session:
        for user in list_users(session):
            emit(user)


def user_role(
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[str, typer.Option("--role", help="The new role.")],
    by: UserName,
    workspace: Workspace = Path("."),
) -> None:
    """Change a user's role (needs manage_users)."""
    from cradlewatch.workspace.users import acting_user, set_role

    with open_workspace(workspace).session() as session:
        admin = acting_user(session, by, "manage_users")
        user = set_role(session, name, role, admin.name)
    say(f"user {user.name} now has role {user.role}")


def audit_verify(
    workspace: Workspace = Path("."),
    head: Annotated[
        str | None,
        typer.Option(
            "--head",
            help="A head (SEQ:HASH or HASH) recorded earlier that must still be in the log.",
        ),
    ] = None,
) -> None:
    """Recompute the audit hash chain: exit 0 when intact, 1 naming the first broken row."""
    from cradlewatch.workspace.audit import verify

    with open_workspace(workspace).session() as session:
        result = verify(session, head)
    if result.intact:
        say(f"audit log intact: {result.rows} rows, head {result.rows}:{result.head}")
        return
    say(f"audit log broken at row {result.broken_seq}: {result.reason}")
    raise typer.Exit(1)


def audit_head(workspace: Workspace = Path(".")) -> None:
    """Print the newest row's SEQ:HASH, to record outside the workspace."""
    from cradlewatch.workspace.audit import head

    with open_workspace(workspace).session() as session:
        typer.echo(head(session))


def audit_log(
    workspace: Workspace = Path("."),
    by: Annotated[
        str, typer.Option("--user", "-u", help="Who reads the log (needs view_audit).")
    ] = "",
    limit: Annotated[int, typer.Option("--limit", help="Newest rows to show.")] = 100,
) -> None:
    """Print the newest audit rows (JSON Lines); reading the log is itself audited."""
    from cradlewatch.workspace.audit import append, events
    from cradlewatch.workspace.users import acting_user

    with open_workspace(workspace).session() as session:
        reader = acting_user(session, by, "view_audit")
        rows = events(session, limit=limit)
        append(session, reader.name, "view", "audit_log", {"limit": limit})
    for row in rows:
        emit(row)
