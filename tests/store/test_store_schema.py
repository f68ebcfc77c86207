"""Schema and migrations: init creates the head revision, the migration matches the models,
a missing workspace is a usage error, and sealed fields are unreadable without the key. The
tests that take ``backend`` run on SQLite and on PostgreSQL (when a scratch server is set)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, text
from store_helpers import BACKENDS

from cradlewatch.errors import UsageError
from cradlewatch.store import Store
from cradlewatch.store.crypto import SecretKeyMissing, seal, unseal
from cradlewatch.store.db import (
    current_revision,
    downgrade,
    head_revision,
    include_name,
    make_engine,
    upgrade,
)
from cradlewatch.store.schema import Base, CaptureRow, IngestProgress, MatchRow
from cradlewatch.store.scratch import scratch_database, server_url


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("CRADLEWATCH_SECRET_KEY", raising=False)


@pytest.fixture(params=BACKENDS)
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database without any table, of each backend."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
        yield engine
        engine.dispose()
        return
    url = server_url()
    assert url is not None
    with scratch_database(url, migrated=False) as database:
        engine = make_engine(database)
        yield engine
        engine.dispose()


def test_init_creates_every_table_at_head(tmp_path: Path, backend: str) -> None:
    store = Store.open(tmp_path / "ws", create=True)
    assert store.engine.dialect.name == backend
    if backend == "sqlite":
        assert (tmp_path / "ws" / "cradlewatch.db").exists()
    assert current_revision(store.engine) == head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    store.close()
    Store.open(tmp_path / "ws", create=True).close()  # init twice is an upgrade no-op


def test_migrations_match_the_models(empty_engine: Engine) -> None:
    """Autogenerate finds nothing to do: the migration creates exactly what the models say."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_migrations_downgrade_to_base_and_back(empty_engine: Engine) -> None:
    """Every migration can be undone, leaving no table behind, and applied again."""
    upgrade(empty_engine)
    downgrade(empty_engine)
    assert current_revision(empty_engine) is None
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_engine)
    assert current_revision(empty_engine) == head_revision()


def test_opening_a_directory_without_workspace_fails(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a workspace"):
        Store.open(tmp_path)


def test_sealed_values_need_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRADLEWATCH_SECRET_KEY", "a synthetic test key, not a secret")
    stored = seal({"locus": "D3S1358", "child": "15/16"})
    assert stored.startswith("fernet:") and "D3S1358" not in stored
    assert unseal(stored) == {"locus": "D3S1358", "child": "15/16"}
    monkeypatch.setenv("CRADLEWATCH_SECRET_KEY", "another key")
    with pytest.raises(SecretKeyMissing, match="not the key"):
        unseal(stored)
    monkeypatch.delenv("CRADLEWATCH_SECRET_KEY")
    with pytest.raises(SecretKeyMissing, match="set CRADLEWATCH_SECRET_KEY"):
        unseal(stored)
    assert seal([1]).startswith("plain:")  # without a key the row says it is unprotected


def test_encrypted_column_is_ciphertext_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    monkeypatch.setenv("CRADLEWATCH_SECRET_KEY", "a synthetic test key, not a secret")
    store = Store.open(tmp_path / "ws", create=True)
    with store.session() as session:
        session.add(
            MatchRow(
                child_id="C1",
                case_id="K1",
                references="mother",
                log10_lr=3.5,
                loci_used=15,
                inconsistent_loci=0,
                rank=1,
                detail={"loci": [{"locus": "TH01", "child": "9.3/9.3"}]},
                source="m.csv",
                imported_at="2026-01-01T00:00:00Z",
            )
        )
    with store.engine.connect() as connection:
        raw = connection.execute(text("SELECT detail FROM matches")).scalar_one()
    assert raw.startswith("fernet:") and "TH01" not in raw
    with store.session() as session:
        assert session.query(MatchRow).one().detail["loci"][0]["locus"] == "TH01"
    store.close()


def test_byte_offsets_past_2_gib_are_stored(tmp_path: Path, backend: str) -> None:
    """A WARC file over 2 GiB: offsets and sizes overflowed PostgreSQL's 32-bit integer."""
    far = 5 * 2**30
    store = Store.open(tmp_path / "ws", create=True)
    with store.session() as session:
        session.add(
            CaptureRow(
                post_id="p1",
                sha256="0" * 64,
                source="big.warc.gz",
                offset=far,
                ingested_at="2026-01-01T00:00:00Z",
                record={"id": "p1"},
            )
        )
        session.add(
            IngestProgress(
                source="big.warc.gz",
                size=far + 1,
                mtime=0.0,
                records=1,
                updated_at="2026-01-01T00:00:00Z",
            )
        )
    with store.session() as session:
        assert session.query(CaptureRow).one().offset == far
        assert session.get(IngestProgress, "big.warc.gz").size == far + 1
    store.close()
