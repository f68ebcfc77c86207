"""The audit log: hash chain intact after appends; edits and deletions found, CLI exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from workspace_helpers import BACKENDS

from cradlewatch.cli import app
from cradlewatch.store import Store, database_url
from cradlewatch.store.db import make_engine
from cradlewatch.store.scratch import empty_tables, workspace_backend
from cradlewatch.workspace import audit


def _fill(store: Store, n: int = 5) -> None:
    with store.session() as session:
        for i in range(n):
            audit.append(session, "li", "view", f"post:p{i}", {"page": i, "text": "领养"})


def _verify(store: Store) -> audit.Verification:
    with store.session() as session:
        return audit.verify(session)


def _sql(directory: Path, statement: str) -> None:
    """Tamper as anyone with write access to the database could: raw SQL, past the app."""
    engine = make_engine(database_url(directory))
    with engine.begin() as connection:
        connection.exec_driver_sql(statement)
    engine.dispose()


def test_chain_is_intact_and_each_row_covers_the_one_before(workspace: tuple[Store, Path]) -> None:
    store, _ = workspace
    _fill(store)
    result = _verify(store)
    assert result.intact and result.rows == 5
    with store.session() as session:
        rows = audit.events(session)
        assert audit.head(session) == f"5:{rows[0]['hash']}"
    assert rows[0]["seq"] == 5  # newest first
    # The first row's hash is sha256 of 64 zeros + its canonical JSON: recompute independently.
    first = rows[-1]
    payload = audit.canonical(
        1, first["time"], "li", "view", "post:p0", {"page": 0, "text": "领养"}
    )
    assert first["hash"] == audit.chain_hash(audit.GENESIS, payload)


@pytest.mark.parametrize(
    "statement, broken",
    [
        ("UPDATE audit_log SET \"user\" = 'mallory' WHERE seq = 3", 3),
        ('UPDATE audit_log SET detail = \'{"page": 9, "text": "领养"}\' WHERE seq = 2', 2),
        ("DELETE FROM audit_log WHERE seq = 4", 4),
        ("DELETE FROM audit_log WHERE seq = 5", 5),  # the tail: caught by the recorded head
        ("UPDATE audit_log SET seq = 7 WHERE seq = 5", 5),
    ],
)
def test_tampering_with_the_file_is_detected(
    workspace: tuple[Store, Path], statement: str, broken: int
) -> None:
    store, directory = workspace
    _fill(store)
    store.close()
    _sql(directory, statement)
    result = _verify(Store.open(directory))
    assert not result.intact
    assert result.broken_seq == broken


def test_rewriting_a_row_with_a_fresh_hash_breaks_the_next_link(
    workspace: tuple[Store, Path],
) -> None:
    store, directory = workspace
    _fill(store)
    with store.session() as session:
        row = [r for r in audit.events(session) if r["seq"] == 2][0]
        prev = [r for r in audit.events(session) if r["seq"] == 1][0]["hash"]
    forged = audit.chain_hash(
        prev,
        audit.canonical(2, row["time"], "mallory", "view", "post:p1", {"page": 1, "text": "领养"}),
    )
    store.close()
    _sql(directory, f"UPDATE audit_log SET \"user\" = 'mallory', hash = '{forged}' WHERE seq = 2")
    result = _verify(Store.open(directory))
    assert result.broken_seq == 3


def test_expected_head_must_be_in_the_log(workspace: tuple[Store, Path]) -> None:
    store, _ = workspace
    _fill(store, 2)
    with store.session() as session:
        recorded = audit.head(session)
    _fill(store, 2)
    with store.session() as session:
        assert audit.verify(session, recorded).intact
        assert not audit.verify(session, "3:" + "f" * 64).intact


def test_cli_audit_verify_exit_codes(workspace: tuple[Store, Path]) -> None:
    store, directory = workspace
    _fill(store)
    store.close()
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify", "--workspace", str(directory)])
    assert ok.exit_code == 0, ok.output
    assert "intact: 5 rows" in ok.output
    _sql(directory, "UPDATE audit_log SET target = 'post:other' WHERE seq = 2")
    bad = runner.invoke(app, ["audit", "verify", "--workspace", str(directory)])
    assert bad.exit_code == 1
    assert "broken at row 2" in bad.output


@pytest.mark.parametrize("backend", BACKENDS)
def test_any_single_edit_is_found_at_its_row(backend: str, tmp_path: Path) -> None:
    directory = tmp_path / "ws"
    with workspace_backend(backend):
        store = Store.open(directory, create=True)

        @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(rows=st.integers(min_value=1, max_value=10), data=st.data())
        def edit(rows: int, data: st.DataObject) -> None:
            target = data.draw(st.integers(min_value=1, max_value=rows))
            column = data.draw(st.sampled_from(["time", "user", "action", "target", "detail"]))
            empty_tables(store)
            _fill(store, rows)
            value = "'{\"page\": -1}'" if column == "detail" else "'forged'"
            _sql(directory, f'UPDATE audit_log SET "{column}" = {value} WHERE seq = {target}')
            assert _verify(store).broken_seq == target

        try:
            edit()
        finally:
            store.close()
