"""What every Workbench route shares: who is asking, may they, and how to answer.

A route declares its permission with ``ctx: Context = Depends(guard("view_posts"))``; the
guard loads the session's user from the store on every request (so a role change or a
deactivation takes effect at once), checks the permission matrix and opens the database
session the route reads from. :func:`respond` audits the view and answers HTML or its JSON
twin from the same data, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from jinja2.filters import do_urlencode
from jinja2.utils import url_quote
from sqlalchemy.orm import Session

from cradlewatch.store import Store
from cradlewatch.web.security import csrf_token
from cradlewatch.workspace import audit
from cradlewatch.workspace.permissions import allowed
from cradlewatch.workspace.users import User, get_user

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
# The templates ship with the package and do not change while a server runs: no stat() of every
# template file on every page (Jinja's default re-checks their modification times).
TEMPLATES.env.auto_reload = False


@lru_cache(maxsize=65536)
def _quote(value: str) -> str:
    return str(url_quote(value))


def _urlencode(value: Any) -> str:
    """Jinja's ``urlencode`` with strings memoised: a queue page quotes about a hundred post
    ids, accounts and ring ids, and quoting non-ASCII account names was a quarter of the
    page's rendering time; the same few thousand values recur from page to page."""
    return _quote(value) if isinstance(value, str) else str(do_urlencode(value))


TEMPLATES.env.filters["urlencode"] = _urlencode
JSON_FLAG = "cradlewatch.json"
USER_KEY = "user"


class NotAuthenticated(Exception):
    """No valid session: HTML goes to the login page, JSON gets 401."""


class Forbidden(Exception):
    """The user's role lacks the route's permission: 403 (and an audited ``denied``)."""

    def __init__(self, user: str, permission: str) -> None:
        super().__init__(permission)
        self.user = user
        self.permission = permission


def wants_json(request: Request) -> bool:
    """The JSON twin was asked for: a ``.json`` URL, or Accept naming JSON but not HTML."""
    if request.scope.get(JSON_FLAG):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


@dataclass(frozen=True, slots=True)
class Context:
    request: Request
    user: User
    db: Session
    json: bool

    def can(self, permission: str) -> bool:
        return allowed(self.user.role, permission)


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


@cache
def guard(permission: str) -> Callable[[Request], Iterator[Context]]:
    """The dependency that admits only signed-in users whose role has ``permission``.

    Cached per permission so that tests can find a route's permission on its dependency
    (``guard.permission``) and check every route against the matrix.
    """
    allowed(  # fail at import time on a misspelt permission, not at the first request
        "admin", permission
    )

    def dependency(request: Request) -> Iterator[Context]:
        name = request.session.get(USER_KEY)
        with store_of(request).session() as db:
            user = get_user(db, name) if isinstance(name, str) else None
            if user is None or not user.active:
                raise NotAuthenticated()
            if not allowed(user.role, permission):
                raise Forbidden(user.name, permission)
            yield Context(request, user, db, wants_json(request))

    dependency.permission = permission  # type: ignore[attr-defined]
    return dependency


def dumps(data: Any) -> bytes:
    """JSON of records (frozen dataclasses) and plain values."""
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


def respond(ctx: Context, template: str, target: str, data: dict[str, Any]) -> Response:
    """Answer with the page or its JSON twin, and audit the view of ``target``.

    The page is rendered first and the audit row is committed straight after it, so the
    write lock every audit append needs (the chain is one row after another) is held for the
    append alone, not while the page renders: a view is recorded once its answer exists.
    """
    if ctx.json:
        response = Response(dumps(data), media_type="application/json")
    else:
        response = page(ctx.request, template, {**data, "user": ctx.user, "can": ctx.can})
    detail = {"format": "json" if ctx.json else "html"}
    audit.append_and_commit(ctx.db, ctx.user.name, "view", target, detail)
    return response


def page(request: Request, template: str, data: dict[str, Any], status: int = 200) -> Response:
    """Render ``template`` with the CSRF token every form needs."""
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {"csrf": csrf_token(request.session), **data},
        status_code=status,
    )


# The route parameter types that admit a permission: ``ctx: ViewPosts`` in a route's signature.
# scope="function": the session commits when the route returns, before the response is sent.
# With FastAPI's default ("request") it committed after, so a browser following the redirect
# after a decision could read the page before the decision was stored, and its view's audit
# entry could collide with the decision's (same sequence number): seen in the browser tests.
ViewPosts = Annotated[Context, Depends(guard("view_posts"), scope="function")]
DecidePosts = Annotated[Context, Depends(guard("decide_posts"), scope="function")]
DecideLinks = Annotated[Context, Depends(guard("decide_links"), scope="function")]
DecideMatches = Annotated[Context, Depends(guard("decide_matches"), scope="function")]
ViewMatches = Annotated[Context, Depends(guard("view_matches"), scope="function")]
ViewDna = Annotated[Context, Depends(guard("view_dna"), scope="function")]
ManageCases = Annotated[Context, Depends(guard("manage_cases"), scope="function")]
Export = Annotated[Context, Depends(guard("export"), scope="function")]
ViewAlerts = Annotated[Context, Depends(guard("view_alerts"), scope="function")]
DecideAlerts = Annotated[Context, Depends(guard("decide_alerts"), scope="function")]
ViewAudit = Annotated[Context, Depends(guard("view_audit"), scope="function")]
