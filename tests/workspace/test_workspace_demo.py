"""The demo workspace loader, on a small synthetic stand-in for make demo's outputs."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from workspace_helpers import ALERTS, MATCHES

from cradlewatch.scenario.posts import generate_posts
from cradlewatch.store import Store
from cradlewatch.store.repository import counts
from cradlewatch.workspace.cases import list_cases
from cradlewatch.workspace.demo import build_demo_workspace, demo_password
from cradlewatch.workspace.users import authenticate


def test_demo_workspace_is_complete_and_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    (tmp_path / "find").mkdir()
    (tmp_path / "reunite").mkdir()
    (tmp_path / "watch").mkdir()
    records = [record for record, _ in generate_posts(3, 2000, "heldout")]
    (tmp_path / "find" / "posts.jsonl").write_bytes(
        b"".join(orjson.dumps(r) + b"\n" for r in records)
    )
    (tmp_path / "reunite" / "matches.csv").write_text(MATCHES, encoding="utf-8")
    (tmp_path / "watch" / "alerts.csv").write_text(ALERTS, encoding="utf-8")
    summary = build_demo_workspace(tmp_path)
    assert summary["posts"] == 2000 and summary["rings"] > 0
    assert (summary["matches"], summary["alerts"]) == (2, 2)
    again = build_demo_workspace(tmp_path)
    assert again["posts"] == 0 and again["case"] == summary["case"]
    store = Store.open(tmp_path / "workspace")
    with store.session() as session:
        assert counts(session)["posts"] == 2000
        assert len(list_cases(session)) == 1
        assert authenticate(session, "reunification", demo_password("reunification"))
    store.close()
