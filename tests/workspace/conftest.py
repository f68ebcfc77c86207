"""Fixtures of the workspace tests: a fresh workspace (on SQLite, and on a scratch PostgreSQL
database when ``CRADLEWATCH_TEST_POSTGRES_URL`` is set) and a small synthetic post file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from workspace_helpers import BACKENDS, POSTS, write_jsonl

from cradlewatch.store import Store
from cradlewatch.store.scratch import workspace_backend


@pytest.fixture(params=BACKENDS)
def workspace(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Store, Path]]:
    """A new workspace; CRADLEWATCH_DATABASE_URL names its database while the test runs, so
    that reopening ``directory`` (as the CLI does) finds the same database."""
    monkeypatch.delenv("CRADLEWATCH_SECRET_KEY", raising=False)
    directory = tmp_path / "ws"
    with workspace_backend(request.param):
        store = Store.open(directory, create=True)
        yield store, directory
        store.close()


@pytest.fixture
def posts_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "posts.jsonl", POSTS)
