"""The permission matrix, route by route and role by role, straight from permissions.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from web_helpers import login

from cradlewatch.store import Store
from cradlewatch.web import create_app
from cradlewatch.web.security import check_csrf
from cradlewatch.workspace.permissions import allowed, roles

PUBLIC = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/")}


def _flatten(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside included routers (newer FastAPI keeps them nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _flatten(route.original_router.routes)


def _routes(directory: Path) -> list[tuple[str, str, str | None]]:
    """(method, path, permission) of every route; permission None for public ones."""
    app = create_app(directory)
    out = []
    for route in _flatten(app.routes):
        guards = [
            d.call.permission  # type: ignore[union-attr]
            for d in route.dependant.dependencies
            if hasattr(d.call, "permission")
        ]
        for method in route.methods:
            assert len(guards) <= 1
            out.append((method, route.path, guards[0] if guards else None))
            if method == "POST":
                assert any(d.call is check_csrf for d in route.dependant.dependencies), route.path
    app.state.store.close()
    return out


def _sample_urls(directory: Path) -> dict[str, str]:
    """A real value for every path parameter, from the workspace."""
    from cradlewatch.store import repository

    store = Store.open(directory)
    with store.session() as session:
        ring = repository.list_rings(session, min_size=2).items[0]
        detail = repository.get_ring(session, ring.id)
        assert detail is not None
        post = detail.members[0]
        full = repository.get_post(session, post.id)
        assert full is not None and full.identifiers and post.account
        ident = full.identifiers[0]
    store.close()
    return {
        "post_id": post.id,
        "ring_id": ring.id,
        "kind": ident.kind,
        "value": ident.value,
        "account": post.account,
        "child_id": "CW01",
        "case_id": "1",
        "clinician": "Dr-W",
    }


def test_every_route_but_login_is_guarded(workspace_dir: Path) -> None:
    routes = _routes(workspace_dir)
    unguarded = {(m, p) for m, p, perm in routes if perm is None}
    assert unguarded == PUBLIC
    # the sensitive pages sit behind the sensitive permissions
    permission = {(m, p): perm for m, p, perm in routes}
    assert permission[("GET", "/matches/{child_id}/dna")] == "view_dna"
    assert permission[("POST", "/posts/{post_id}/decision")] == "decide_posts"


@pytest.mark.parametrize("role", roles())
def test_permission_matrix(role: str, client: TestClient, workspace_dir: Path) -> None:
    samples = _sample_urls(workspace_dir)
    token = login(client, role)
    for method, path, permission in _routes(workspace_dir):
        if permission is None:
            continue
        url = path.replace("{value:path}", "{value}").replace("{account:path}", "{account}")
        url = url.format(**samples)
        if method == "GET":
            response = client.get(url, headers={"accept": "application/json"})
        else:
            response = client.post(
                url,
                data={
                    "action": "unsure",
                    "title": f"case by {role}",
                    "kind": "post",
                    "ref": samples["post_id"],
                    "status": "in_progress",
                    "posts": [samples["post_id"]],
                    "post": samples["post_id"],
                    "node": f"{samples['kind']}:{samples['value']}",
                    "child_id": "CW01",
                    "alert": "Dr-W|cusum|custody_loss|2013-05-02|BW000042",
                    "case_id": "KW02",
                    "csrf_token": token,
                },
                headers={"accept": "application/json"},
            )
        if allowed(role, permission):
            # past the permission check: a page, a decision, or a complaint about the input
            assert response.status_code in (200, 201, 400, 404, 422), (role, method, url)
        else:
            assert response.status_code == 403, (role, method, url, response.text)


def test_dna_only_for_reunification_and_admin() -> None:
    assert {r for r in roles() if allowed(r, "view_dna")} == {"reunification", "admin"}


def test_refusals_are_audited(client: TestClient) -> None:
    login(client, "viewer")
    assert client.get("/audit").status_code == 403
    login(client, "admin")
    rows = client.get("/audit.json?user=viewer").json()["items"]
    denied = [r for r in rows if r["action"] == "denied"]
    assert denied and denied[0]["target"] == "route:GET /audit"
    assert denied[0]["detail"]["permission"] == "view_audit"
