"""The permission matrix (``permissions.yaml``): which role may view or decide what.

Kept as data because who may see a family's DNA is a policy decision of the agency running
the workspace, not of the programmer; the code only reads and enforces it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from cradlewatch.errors import UsageError

MATRIX = Path(__file__).resolve().parent / "permissions.yaml"


@cache
def _matrix() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    data = yaml.safe_load(MATRIX.read_text(encoding="utf-8"))
    described = {str(k): str(v) for k, v in data["permissions"].items()}
    roles = {str(role): frozenset(str(p) for p in perms) for role, perms in data["roles"].items()}
    for role, perms in roles.items():
        unknown = perms - set(described)
        if unknown:
            raise ValueError(f"{MATRIX}: role {role} has unknown permissions {sorted(unknown)}")
    return described, roles


def roles() -> tuple[str, ...]:
    """Every role, in the matrix's order."""
    return tuple(_matrix()[1])


def permissions() -> dict[str, str]:
    """Every permission with its description."""
    return dict(_matrix()[0])


def allowed(role: str, permission: str) -> bool:
    """True when ``role`` has ``permission`` (unknown roles have none)."""
    described, matrix = _matrix()
    if permission not in described:
        raise ValueError(f"unknown permission {permission!r}")
    return permission in matrix.get(role, frozenset())


def require(role: str, permission: str, user: str) -> None:
    """Raise :class:`UsageError` unless ``role`` has ``permission``."""
    if not allowed(role, permission):
        raise UsageError(f"{user}:0: role {role} may not {permission.replace('_', ' ')}")
