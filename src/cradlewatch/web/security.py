"""Login throttling and CSRF tokens: the two defences the session cookie does not give.

The session itself is Starlette's signed cookie (itsdangerous); it holds only the user name and
the CSRF token, never a role, so that a role change or a deactivation takes effect on the next
request.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque
from collections.abc import Callable, MutableMapping
from typing import Any

from fastapi import HTTPException, Request

MAX_FAILURES = 5
WINDOW_SECONDS = 300.0
CSRF_KEY = "csrf"


class LoginThrottle:
    """At most ``MAX_FAILURES`` failed logins per (user, client address) in a sliding window.

    Keyed on the pair so that one attacker cannot lock a colleague out from elsewhere, and
    in memory because a Workbench is one process; a restart forgets the count, which costs an
    attacker a restart they cannot trigger.
    """

    def __init__(
        self,
        limit: int = MAX_FAILURES,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: defaultdict[tuple[str, str], deque[float]] = defaultdict(deque)

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        failures = self._failures[key]
        horizon = self.clock() - self.window
        while failures and failures[0] <= horizon:
            failures.popleft()
        return failures

    def blocked(self, user: str, address: str) -> bool:
        return len(self._recent((user, address))) >= self.limit

    def fail(self, user: str, address: str) -> None:
        self._recent((user, address)).append(self.clock())

    def succeed(self, user: str, address: str) -> None:
        self._failures.pop((user, address), None)


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
