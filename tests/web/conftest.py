"""Fixtures of the Workbench tests: one small analysed workspace (the dev posts plus a few
synthetic ones) with a user of every role, and a fresh app per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from fastapi.testclient import TestClient
from web_helpers import ALERTS, DEV_POSTS, EXTRA_POSTS, MATCHES, password

from cradlewatch.store import Store
from cradlewatch.web import create_app
from cradlewatch.workspace.analyze import analyze
from cradlewatch.workspace.imports import import_reunite, import_watch
from cradlewatch.workspace.ingest import ingest
from cradlewatch.workspace.permissions import roles
from cradlewatch.workspace.users import add_user


@pytest.fixture(scope="session")
def workspace_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not DEV_POSTS.exists():
        pytest.skip(f"dev posts not found at {DEV_POSTS}")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
        root = tmp_path_factory.mktemp("web")
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
        yield directory


@pytest.fixture
def client(workspace_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    app = create_app(workspace_dir, secret_key="test-secret-key")
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client
    app.state.store.close()
