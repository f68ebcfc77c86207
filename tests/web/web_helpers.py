"""Helpers of the Workbench tests: synthetic posts (invented ids, names, numbers) and login."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
from fastapi.testclient import TestClient

from cradlewatch.store import Store
from cradlewatch.workspace.analyze import analyze
from cradlewatch.workspace.imports import import_reunite, import_watch
from cradlewatch.workspace.ingest import ingest
from cradlewatch.workspace.permissions import roles
from cradlewatch.workspace.users import add_user

DEV_POSTS = Path(__file__).resolve().parents[1] / "data" / "dev" / "posts.jsonl"
XSS = "<script>alert('x')</script>"
EXTRA_POSTS = [
    {
        "id": "web-xss",
        "text": f"{XSS} 出生证可办，男宝满月，营养费6万，加微信 babyhome_web88",
        "platform": "tieba",
        "site": "送养吧",
        "author": "爱心妈妈<b>",
        "author_id": "webx01",
        "posted_at": "2014-02-02T10:00:00+08:00",
    },
    {
        "id": "web-share",
        "text": "女宝三个月，补偿4万，有意加微信 babyhome_web88 详谈",
        "platform": "qq_group",
        "author": "小王",
        "author_id": "webx02",
        "posted_at": "2014-02-03T10:00:00+08:00",
    },
]

# A reunite output (CONTRACTS §4) with invented child and case ids.
MATCHES = """child_id,case_id,references,log10_lr,loci_used,inconsistent_loci,rank
CW01,KW07,father+mother,12.5,15,0,1
CW01,KW02,mother,-inf,15,3,2
"""

# A watch output (CONTRACTS §5) with an invented clinician and hospital.
ALERTS = """clinician,hospital,signal,outcome,alert_date,alert_birth_id,births_seen,events_seen,expected_events,statistic,threshold
Dr-W,HW1,cusum,custody_loss,2013-05-02,BW000042,120,6,0.8,5.1,4.2
"""


def password(role: str) -> str:
    return f"{role}-test-password"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def login(client: TestClient, user: str, secret: str | None = None) -> str:
    """Sign ``user`` in; returns the session's CSRF token for later POSTs."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": user, "password": secret or password(user), "csrf_token": token},
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/search").text)


def build_workspace(root: Path) -> Path:
    """The small analysed workspace of the web and browser tests, under ``root``: the dev
    posts plus EXTRA_POSTS, MATCHES and ALERTS imported, and a user of every role."""
    extra = root / "extra.jsonl"
    extra.write_text("\n".join(orjson.dumps(p).decode() for p in EXTRA_POSTS) + "\n")
    directory = root / "ws"
    store = Store.open(directory, create=True)
    ingest(store, [str(DEV_POSTS), str(extra)], lambda r: None)
    analyze(store, directory)
    matches = root / "matches.csv"
    matches.write_text(MATCHES)
    import_reunite(store, matches, None, lambda r: None)
    alerts = root / "alerts.csv"
    alerts.write_text(ALERTS)
    import_watch(store, alerts, None, lambda r: None)
    with store.session() as session:
        for role in roles():
            add_user(session, role, role, password(role))
    store.close()
    return directory
