"""Every form a page offers can actually be sent: each POST form carries the session's CSRF
token (the "Add to case" form once went out with an empty one, because its macro was imported
without the page's context; the browser tests found it), and the ring page's title is text."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from web_helpers import login

FORM = re.compile(r'<form method="post"[^>]*>(.*?)</form>', re.S)
TOKEN = re.compile(r'name="csrf_token" value="([^"]*)"')


def test_every_post_form_carries_the_session_token(client: TestClient) -> None:
    token = login(client, "admin")
    ring = client.get("/posts/web-xss.json").json()["post"]["summary"]["ring_id"]
    created = client.post("/cases", data={"title": "forms", "csrf_token": token})
    pages = ["/queue", "/posts/web-xss", f"/rings/{ring}", "/cases", created.headers["location"]]
    pages += ["/matches", "/alerts", "/search?q=babyhome_web88"]
    for url in pages:
        html = client.get(url).text
        forms = FORM.findall(html)
        assert forms, url
        for form in forms:
            assert TOKEN.findall(form) == [token], (url, form[:200])
    title = re.search(r"<title>(.*?)</title>", client.get(f"/rings/{ring}").text, re.S)
    assert title and title.group(1).strip() == f"Ring {ring} · cradlewatch"


def test_add_to_case_from_the_post_page_form_as_sent(client: TestClient) -> None:
    token = login(client, "analyst")
    created = client.post("/cases", data={"title": "from the form", "csrf_token": token})
    case_id = created.headers["location"].rsplit("/", 1)[1]
    form = re.search(
        r'<form method="post" class="add-to-case".*?</form>',
        client.get("/posts/web-share").text,
        re.S,
    )
    assert form
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group(0)))
    added = client.post("/cases/items", data={**fields, "case_id": case_id, "note": "form"})
    assert added.status_code == 303, added.text
    items = client.get(f"/cases/{case_id}.json").json()["case"]["items"]
    assert [(i["kind"], i["ref"]) for i in items] == [("post", "web-share")]
