"""The ring page's timeline and province map agree with the ring's posts."""

from __future__ import annotations

from collections import Counter
from xml.etree import ElementTree

from fastapi.testclient import TestClient
from web_helpers import login

from cradlewatch.store.records import PostSummary
from cradlewatch.web.province_map import EMPTY
from cradlewatch.web.ring_views import timeline_data


def _post(post_id: str, posted_at: str | None) -> PostSummary:
    return PostSummary(
        post_id, "suspect", 0.9, "tieba", None, None, posted_at, None, "", "R1", None
    )


def test_timeline_counts_weeks_with_the_empty_ones_and_the_undated_posts() -> None:
    members = [
        _post("a", "2014-01-06T23:30:00+08:00"),  # Monday, by the poster's clock
        _post("b", "2014-01-12T10:00:00+08:00"),  # Sunday of the same week
        _post("c", "2014-01-27T10:00:00+08:00"),
        _post("d", None),
    ]
    data = timeline_data(members)
    assert data["unit"] == "week" and data["undated"] == 1
    assert (data["first_seen"], data["last_seen"]) == ("2014-01-06", "2014-01-27")
    assert [(b["start"], b["posts"]) for b in data["buckets"]] == [
        ("2014-01-06", 2),
        ("2014-01-13", 0),
        ("2014-01-20", 0),
        ("2014-01-27", 1),
    ]


def test_a_long_ring_is_counted_by_month() -> None:
    data = timeline_data([_post("a", "2013-02-28T09:00:00Z"), _post("b", "2014-01-02T09:00:00Z")])
    assert data["unit"] == "month" and len(data["buckets"]) == 12
    assert data["buckets"][0] == {"start": "2013-02-01", "end": "2013-02-28", "posts": 1}
    assert sum(b["posts"] for b in data["buckets"]) == 2
    assert timeline_data([_post("x", None)])["buckets"] == []


def _ring_with_places(client: TestClient) -> tuple[str, dict]:
    for ring in client.get("/rings.json?min_size=2&limit=200").json()["items"]:
        data = client.get(f"/rings/{ring['id']}.json").json()
        if data["provinces"]:
            return ring["id"], data
    raise AssertionError("no ring of the test workspace names a province")


def test_ring_map_shades_exactly_the_provinces_of_its_posts(client: TestClient) -> None:
    login(client, "viewer")
    ring_id, data = _ring_with_places(client)
    expected: Counter[str] = Counter()
    for member in data["ring"]["members"]:
        post = client.get(f"/posts/{member['id']}.json").json()["post"]
        expected.update({p["province"] for p in post["places"] if p["province"]})
    assert data["provinces"] == dict(expected)
    timeline = data["timeline"]
    assert sum(b["posts"] for b in timeline["buckets"]) + timeline["undated"] == len(
        data["ring"]["members"]
    )
    html = client.get(f"/rings/{ring_id}").text
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart map"')
    root = ElementTree.fromstring(html[start : html.index("</svg>", start) + 6])
    shaded = {
        e.get("data-province"): int(e.get("data-count", "0"))
        for e in root.iter()
        if e.get("data-role") == "province" and e.get("fill") != EMPTY
    }
    assert shaded == dict(expected)
    assert 'data-chart="timeline"' in html or not timeline["buckets"]
