"""Building a case from the Workbench: create, add a post and a ring, change status."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_helpers import login


def test_an_analyst_builds_a_case(client: TestClient) -> None:
    token = login(client, "analyst")
    created = client.post("/cases", data={"title": "babyhome_web88 network", "csrf_token": token})
    assert created.status_code == 303
    case_url = created.headers["location"]
    case_id = int(case_url.rsplit("/", 1)[1])
    ring = client.get("/posts/web-xss.json").json()["post"]["summary"]["ring_id"]
    post_page = client.get("/posts/web-xss").text
    assert 'action="/cases/items"' in post_page
    for kind, ref in (("post", "web-xss"), ("ring", ring)):
        added = client.post(
            "/cases/items",
            data={
                "case_id": case_id,
                "kind": kind,
                "ref": ref,
                "note": "seen",
                "csrf_token": token,
            },
        )
        assert added.status_code == 303, added.text
    missing = client.post(
        "/cases/items",
        data={"case_id": case_id, "kind": "post", "ref": "nope", "csrf_token": token},
    )
    assert missing.status_code == 400
    client.post(
        f"/cases/{case_id}/update",
        data={"status": "in_progress", "assignee": "supervisor", "csrf_token": token},
    )
    case = client.get(f"{case_url}.json").json()["case"]
    assert case["status"] == "in_progress" and case["assignee"] == "supervisor"
    assert [(i["kind"], i["ref"], i["added_by"]) for i in case["items"]] == [
        ("post", "web-xss", "analyst"),
        ("ring", ring, "analyst"),
    ]
    assert any(c["id"] == case_id for c in client.get("/cases.json").json()["items"])
    assert "babyhome_web88 network" in client.get("/cases").text


def test_a_viewer_gets_no_case_forms(client: TestClient) -> None:
    login(client, "viewer")
    assert 'action="/cases/items"' not in client.get("/posts/web-xss").text
    assert client.get("/cases.json").status_code == 403
