"""Exports: FtM entities validate and link up, graphs carry reasons on every edge, CSV and the
case report list every post with capture time, source, SHA-256 and the decisions."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import networkx as nx
import orjson
import pytest
from export_helpers import build
from followthemoney import model
from typer.testing import CliRunner

from cradlewatch.cli import app
from cradlewatch.export.ftm import entities
from cradlewatch.export.graph import build_graph
from cradlewatch.export.report import render_html, segments, write_pdf
from cradlewatch.export.selection import Selection, gather
from cradlewatch.store import Store


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    return build(tmp_path / "ws", tmp_path)


@pytest.fixture
def case(store: Store) -> Selection:
    with store.session() as session:
        return gather(session, case_id=1)


def test_gather_case_ring_and_workspace(store: Store, case: Selection) -> None:
    assert [p.summary.id for p in case.posts] == ["x1", "x2"]
    assert [r.summary.id for r in case.rings] == ["R0001"]
    assert [(d.subject, d.action) for d in case.decisions] == [("x1", "confirmed")]
    assert [e["action"] for e in case.case_history] == ["case_create", "case_add"]
    with store.session() as session:
        assert [p.summary.id for p in gather(session).posts] == ["x1", "x2"]  # benign x3 left out
        assert [p.summary.id for p in gather(session, ring_id="R0001").posts] == ["x1", "x2"]


def test_ftm_entities_are_valid_and_connected(case: Selection) -> None:
    proxies = entities(case)
    schemata = {p.schema.name for p in proxies}
    assert {
        "Message",
        "UserAccount",
        "Person",
        "Mention",
        "Note",
        "Organization",
        "UnknownLink",
    } <= schemata
    by_id = {p.id: p for p in proxies}
    for proxy in proxies:
        again = model.get_proxy(proxy.to_dict())  # round-trips through the FtM model
        assert again.schema == proxy.schema
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in by_id, f"{proxy.schema.name}.{prop.name} points nowhere"
    message = next(p for p in proxies if p.schema.name == "Message" and p.first("recordId") == "x2")
    assert message.get("phoneMentioned") == ["+8613812345678"]
    assert by_id[message.first("senderAccount")].first("username") == "li88"
    accounts = [p for p in proxies if p.schema.name == "UserAccount"]
    assert all(a.get("owner") for a in accounts)  # resolved to one Person by same_person
    notes = [p.first("description") for p in proxies if p.schema.name == "Note"]
    assert any("confirmed by li" in (n or "") for n in notes)
    assert [p.id for p in proxies] == [p.id for p in entities(case)]  # deterministic ids


def test_graph_has_every_kind_of_node_and_reasons_on_edges(case: Selection, tmp_path: Path) -> None:
    graph = build_graph(case)
    kinds = {data["type"] for _, data in graph.nodes(data=True)}
    assert kinds == {"post", "account", "identifier", "ring"}
    assert all(data["reason"] for _, _, data in graph.edges(data=True))
    reasons = {data["reason"] for _, _, data in graph.edges(data=True)}
    assert {"posted_by", "mentions", "member_of", "shared_identifier"} <= reasons
    nx.write_graphml(graph, tmp_path / "g.graphml")
    nx.write_gexf(graph, tmp_path / "g.gexf")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.nodes["post:x1"]["sha256"] == case.posts[0].sha256
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == graph.number_of_nodes()


def test_report_lists_provenance_evidence_and_decisions(case: Selection, tmp_path: Path) -> None:
    html = render_html(case)
    raw = (tmp_path / "posts.jsonl").read_bytes().splitlines()
    for number, post in enumerate(case.posts):
        assert hashlib.sha256(raw[number]).hexdigest() == post.sha256
        assert post.sha256 in html
        assert f"{post.source}:{post.line}" in html
    assert "2014-01-05T00:00:00Z" in html  # capture time of x1
    assert '<mark title="price_for_child">6万</mark>' in html
    assert "price for a baby" in html and "case_create" in html
    pdf = tmp_path / "r.pdf"
    write_pdf(case, pdf)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000


def test_segments_cover_the_text_exactly(case: Selection) -> None:
    for post in case.posts:
        parts = segments(post)
        assert "".join(s.text for s in parts) == post.text
        assert {s.kind for s in parts} == {"plain", "reason", "identifier"}


def test_cli_exports_are_audited(store: Store, tmp_path: Path) -> None:
    directory = tmp_path / "ws"
    runner = CliRunner()
    for fmt, name in (
        ("ftm", "e.ftm.jsonl"),
        ("graphml", "e.graphml"),
        ("gexf", "e.gexf"),
        ("csv", "e.csv"),
        ("report", "e.html"),
        ("report", "e.pdf"),
    ):
        result = runner.invoke(
            app,
            [
                "export",
                fmt,
                "--workspace",
                str(directory),
                "--case",
                "1",
                "--out",
                str(tmp_path / name),
                "--user",
                "li",
            ],
        )
        assert result.exit_code == 0, result.output
    lines = (tmp_path / "e.ftm.jsonl").read_bytes().splitlines()
    assert all(orjson.loads(line)["schema"] for line in lines)
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert [(r["id"], r["decision"]) for r in rows] == [("x1", "confirmed"), ("x2", "")]
    with store.session() as session:
        from cradlewatch.workspace.audit import events, verify

        exports = [e for e in events(session) if e["action"] == "export"]
        assert len(exports) == 6 and exports[0]["user"] == "li"
        assert verify(session).intact
    bad = runner.invoke(app, ["export", "ftm", "--workspace", str(directory), "--case", "9"])
    assert bad.exit_code == 2


def test_pdf_lays_out_a_ring_with_many_reasons(case: Selection, tmp_path: Path) -> None:
    """A table row cannot break across pages: hundreds of join reasons must still fit."""
    from dataclasses import replace

    ring = case.rings[0]
    reasons = [
        {"code": "shared_identifier", "evidence": f"qq:{n:09d}", "posts": ["x1", "x2"]}
        for n in range(400)
    ]
    big = replace(ring, profile={**ring.profile, "reasons": reasons})
    note = "very long note " * 400
    decisions = [replace(case.decisions[0], note=note)]
    write_pdf(replace(case, rings=[big], decisions=decisions), tmp_path / "big.pdf")
    assert (tmp_path / "big.pdf").stat().st_size > 10_000
