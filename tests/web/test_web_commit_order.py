"""A route's transaction commits before its response leaves, so a browser following the
redirect after a decision reads the decision (found by the browser tests: with FastAPI's
default the commit ran after the redirect was sent, and the next page raced it)."""

from __future__ import annotations

from pathlib import Path

from fastapi.routing import APIRoute

from cradlewatch.web import create_app


def test_every_guarded_route_commits_before_it_answers(workspace_dir: Path) -> None:
    app = create_app(workspace_dir)
    guarded = 0
    pending = list(app.routes)
    while pending:
        route = pending.pop()
        if hasattr(route, "original_router"):
            pending.extend(route.original_router.routes)
        if not isinstance(route, APIRoute):
            continue
        for dependency in route.dependant.dependencies:
            if hasattr(dependency.call, "permission"):
                guarded += 1
                assert dependency.scope == "function", route.path
    app.state.store.close()
    assert guarded > 20
