"""Fixtures of the store tests: every store test that asks for ``backend`` runs on SQLite and,
when ``CRADLEWATCH_TEST_POSTGRES_URL`` is set, on a scratch PostgreSQL database too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from store_helpers import BACKENDS

from cradlewatch.store.scratch import workspace_backend


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Iterator[str]:
    """The backend's name; CRADLEWATCH_DATABASE_URL points at a fresh database meanwhile."""
    with workspace_backend(request.param):
        yield request.param
