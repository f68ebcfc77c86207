"""Users (argon2 hashes, roles) and the permission matrix, through the API and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cradlewatch.cli import app
from cradlewatch.errors import UsageError
from cradlewatch.store import Store
from cradlewatch.store.schema import UserRow
from cradlewatch.workspace.permissions import allowed, permissions, roles
from cradlewatch.workspace.users import add_user, authenticate, list_users

PASSWORD = "correct horse battery"


def test_password_is_stored_as_argon2id_and_checked(workspace: tuple[Store, Path]) -> None:
    store, _ = workspace
    with store.session() as session:
        add_user(session, "li", "analyst", PASSWORD)
    with store.session() as session:
        row = session.get(UserRow, "li")
        assert row is not None and row.password_hash.startswith("$argon2id$")
        assert PASSWORD not in row.password_hash
        assert authenticate(session, "li", PASSWORD) is not None
        assert authenticate(session, "li", PASSWORD + "!") is None
        assert authenticate(session, "nobody", PASSWORD) is None


@pytest.mark.parametrize(
    "name, role, password, message",
    [
        ("li", "analyst", PASSWORD, "user exists"),
        ("wang", "god", PASSWORD, "unknown role"),
        ("wang", "analyst", "short", "at least"),
        ("wang li", "analyst", PASSWORD, "without spaces"),
    ],
)
def test_bad_users_are_refused(
    workspace: tuple[Store, Path], name: str, role: str, password: str, message: str
) -> None:
    store, _ = workspace
    with store.session() as session:
        add_user(session, "li", "analyst", PASSWORD)
    with pytest.raises(UsageError, match=message), store.session() as session:
        add_user(session, name, role, password)


# The policy the brief sets; the YAML must keep to it.
EXPECTED = {
    "viewer": {"view_posts", "view_alerts"},
    "analyst": {
        "view_posts",
        "decide_posts",
        "decide_links",
        "manage_cases",
        "export",
        "view_alerts",
    },
    "supervisor": {
        "view_posts",
        "decide_posts",
        "decide_links",
        "manage_cases",
        "export",
        "view_alerts",
        "decide_alerts",
        "view_audit",
    },
    "reunification": {
        "view_posts",
        "view_matches",
        "view_dna",
        "decide_matches",
        "manage_cases",
        "export",
    },
    "admin": set(permissions()),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize("permission", sorted(permissions()))
def test_permission_matrix(role: str, permission: str) -> None:
    assert allowed(role, permission) == (permission in EXPECTED[role])


def test_dna_is_only_for_reunification_and_admin() -> None:
    assert {r for r in roles() if allowed(r, "view_dna")} == {"reunification", "admin"}
    assert {r for r in roles() if allowed(r, "decide_matches")} == {"reunification", "admin"}
    assert not allowed("nobody", "view_posts")


def test_cli_user_add_reads_password_from_stdin(workspace: tuple[Store, Path]) -> None:
    store, directory = workspace
    store.close()
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "user",
            "add",
            "zhao",
            "--role",
            "reunification",
            "--password-stdin",
            "--workspace",
            str(directory),
        ],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    with Store.open(directory).session() as session:
        assert [(u.name, u.role) for u in list_users(session)] == [("zhao", "reunification")]
        assert authenticate(session, "zhao", PASSWORD) is not None
    bad = runner.invoke(
        app,
        [
            "user",
            "add",
            "qian",
            "--role",
            "boss",
            "--password-stdin",
            "--workspace",
            str(directory),
        ],
        input=PASSWORD + "\n",
    )
    assert bad.exit_code == 2
