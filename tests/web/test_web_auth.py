"""Sign-in, sessions, CSRF and login throttling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import csrf_of, login, password

from cradlewatch.store import Store
from cradlewatch.web import create_app
from cradlewatch.web.security import WINDOW_SECONDS, failed_logins
from cradlewatch.workspace import audit
from cradlewatch.workspace.users import add_user, roles


def test_pages_need_a_session_html_redirects_json_gets_401(client: TestClient) -> None:
    page = client.get("/queue?platform=tieba")
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fqueue%3Fplatform%3Dtieba"
    assert client.get("/queue.json").status_code == 401
    assert client.get("/queue", headers={"accept": "application/json"}).status_code == 401
    assert client.get("/login").status_code == 200
    assert client.get("/static/workbench.css").status_code == 200


def test_login_logout_and_role_from_the_store(client: TestClient) -> None:
    token = login(client, "analyst")
    me = client.get("/queue.json")
    assert me.status_code == 200
    assert client.get("/queue").headers["content-type"].startswith("text/html")
    cookie = client.cookies.get("cradlewatch_session")
    assert cookie and "analyst" not in cookie  # signed, and base64 of the payload
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/queue.json").status_code == 401


def test_wrong_password_is_refused_and_audited(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"username": "analyst", "password": "wrong-password!", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "Wrong user name or password" in response.text
    login(client, "admin")
    rows = client.get("/audit.json?target=user:analyst").json()["items"]
    assert any(r["action"] == "login_failed" for r in rows)


def test_post_without_csrf_token_is_refused(client: TestClient) -> None:
    response = client.post("/login", data={"username": "analyst", "password": password("analyst")})
    assert response.status_code == 403
    token = login(client, "analyst")
    assert client.post("/logout", data={"csrf_token": token + "x"}).status_code == 403
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/queue.json").status_code == 200  # still signed in


@pytest.fixture
def users_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace with a user of every role and nothing else: the lock-out tests' failures
    stay in its audit log, not in the shared workspace the other tests sign in to."""
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    store = Store.open(tmp_path / "ws", create=True)
    with store.session() as session:
        for role in roles():
            add_user(session, role, role, password(role))
    store.close()
    return tmp_path / "ws"


def _fail(client: TestClient, user: str, times: int) -> None:
    token = csrf_of(client.get("/login").text)
    for _ in range(times):
        failed = client.post(
            "/login", data={"username": user, "password": "not-it-at-all", "csrf_token": token}
        )
        assert failed.status_code == 401


def _try(client: TestClient, user: str) -> int:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"username": user, "password": password(user), "csrf_token": token}
    ).status_code


def test_five_failures_lock_that_user_and_address_out(users_only: Path) -> None:
    with TestClient(create_app(users_only, secret_key="k"), follow_redirects=False) as client:
        _fail(client, "viewer", 5)
        assert _try(client, "viewer") == 429
        assert _try(client, "analyst") == 303  # another user, same address: not locked out


def test_the_lock_out_holds_across_server_processes(users_only: Path) -> None:
    """Two apps on one workspace stand for two processes of ``serve --workers 2``: failures
    made on one count on the other (each used to keep its own count, so N processes gave an
    attacker N times the attempts)."""
    first = TestClient(create_app(users_only, secret_key="k"), follow_redirects=False)
    second = TestClient(create_app(users_only, secret_key="k"), follow_redirects=False)
    with first, second:
        _fail(first, "viewer", 3)
        _fail(second, "viewer", 2)
        assert _try(first, "viewer") == 429
        assert _try(second, "viewer") == 429


def test_failures_count_within_the_window_and_since_the_last_success(users_only: Path) -> None:
    store = Store.open(users_only)
    try:
        with store.session() as db:
            for action in ("login_failed", "login_failed", "login", "login_failed"):
                audit.append(db, "u", action, "user:u", {"address": "1.2.3.4"})
            audit.append(db, "u", "login_failed", "user:u", {"address": "5.6.7.8"})
            audit.append(db, "u", "view", "user:u", {"format": "html"})
        with store.session() as db:
            assert failed_logins(db, "u", "1.2.3.4") == 1  # the success reset the count
            assert failed_logins(db, "u", "5.6.7.8") == 1
            assert failed_logins(db, "u", "9.9.9.9") == 0
            assert failed_logins(db, "someone-else", "1.2.3.4") == 0
            later = datetime.now(UTC) + timedelta(seconds=WINDOW_SECONDS + 1)
            assert failed_logins(db, "u", "1.2.3.4", now=later) == 0
    finally:
        store.close()


def test_login_never_redirects_off_site(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={
            "username": "viewer",
            "password": password("viewer"),
            "csrf_token": token,
            "next": "//evil.example/phish",
        },
    )
    assert response.headers["location"] == "/queue"


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/login").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"


def test_assets_are_vendored_with_their_licences(client: TestClient) -> None:
    html = client.get("/login").text
    assert "//cdn" not in html and "https://" not in html
    for asset in ("htmx.min.js", "htmx.LICENSE.txt", "cytoscape.min.js", "cytoscape.LICENSE.txt"):
        assert client.get(f"/static/vendor/{asset}").status_code == 200, asset
    assert 'src="/static/vendor/htmx.min.js"' in html


def test_scripts_get_the_csrf_token_and_post_with_the_header(client: TestClient) -> None:
    assert client.get("/session.json").status_code == 401
    login(client, "analyst")
    info = client.get("/session.json").json()
    assert info["user"] == "analyst" and "decide_posts" in info["permissions"]
    assert "view_dna" not in info["permissions"]
    response = client.post(
        "/posts/web-xss/decision.json",
        data={"action": "unsure"},
        headers={"x-csrf-token": info["csrf_token"]},
    )
    assert response.status_code == 201
    assert response.json()["action"] == "unsure" and response.json()["user"] == "analyst"
    assert client.post("/posts/web-xss/decision.json", data={"action": "unsure"}).status_code == 403
