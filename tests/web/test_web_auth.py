"""Sign-in, sessions, CSRF and login throttling."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_helpers import csrf_of, login, password

from cradlewatch.web.security import LoginThrottle


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


def test_five_failures_lock_that_user_and_address_out(client: TestClient) -> None:
    token = csrf_of(client.get("/login").text)
    for _ in range(5):
        failed = client.post(
            "/login", data={"username": "viewer", "password": "not-it-at-all", "csrf_token": token}
        )
        assert failed.status_code == 401
    right = client.post(
        "/login",
        data={"username": "viewer", "password": password("viewer"), "csrf_token": token},
    )
    assert right.status_code == 429
    other = client.post(
        "/login",
        data={"username": "analyst", "password": password("analyst"), "csrf_token": token},
    )
    assert other.status_code == 303  # another user from the same address is not locked out


def test_throttle_window_slides() -> None:
    now = [0.0]
    throttle = LoginThrottle(limit=2, window=60, clock=lambda: now[0])
    throttle.fail("u", "1.2.3.4")
    throttle.fail("u", "1.2.3.4")
    assert throttle.blocked("u", "1.2.3.4")
    assert not throttle.blocked("u", "5.6.7.8")
    now[0] = 61.0
    assert not throttle.blocked("u", "1.2.3.4")


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
