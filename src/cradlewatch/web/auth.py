"""Login and logout.

Passwords are checked by :func:`cradlewatch.workspace.users.authenticate` (argon2); failures
are throttled per user and client address; a successful login gets a fresh session (new CSRF
token) so that a token planted before login is useless after it. Logins, failures and logouts
are audited.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from cradlewatch.web.context import USER_KEY, ViewPosts, dumps, page, store_of
from cradlewatch.web.security import MAX_FAILURES, check_csrf, csrf_token, failed_logins
from cradlewatch.workspace import audit
from cradlewatch.workspace.permissions import permissions
from cradlewatch.workspace.users import authenticate

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only a local path may follow a login: no open redirect to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/queue"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/login", summary="The login form")
def login_form(request: Request, next: str = "/queue") -> Response:
    return page(request, "login.html", {"next": safe_next(next), "error": None, "user": None})


@router.post("/login", summary="Sign in", dependencies=[Depends(check_csrf)])
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/queue",
) -> Response:
    address = _client(request)
    target = safe_next(next)
    with store_of(request).session() as db:
        if failed_logins(db, username, address) >= MAX_FAILURES:
            return page(
                request,
                "login.html",
                {
                    "next": target,
                    "error": "Too many failed attempts; wait a few minutes.",
                    "user": None,
                },
                status=429,
            )
        user = authenticate(db, username, password)
        audit.append(
            db,
            username,
            "login" if user else "login_failed",
            f"user:{username}",
            {"address": address},
        )
    if user is None:
        return page(
            request,
            "login.html",
            {"next": target, "error": "Wrong user name or password.", "user": None},
            status=401,
        )
    request.session.clear()
    request.session[USER_KEY] = user.name
    csrf_token(request.session)
    return RedirectResponse(target, status_code=303)


@router.post("/logout", summary="Sign out", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    name = request.session.get(USER_KEY)
    if isinstance(name, str):
        with store_of(request).session() as db:
            audit.append(db, name, "logout", f"user:{name}")
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/session", summary="Who is signed in, what they may do, and the CSRF token")
def session_info(ctx: ViewPosts) -> Response:
    """For scripts using the JSON twins: the token their POSTs must send as ``X-CSRF-Token``.

    Same-origin only (no CORS), so another site cannot read the token.
    """
    data = {
        "user": ctx.user.name,
        "role": ctx.user.role,
        "permissions": [p for p in permissions() if ctx.can(p)],
        "csrf_token": csrf_token(ctx.request.session),
    }
    return Response(dumps(data), media_type="application/json")


def login_redirect(request: Request) -> RedirectResponse:
    """Where an unauthenticated page request goes: the login form, returning here after."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(here, safe='')}", status_code=303)
