"""Reunite and Watch results into the store (with decisions on them), and cases."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from sqlalchemy import select, text
from workspace_helpers import ALERTS, MATCHES

from cradlewatch.errors import UsageError
from cradlewatch.model import Reject
from cradlewatch.store import Store
from cradlewatch.store.results import alert_key, list_alerts, list_matches
from cradlewatch.store.schema import AlertRow, AuditRow
from cradlewatch.workspace.cases import (
    add_item,
    create_case,
    list_cases,
    remove_item,
    update_case,
)
from cradlewatch.workspace.decisions import match_subject, record_decision
from cradlewatch.workspace.imports import import_reunite, import_watch
from cradlewatch.workspace.ingest import ingest
from cradlewatch.workspace.users import add_user


def test_reunite_import_seals_detail_and_accepts_decisions(
    workspace: tuple[Store, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRADLEWATCH_SECRET_KEY", "a synthetic test key, not a secret")
    store, _ = workspace
    (tmp_path / "m.csv").write_text(MATCHES, encoding="utf-8")
    details = {"child_id": "C01", "case_id": "K07", "loci": [{"locus": "TH01", "log10_lr": "0.5"}]}
    (tmp_path / "d.jsonl").write_bytes(orjson.dumps(details) + b"\n")
    rejects: list[Reject] = []
    assert import_reunite(store, tmp_path / "m.csv", tmp_path / "d.jsonl", rejects.append) == 2
    assert [(r.line, r.reason[:9]) for r in rejects] == [(4, "bad value")]
    assert import_reunite(store, tmp_path / "m.csv", None, lambda r: None) == 2  # replaces
    with store.session() as session:
        rows = list_matches(session)
        assert [(m.child_id, m.case_id, m.rank) for m in rows] == [
            ("C01", "K07", 1),
            ("C01", "K02", 2),
        ]
        assert rows[1].log10_lr == float("-inf") and rows[0].detail is None
        reunifier = add_user(session, "zhao", "reunification", "correct horse battery")
        record_decision(session, reunifier, "match", match_subject("C01", "K07"), "confirm")
        with pytest.raises(UsageError, match="no such match"):
            record_decision(session, reunifier, "match", match_subject("C09", "K07"), "confirm")
    with store.session() as session:
        assert list_matches(session, "C01")[0].decision == "confirm"


def test_match_detail_stays_encrypted_in_the_file(
    workspace: tuple[Store, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRADLEWATCH_SECRET_KEY", "a synthetic test key, not a secret")
    store, _ = workspace
    (tmp_path / "m.csv").write_text(MATCHES, encoding="utf-8")
    record = {"child_id": "C01", "case_id": "K07", "loci": [{"locus": "TH01"}]}
    (tmp_path / "d.jsonl").write_bytes(orjson.dumps(record) + b"\n")
    import_reunite(store, tmp_path / "m.csv", tmp_path / "d.jsonl", lambda r: None)
    with store.engine.connect() as connection:
        raw = connection.execute(text("SELECT detail FROM matches WHERE case_id = 'K07'")).scalar()
    assert raw is not None and "TH01" not in raw
    with store.session() as session:
        assert list_matches(session, with_detail=True)[0].detail == record


def test_watch_import_links_charts_and_alert_decisions(
    workspace: tuple[Store, Path], tmp_path: Path
) -> None:
    store, _ = workspace
    (tmp_path / "a.csv").write_text(ALERTS, encoding="utf-8")
    charts = tmp_path / "report" / "charts"
    charts.mkdir(parents=True)
    (charts / "cusum_Dr-Z.png").write_bytes(b"png")
    assert import_watch(store, tmp_path / "a.csv", tmp_path / "report", lambda r: None) == 2
    assert import_watch(store, tmp_path / "a.csv", None, lambda r: None) == 2
    with store.session() as session:
        assert len(session.scalars(select(AlertRow)).all()) == 2
        import_watch(store, tmp_path / "a.csv", tmp_path / "report", lambda r: None)
    with store.session() as session:
        alerts = list_alerts(session)
        assert alerts[0].chart is not None and alerts[0].chart.endswith("cusum_Dr-Z.png")
        assert alerts[1].chart is None  # no funnel chart was written
        supervisor = add_user(session, "wang", "supervisor", "correct horse battery")
        row = session.scalars(select(AlertRow).order_by(AlertRow.alert_date)).first()
        assert row is not None
        record_decision(session, supervisor, "alert", alert_key(row), "escalate", "referred")
    with store.session() as session:
        assert [a.decision for a in list_alerts(session)] == ["escalate", None]


def test_missing_columns_is_a_usage_error(workspace: tuple[Store, Path], tmp_path: Path) -> None:
    store, _ = workspace
    (tmp_path / "x.csv").write_text("child_id,case_id\nC1,K1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="missing column"):
        import_reunite(store, tmp_path / "x.csv", None, lambda r: None)


def test_cases_gather_items_and_audit_changes(
    workspace: tuple[Store, Path], posts_file: Path
) -> None:
    store, _ = workspace
    ingest(store, [str(posts_file)], lambda r: None)
    with store.session() as session:
        analyst = add_user(session, "li", "analyst", "correct horse battery")
        viewer = add_user(session, "zhou", "viewer", "correct horse battery")
        case = create_case(session, analyst, "Dream home ring", assignee="li")
        add_item(session, analyst, case.id, "post", "s1", "first offer")
        add_item(session, analyst, case.id, "post", "s1")  # twice: no-op
        case = update_case(session, analyst, case.id, status="in_progress", notes="call police")
        assert [(i.kind, i.ref, i.note) for i in case.items] == [("post", "s1", "first offer")]
        assert (case.status, case.notes, case.assignee) == ("in_progress", "call police", "li")
        with pytest.raises(UsageError, match="no such post"):
            add_item(session, analyst, case.id, "post", "nope")
        add_item(session, analyst, case.id, "post", "s2")
        assert [i.ref for i in remove_item(session, analyst, case.id, "post", "s2").items] == ["s1"]
        with pytest.raises(UsageError, match="not in case"):
            remove_item(session, analyst, case.id, "post", "s2")
        with pytest.raises(UsageError, match="may not manage cases"):
            create_case(session, viewer, "x")
        with pytest.raises(UsageError, match="one of"):
            update_case(session, analyst, case.id, status="lost")
    with store.session() as session:
        assert [c.title for c in list_cases(session, status="in_progress")] == ["Dream home ring"]
        actions = session.scalars(
            select(AuditRow.action).where(AuditRow.target == "case:1").order_by(AuditRow.seq)
        ).all()
    assert actions == ["case_create", "case_add", "case_update", "case_add", "case_remove"]
