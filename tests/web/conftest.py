"""Fixtures of the Workbench tests: one small analysed workspace (the dev posts plus a few
synthetic ones) with a user of every role, and a fresh app per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import DEV_POSTS, build_workspace

from cradlewatch.web import create_app


@pytest.fixture(scope="session")
def workspace_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if not DEV_POSTS.exists():
        pytest.skip(f"dev posts not found at {DEV_POSTS}")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
        yield build_workspace(tmp_path_factory.mktemp("web"))


@pytest.fixture
def client(workspace_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    app = create_app(workspace_dir, secret_key="test-secret-key")
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client
    app.state.store.close()
