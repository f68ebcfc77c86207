"""Fixtures of the workspace tests: a fresh workspace and a small synthetic post file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from workspace_helpers import POSTS, write_jsonl

from cradlewatch.store import Store


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, Path]]:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("CRADLEWATCH_SECRET_KEY", raising=False)
    directory = tmp_path / "ws"
    store = Store.open(directory, create=True)
    yield store, directory
    store.close()


@pytest.fixture
def posts_file(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "posts.jsonl", POSTS)
