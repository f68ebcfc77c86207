"""Downloading a case from its page: report (HTML, PDF) and FtM, audited as exports."""

from __future__ import annotations

import orjson
from fastapi.testclient import TestClient
from web_helpers import login


def _case_with_a_post(client: TestClient, token: str) -> int:
    created = client.post("/cases", data={"title": "export check", "csrf_token": token})
    case_id = int(created.headers["location"].rsplit("/", 1)[1])
    added = client.post(
        "/cases/items",
        data={"case_id": case_id, "kind": "post", "ref": "web-share", "csrf_token": token},
    )
    assert added.status_code == 303, added.text
    return case_id


def test_case_page_offers_the_downloads_and_they_carry_the_evidence(client: TestClient) -> None:
    token = login(client, "analyst")
    case_id = _case_with_a_post(client, token)
    page = client.get(f"/cases/{case_id}").text
    for fmt in ("html", "pdf", "ftm"):
        assert f'href="/cases/{case_id}/export?format={fmt}" download' in page

    report = client.get(f"/cases/{case_id}/export?format=html")
    assert report.status_code == 200
    assert report.headers["content-type"].startswith("text/html")
    assert f'filename="case-{case_id}.html"' in report.headers["content-disposition"]
    sha = client.get("/posts/web-share.json").json()["post"]["captures"][0]["sha256"]
    assert "export check" in report.text and "web-share" in report.text and sha in report.text

    pdf = client.get(f"/cases/{case_id}/export?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    ftm = client.get(f"/cases/{case_id}/export?format=ftm")
    entities = [orjson.loads(line) for line in ftm.content.splitlines()]
    assert "Message" in {e["schema"] for e in entities}

    login(client, "admin")
    exports = client.get(f"/audit.json?target=case:{case_id}&user=analyst").json()["items"]
    formats = sorted(e["detail"]["format"] for e in exports if e["action"] == "export")
    assert formats == ["ftm", "report", "report"]


def test_export_needs_the_export_permission_and_a_real_case(client: TestClient) -> None:
    token = login(client, "analyst")
    assert client.get("/cases/999999/export").status_code == 404
    assert client.get("/cases/1/export?format=docx").status_code == 422
    case_id = _case_with_a_post(client, token)
    login(client, "viewer")
    assert client.get(f"/cases/{case_id}/export").status_code == 403
    assert f"/cases/{case_id}/export" not in client.get("/queue").text
