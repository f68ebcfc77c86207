"""The workspace commands end to end (without analyze, which test_workspace_analyze covers)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner
from workspace_helpers import POSTS, write_jsonl

from cradlewatch.cli import app

PASSWORD = "correct horse battery\n"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("CRADLEWATCH_DATABASE_URL", raising=False)
    monkeypatch.delenv("CRADLEWATCH_WORKSPACE", raising=False)
    return CliRunner()


def _ok(runner: CliRunner, *args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def test_workspace_commands(runner: CliRunner, tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    posts = write_jsonl(tmp_path / "p.jsonl", POSTS, ('{"id": 5, "text": "x"}',))
    _ok(runner, "init", ws)
    out = _ok(runner, "ingest", str(posts), "--workspace", ws)
    assert "4 new posts" in out and "1 rejected" in out and '"line":5' in out
    assert "0 new posts" in _ok(runner, "ingest", str(posts), "--workspace", ws)
    _ok(
        runner,
        "user",
        "add",
        "li",
        "--role",
        "analyst",
        "--password-stdin",
        "-w",
        ws,
        stdin=PASSWORD,
    )
    decided = _ok(
        runner, "decide", "post", "s1", "confirmed", "-u", "li", "-w", ws, "--note", "price"
    )
    assert orjson.loads(decided.splitlines()[-1])["action"] == "confirmed"
    _ok(runner, "decide", "join", "post:s1", "wechat:baby_home88", "reject", "-u", "li", "-w", ws)
    created = _ok(runner, "case", "create", "--title", "T", "-u", "li", "-w", ws)
    assert orjson.loads(created)["id"] == 1
    _ok(runner, "case", "add", "1", "post", "s1", "s2", "-u", "li", "-w", ws)
    removed = _ok(runner, "case", "remove", "1", "post", "s2", "-u", "li", "-w", ws)
    assert [item["ref"] for item in orjson.loads(removed)["items"]] == ["s1"]
    history = _ok(runner, "decide", "history", "-w", ws).splitlines()
    assert [orjson.loads(line)["kind"] for line in history] == ["post", "join"]
    status = orjson.loads(_ok(runner, "workspace", "status", "-w", ws))
    assert (status["posts"], status["rejects"], status["decisions"], status["cases"]) == (
        4,
        1,
        2,
        1,
    )
    labels = _ok(runner, "workspace", "labels", "-w", ws).splitlines()
    assert [(orjson.loads(x)["id"], orjson.loads(x)["label"]) for x in labels[:1]] == [("s1", 1)]
    assert "intact" in _ok(runner, "audit", "verify", "-w", ws)


@pytest.mark.parametrize(
    "args",
    [
        ["decide", "post", "s1", "confirmed", "-u", "ghost"],
        ["decide", "post", "s1", "approved", "-u", "li"],
        ["ingest", "missing.jsonl"],
        ["case", "add", "7", "post", "s1", "-u", "li"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    ws = str(tmp_path / "ws")
    _ok(runner, "init", ws)
    _ok(runner, "ingest", str(write_jsonl(tmp_path / "p.jsonl", POSTS)), "-w", ws)
    _ok(
        runner,
        "user",
        "add",
        "li",
        "--role",
        "analyst",
        "--password-stdin",
        "-w",
        ws,
        stdin=PASSWORD,
    )
    result = runner.invoke(app, [*args, "-w", ws])
    assert result.exit_code == 2, result.output


def test_not_a_workspace(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["workspace", "status", "-w", str(tmp_path)])
    assert result.exit_code == 2
