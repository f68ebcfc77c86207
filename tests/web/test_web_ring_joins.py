"""A join judged from the ring page is listed among the ring's decisions, there and in the
page's JSON twin (it was recorded but shown nowhere; the browser tests found it)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_helpers import login


def test_a_judged_join_is_listed_on_the_ring_page(client: TestClient) -> None:
    token = login(client, "analyst")
    post = client.get("/posts/web-share.json").json()["post"]
    ring = post["summary"]["ring_id"]
    node = next(
        f"{i['kind']}:{i['value']}" for i in post["identifiers"] if i["value"] == "babyhome_web88"
    )
    judged = client.post(
        f"/rings/{ring}/join",
        data={"post": "web-share", "node": node, "action": "reject", "csrf_token": token},
    )
    assert judged.status_code == 303, judged.text
    subject = "|".join(sorted((node, "post:web-share")))
    joins = client.get(f"/rings/{ring}.json").json()["joins"]
    assert (joins[-1]["action"], joins[-1]["user"], joins[-1]["subject"]) == (
        "reject",
        "analyst",
        subject,
    )
    assert f"analyst: reject {subject}" in client.get(f"/rings/{ring}").text
    # a join of posts outside the ring is not this ring's business
    other = client.get("/rings.json?min_size=2").json()["items"]
    elsewhere = next(r["id"] for r in other if r["id"] != ring)
    assert all(
        "web-share" not in j["subject"]
        for j in client.get(f"/rings/{elsewhere}.json").json()["joins"]
    )
