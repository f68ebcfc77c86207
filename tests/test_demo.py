"""`make demo` runs every capability end to end on the synthetic scenario and says where to look."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cradlewatch.demo import main


@pytest.mark.slow
def test_demo_runs_every_capability_and_writes_its_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--dir", str(tmp_path)])
    out = capsys.readouterr().out
    for section in (
        "Find",
        "Link",
        "Reunite",
        "Watch",
        "Workspace",
        "Where to look",
        "cradlewatch serve",
    ):
        assert section in out
    findings = [json.loads(line) for line in (tmp_path / "find" / "findings.jsonl").open()]
    assert len(findings) == 6000
    assert {f["verdict"] for f in findings} == {"trafficking", "suspicious", "benign"}
    assert (tmp_path / "link" / "rings.jsonl").stat().st_size > 0
    assert (tmp_path / "watch" / "alerts.csv").stat().st_size > 0
    assert (tmp_path / "workspace").is_dir()
