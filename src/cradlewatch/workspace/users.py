"""Workbench users: roles from the permission matrix, passwords as argon2id hashes.

Only the hash is stored (argon2-cffi's defaults, RFC 9106's low-memory profile), so a copied
workspace does not give away passwords; :func:`authenticate` re-hashes when the parameters of
the installed library have grown stronger since the hash was made.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from cradlewatch.errors import UsageError
from cradlewatch.store.records import utc_now
from cradlewatch.store.schema import UserRow
from cradlewatch.workspace import audit
from cradlewatch.workspace.permissions import require, roles

MIN_PASSWORD = 10
_HASHER = PasswordHasher()


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    active: bool


def _check_name(name: str) -> None:
    if not name or len(name) > 100 or any(c.isspace() or c in ":|" for c in name):
        raise UsageError(f"{name!r}:0: a user name is 1-100 characters without spaces, ':' or '|'")


def add_user(session: Session, name: str, role: str, password: str, by: str = "cli") -> User:
    """Create a user (audited); a usage error when the name is taken or the role unknown."""
    _check_name(name)
    if role not in roles():
        raise UsageError(f"--role:0: unknown role {role!r} (one of {', '.join(roles())})")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"password:0: at least {MIN_PASSWORD} characters")
    if session.get(UserRow, name) is not None:
        raise UsageError(f"{name}:0: user exists")
    session.add(
        UserRow(
            name=name,
            role=role,
            password_hash=_HASHER.hash(password),
            active=True,
            created_at=utc_now(),
        )
    )
    audit.append(session, by, "user_add", f"user:{name}", {"role": role})
    return User(name, role, True)


def set_role(session: Session, name: str, role: str, by: str) -> User:
    """Change a user's role (audited)."""
    row = session.get(UserRow, name)
    if row is None:
        raise UsageError(f"{name}:0: no such user")
    if role not in roles():
        raise UsageError(f"--role:0: unknown role {role!r} (one of {', '.join(roles())})")
    audit.append(session, by, "user_role", f"user:{name}", {"from": row.role, "to": role})
    row.role = role
    return User(row.name, row.role, row.active)


def get_user(session: Session, name: str) -> User | None:
    row = session.get(UserRow, name)
    return None if row is None else User(row.name, row.role, row.active)


def list_users(session: Session) -> list[User]:
    return [
        User(r.name, r.role, r.active)
        for r in session.scalars(select(UserRow).order_by(UserRow.name))
    ]


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when the password is right and the account active, else None (no hint why)."""
    row = session.get(UserRow, name)
    if row is None or not row.active:
        _HASHER.hash(password)  # same cost as a real check: no timing hint that the name is unknown
        return None
    try:
        _HASHER.verify(row.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if _HASHER.check_needs_rehash(row.password_hash):
        row.password_hash = _HASHER.hash(password)
    return User(row.name, row.role, row.active)


def acting_user(session: Session, name: str, permission: str) -> User:
    """The named, active user, checked against the matrix: who the CLI records decisions as."""
    user = get_user(session, name)
    if user is None or not user.active:
        raise UsageError(f"--user:0: no active user {name!r} (add one with 'cradlewatch user add')")
    require(user.role, permission, name)
    return user
