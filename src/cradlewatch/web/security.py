"""Login throttling and CSRF tokens: the two defences the session cookie does not give.

The session itself is Starlette's signed cookie (itsdangerous); it holds only the user name and
the CSRF token, never a role, so that a role change or a deactivation takes effect on the next
request.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import MutableMapping
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from cradlewatch.store.records import utc_stamp
from cradlewatch.store.schema import AuditRow

MAX_FAILURES = 5
WINDOW_SECONDS = 300.0
CSRF_KEY = "csrf"


#: The audit actions of a sign-in attempt (see ``web/auth.py``).
LOGIN_ACTIONS = ("login", "login_failed")


def failed_logins(
    session: Session,
    user: str,
    address: str,
    now: datetime | None = None,
    window: float = WINDOW_SECONDS,
) -> int:
    """Failed sign-ins as ``user`` from ``address`` in the last ``window`` seconds, since the
    last success there (counted up to ``MAX_FAILURES``).

    Read from the audit log, which records every attempt with its address: so every process of
    ``serve --workers N`` sees the same count (one kept in each process's memory gave an
    attacker N times the attempts), and a restart forgets nothing. Keyed on user and address
    so that one attacker cannot lock a colleague out from elsewhere. The log is read newest
    first through ``ix_audit_target`` and only as far back as the window.
    """
    since = utc_stamp((now or datetime.now(UTC)) - timedelta(seconds=window))
    attempts = (
        select(AuditRow.time, AuditRow.action, AuditRow.detail)
        .where(AuditRow.target == f"user:{user}", AuditRow.action.in_(LOGIN_ACTIONS))
        .order_by(AuditRow.seq.desc())
        .execution_options(yield_per=50)
    )
    failures = 0
    for time, action, detail in session.execute(attempts):
        if time < since or failures >= MAX_FAILURES:
            break
        if not isinstance(detail, dict) or detail.get("address") != address:
            continue
        if action == "login":
            break
        failures += 1
    return failures


def csrf_token(session: MutableMapping[str, Any]) -> str:
    """The session's CSRF token, created on first use."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_KEY] = token
    return token


def csrf_valid(session: MutableMapping[str, Any], submitted: str | None) -> bool:
    """True when ``submitted`` equals the session's token (constant-time comparison)."""
    expected = session.get(CSRF_KEY)
    return (
        isinstance(expected, str)
        and isinstance(submitted, str)
        and hmac.compare_digest(expected.encode(), submitted.encode())
    )


async def check_csrf(request: Request) -> None:
    """Dependency of every POST: the form's ``csrf_token`` (or ``X-CSRF-Token``) must match.

    The session cookie is also ``SameSite=Strict``; the token is the defence that does not
    depend on the browser honouring that.
    """
    submitted = request.headers.get("x-csrf-token")
    if submitted is None:
        form = await request.form()
        value = form.get("csrf_token")
        submitted = value if isinstance(value, str) else None
    if not csrf_valid(request.session, submitted):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")
