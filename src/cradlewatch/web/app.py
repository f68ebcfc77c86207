"""The Workbench application factory: middleware, error handlers and the routers.

Security choices, all server-side: a signed, HttpOnly, SameSite=Strict session cookie; a CSRF
token on every POST; a Content-Security-Policy that allows only the Workbench's own scripts
and styles (every asset is served from ``/static``, the Workbench works offline); and no
interactive API docs (they load their scripts from a CDN); the schema is at ``/openapi.json``
for signed-in users.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cradlewatch import __version__
from cradlewatch.store import Store
from cradlewatch.web import alerts, auth, cases, contacts, exports, oversight, posts, rings, search
from cradlewatch.web.context import (
    JSON_FLAG,
    Forbidden,
    NotAuthenticated,
    ViewPosts,
    dumps,
    page,
    wants_json,
)
from cradlewatch.web.facets import FacetCache
from cradlewatch.web.openapi import document
from cradlewatch.web.params import no_nul_characters
from cradlewatch.workspace import audit

STATIC = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "cradlewatch_session"
SESSION_SECONDS = 8 * 3600
HEADERS = {
    "content-security-policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


class JsonTwin:
    """ASGI middleware: ``/x.json`` is served by the ``/x`` route, flagged to answer JSON.

    Doing it once here gives every page its twin without a second route per page.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path.endswith(".json") and not path.startswith("/static/"):
            scope = {**scope, "path": path[: -len(".json")], JSON_FLAG: True}
            scope["raw_path"] = scope["path"].encode()
        await self.app(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: the security headers on every response, and a day's caching of assets.

    Plain ASGI rather than ``@app.middleware("http")``, whose per-request task and streaming
    wrapper cost more than the headers themselves on every page under load.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope.get("path", "").startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if static:  # versioned with the package: let the browser keep assets a day
                    headers["cache-control"] = "private, max-age=86400"
            await send(message)

        await self.app(scope, receive, with_headers)


def _error(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return Response(
            dumps({"error": message}), status_code=status, media_type="application/json"
        )
    return page(request, "error.html", {"status": status, "message": message, "user": None}, status)


def create_app(workspace_dir: Path, secret_key: str | None = None) -> FastAPI:
    """The Workbench over the workspace in ``workspace_dir``.

    Without ``secret_key`` a random one is made, so sessions end when the server restarts;
    pass a fixed key to keep them across restarts or share them between workers.
    """
    app = FastAPI(
        title="cradlewatch Workbench",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(no_nul_characters)],
    )
    document(app)
    app.state.store = Store.open(Path(workspace_dir))
    app.state.facets = FacetCache()

    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key or secrets.token_urlsafe(32),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_SECONDS,
        same_site="strict",
    )
    app.add_middleware(JsonTwin)

    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, error: NotAuthenticated) -> Response:
        if wants_json(request):
            return _error(request, 401, "sign in first (POST /login)")
        return auth.login_redirect(request)

    @app.exception_handler(Forbidden)
    def forbidden(request: Request, error: Forbidden) -> Response:
        # The route's own transaction was rolled back: record the refusal in a new one, so
        # that probing for pages one may not see leaves a trace.
        with request.app.state.store.session() as db:
            audit.append(
                db,
                error.user,
                "denied",
                f"route:{request.method} {request.url.path}",
                {"permission": error.permission},
            )
        return _error(request, 403, f"your role may not {error.permission.replace('_', ' ')}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/openapi", include_in_schema=False)
    def openapi(ctx: ViewPosts) -> Response:
        """The OpenAPI schema (also as ``/openapi.json``), for signed-in users and API tools."""
        audit.append(ctx.db, ctx.user.name, "view", "page:openapi", {"format": "json"})
        return Response(dumps(app.openapi()), media_type="application/json")

    for module in (auth, posts, contacts, rings, search, cases, exports, oversight, alerts):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
