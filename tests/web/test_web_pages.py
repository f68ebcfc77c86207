"""The pages and their JSON twins: queue, post, identifier, account, ring, search, decisions,
audit of views, escaping and the OpenAPI schema."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient
from web_helpers import XSS, login

from cradlewatch.web import create_app


def test_json_twin_by_suffix_and_by_accept_header_agree(client: TestClient) -> None:
    login(client, "viewer")
    by_suffix = client.get("/queue.json?platform=tieba")
    by_accept = client.get("/queue?platform=tieba", headers={"accept": "application/json"})
    assert by_suffix.status_code == by_accept.status_code == 200
    assert by_suffix.json() == by_accept.json()
    items = by_suffix.json()["items"]
    assert items and all(p["platform"] == "tieba" for p in items)
    assert all(p["verdict"] in ("trafficking", "suspicious") for p in items)


def test_queue_keyset_pages_cover_the_queue_once_in_risk_order(client: TestClient) -> None:
    login(client, "viewer")
    everything = client.get("/queue.json?limit=500").json()["items"]
    seen: list[dict[str, object]] = []
    url = "/queue.json?limit=7"
    while url:
        page = client.get(url).json()
        seen += page["items"]
        url = (
            f"/queue.json?limit=7&cursor={quote(page['next_cursor'])}"
            if page["next_cursor"]
            else ""
        )
    assert [p["id"] for p in seen] == [p["id"] for p in everything]
    risks = [p["risk"] for p in seen]
    assert risks == sorted(risks, reverse=True)
    html = client.get("/queue?limit=7&platform=tieba").text
    link = re.search(r'rel="next" href="([^"]+)"', html)
    assert link and "data-href=" in html
    second = client.get("/queue" + link.group(1).replace("&amp;", "&")).text
    assert second.count("data-href=") == 7  # the next page keeps the filters and the page size
    assert "platform=tieba" in link.group(1)


def test_queue_filters_by_reason_verdict_and_date(client: TestClient) -> None:
    login(client, "viewer")
    facets = client.get("/queue.json").json()["facets"]
    reason = facets["reasons"][0]
    for post in client.get(f"/queue.json?reason={reason}&limit=20").json()["items"]:
        codes = [
            r["code"] for r in client.get(f"/posts/{post['id']}.json").json()["post"]["reasons"]
        ]
        assert reason in codes
    benign = client.get("/queue.json?verdict=benign&limit=20").json()["items"]
    assert benign and all(p["verdict"] == "benign" for p in benign)
    dated = client.get("/queue.json?from=2014-02-02&to=2014-02-03&limit=500").json()["items"]
    assert dated and all("2014-02-0" in p["posted_at"] for p in dated)
    assert client.get("/queue.json?verdict=evil").status_code == 400
    assert client.get("/queue.json?cursor=garbage").status_code == 400


def test_post_page_highlights_evidence_links_identifiers_and_shows_provenance(
    client: TestClient,
) -> None:
    login(client, "viewer")
    data = client.get("/posts/web-xss.json").json()
    post = data["post"]
    assert post["text"].startswith(XSS)  # the text exactly as captured
    assert re.fullmatch(r"[0-9a-f]{64}", post["captures"][0]["sha256"])
    wechat = next(i for i in post["identifiers"] if i["value"] == "babyhome_web88")
    assert wechat["shared_by"] == 2
    marked = [s for s in data["text_segments"] if s["labels"]]
    assert any(s["text"] == post["text"][wechat["start"] : wechat["end"]] for s in marked)
    html = client.get("/posts/web-xss").text
    assert re.search(
        rf'<mark title="[^"]*{wechat["kind"]}:babyhome_web88">babyhome_web88</mark>', html
    )
    assert '<mark title="text_model">' not in html  # a whole-text score is no span
    assert f'href="/identifiers/{wechat["kind"]}/babyhome_web88"' in html
    assert post["captures"][0]["sha256"] in html
    assert client.get("/posts/no-such-post").status_code == 404


def test_html_is_escaped_everywhere(client: TestClient) -> None:
    login(client, "viewer")
    for url in (
        "/posts/web-xss",
        "/queue?verdict=trafficking&verdict=suspicious&limit=500",
        "/search?q=" + quote(XSS),
    ):
        html = client.get(url).text
        assert "<script>alert" not in html, url
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in client.get("/posts/web-xss").text
    assert "爱心妈妈&lt;b&gt;" in client.get("/posts/web-xss").text


def test_identifier_and_account_pages_list_every_post_sharing_them(client: TestClient) -> None:
    login(client, "viewer")
    post = client.get("/posts/web-xss.json").json()["post"]
    wechat = next(i for i in post["identifiers"] if i["value"] == "babyhome_web88")
    page = client.get(f"/identifiers/{wechat['kind']}/babyhome_web88.json").json()
    assert {p["id"] for p in page["items"]} == {"web-xss", "web-share"}
    assert page["identifier"]["posts"] == 2
    account = post["summary"]["account"]
    mine = client.get(f"/accounts/{quote(account)}.json").json()
    assert [p["id"] for p in mine["items"]] == ["web-xss"]
    assert client.get("/identifiers/phone/00000.json").status_code == 404


def test_ring_page_gives_reasons_on_every_join_and_a_cytoscape_graph(client: TestClient) -> None:
    login(client, "viewer")
    rings = client.get("/rings.json?min_size=2").json()["items"]
    ring_id = rings[0]["id"]
    data = client.get(f"/rings/{ring_id}.json").json()
    members = {m["id"] for m in data["ring"]["members"]}
    assert len(members) >= 2
    elements = data["elements"]
    posts = {n["data"]["label"] for n in elements["nodes"] if n["data"]["kind"] == "post"}
    assert posts == members
    hubs = {n["data"]["id"]: n["data"] for n in elements["nodes"] if n["data"]["kind"] == "reason"}
    assert hubs and elements["edges"]
    for edge in elements["edges"]:
        assert edge["data"]["source"] in hubs and edge["data"]["code"]
    joined = {e["data"]["target"].removeprefix("post:") for e in elements["edges"]}
    assert joined == members  # every member is joined by at least one stated reason
    html = client.get(f"/rings/{ring_id}").text
    assert "Why these posts are joined" in html
    assert f'data-source="/rings/{ring_id}.json"' in html and "vendor/cytoscape.min.js" in html


def test_search_accepts_obfuscated_forms(client: TestClient) -> None:
    login(client, "viewer")
    plain = client.get("/search.json?q=babyhome_web88").json()["result"]
    assert {p["id"] for p in plain["posts"]} >= {"web-xss", "web-share"}
    wide = client.get("/search.json?q=" + quote("ｂａｂｙｈｏｍｅ＿ｗｅｂ８８")).json()["result"]
    assert {p["id"] for p in wide["posts"]} == {p["id"] for p in plain["posts"]}
    assert client.get("/search.json").json()["result"] is None


def test_decision_is_recorded_with_user_and_time_and_audited(client: TestClient) -> None:
    token = login(client, "analyst")
    response = client.post(
        "/posts/web-share/decision",
        data={"action": "confirmed", "note": "same wechat as web-xss", "csrf_token": token},
    )
    assert response.status_code == 303
    post = client.get("/posts/web-share.json").json()["post"]
    assert post["summary"]["decision"] == "confirmed"
    last = post["decisions"][-1]
    assert last["user"] == "analyst" and last["action"] == "confirmed" and last["time"]
    bad = client.post("/posts/web-share/decision", data={"action": "guilty", "csrf_token": token})
    assert bad.status_code == 400
    login(client, "admin")
    rows = client.get("/audit.json?target=post:web-share").json()["items"]
    assert any(r["action"] == "decide" and r["user"] == "analyst" for r in rows)


def test_every_page_view_is_audited(client: TestClient) -> None:
    login(client, "supervisor")
    client.get("/posts/web-xss")
    client.get("/posts/web-xss.json")
    rows = client.get("/audit.json?target=post:web-xss&user=supervisor").json()["items"]
    formats = [r["detail"]["format"] for r in rows if r["action"] == "view"]
    assert formats[:2] == ["json", "html"]
    audit = client.get("/audit.json").json()
    assert audit["intact"] is True


def test_openapi_schema_is_served_to_signed_in_users(client: TestClient) -> None:
    assert client.get("/openapi.json").status_code == 401
    login(client, "viewer")
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/search" in schema["paths"]


def test_openapi_schema_is_valid(workspace_dir: Path) -> None:
    app = create_app(workspace_dir)
    schema = app.openapi()
    assert "/queue" in schema["paths"] and "/posts/{post_id}/decision" in schema["paths"]
    app.state.store.close()


def test_segments_cut_at_every_boundary_and_merge_overlaps() -> None:
    from cradlewatch.store.records import IdentifierRecord, ReasonRecord
    from cradlewatch.web.highlight import segments

    text = "营养费6万加微信abc"
    reasons = [
        ReasonRecord("price_for_child", 3.0, "text", "营养费6万", 0, 5),
        ReasonRecord("text_model", 0.8, "text", text, 0, len(text)),
        ReasonRecord("title_only", 1.0, "title", "x", 0, 1),
    ]
    idents = [IdentifierRecord("wechat", "abc", "abc", "text", 8, 11, 1)]
    cut = segments(text, "text", reasons, idents)
    assert "".join(s.text for s in cut) == text
    assert [(s.text, s.labels) for s in cut] == [
        ("营养费6万", ("price_for_child",)),
        ("加微信", ()),
        ("abc", ("wechat:abc",)),
    ]


def test_ring_split_is_recorded_for_the_next_analysis(client: TestClient) -> None:
    token = login(client, "supervisor")
    ring_id = client.get("/posts/web-xss.json").json()["post"]["summary"]["ring_id"]
    assert 'action="/rings/' in client.get(f"/rings/{ring_id}").text
    response = client.post(
        f"/rings/{ring_id}/decision",
        data={
            "action": "split",
            "posts": ["web-share"],
            "note": "other family",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303, response.text
    decisions = client.get(f"/rings/{ring_id}.json").json()["ring"]["decisions"]
    assert decisions[-1]["action"] == "split" and decisions[-1]["payload"]["posts"] == ["web-share"]
    assert decisions[-1]["user"] == "supervisor"
    bad = client.post(
        f"/rings/{ring_id}/decision",
        data={"action": "explode", "posts": ["web-share"], "csrf_token": token},
    )
    assert bad.status_code == 400
    login(client, "viewer")
    assert 'action="/rings/' not in client.get(f"/rings/{ring_id}").text


def test_matches_and_dna_only_for_their_roles_and_decisions_recorded(client: TestClient) -> None:
    token = login(client, "reunification")
    listing = client.get("/matches.json").json()["items"]
    assert [(m["child_id"], m["case_id"]) for m in listing] == [("CW01", "KW07"), ("CW01", "KW02")]
    assert all(m["detail"] is None for m in listing)  # no genetic detail on the list
    assert 'href="/matches/CW01/dna"' in client.get("/matches").text
    assert client.get("/matches/CW01/dna.json").status_code == 200
    decided = client.post(
        "/matches/decision",
        data={"child_id": "CW01", "case_id": "KW07", "action": "confirm", "csrf_token": token},
    )
    assert decided.status_code == 303
    assert client.get("/matches.json").json()["items"][0]["decision"] == "confirm"
    token = login(client, "analyst")
    assert client.get("/matches").status_code == 403
    assert client.get("/matches/CW01/dna.json").status_code == 403
    assert "/matches" not in client.get("/search").text.split("<main")[0]  # no menu entry


def test_alerts_are_listed_and_escalated_by_a_supervisor(client: TestClient) -> None:
    token = login(client, "supervisor")
    items = client.get("/alerts.json").json()["items"]
    assert [a["clinician"] for a in items] == ["Dr-W"] and "chart" not in items[0]
    response = client.post(
        "/alerts/decision",
        data={"alert": items[0]["subject"], "action": "escalate", "csrf_token": token},
    )
    assert response.status_code == 303
    assert client.get("/alerts.json").json()["items"][0]["decision"] == "escalate"
    login(client, "viewer")
    assert 'action="/alerts/decision"' not in client.get("/alerts").text


def test_a_join_through_a_shared_identifier_can_be_rejected(client: TestClient) -> None:
    token = login(client, "analyst")
    ring_id = client.get("/posts/web-share.json").json()["post"]["summary"]["ring_id"]
    reasons = client.get(f"/rings/{ring_id}.json").json()["ring"]["profile"]["reasons"]
    shared = next(r for r in reasons if r["code"] == "shared_identifier")
    html = client.get(f"/rings/{ring_id}").text
    assert f'name="node" value="{shared["evidence"]}"' in html
    post = shared["posts"][0]
    response = client.post(
        f"/rings/{ring_id}/join.json",
        data={"post": post, "node": shared["evidence"], "action": "reject", "csrf_token": token},
    )
    assert response.status_code == 201, response.text
    decision = response.json()
    assert decision["kind"] == "join" and decision["action"] == "reject"
    assert decision["subject"] == "|".join(sorted((f"post:{post}", shared["evidence"])))
    bad = client.post(
        f"/rings/{ring_id}/join",
        data={"post": post, "node": "nonsense", "action": "reject", "csrf_token": token},
    )
    assert bad.status_code == 400
