"""Every hand-written labelled set under tests/data/ passes the one shared validator.

Why: the sets are typed by hand and every evaluation trusts them, so a typo in a label must
fail the build rather than skew a figure. The validator is loaded by path: it lives beside the
data, imports no cradlewatch code, and tests/data/ is not a package.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).resolve().parent / "data"
# Writers' conventions the validator checks only where a set's README promises them.
OPTIONS: dict[str, dict[str, bool]] = {
    name: {"thread_order": True}
    for name in (
        "dev5",
        "dev6",
        "dev7",
        "dev8",
        "dev9",
        "dev10",
        "dev11",
        "dev12",
        "dev13",
        "dev14",
        "dev15",
        "dev16",
        "dev17",
        "dev18",
        "dev19",
        "dev20",
        "dev21",
    )
}


def _load_validator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_labelled", DATA / "check_labelled.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


validator = _load_validator()
SETS = sorted(
    p for p in DATA.iterdir() if (p / "posts.jsonl").is_file() and (p / "truth.jsonl").is_file()
)


def test_every_labelled_set_is_found() -> None:
    assert {p.name for p in SETS} >= {
        f"dev{n}"
        for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21)
    } | {"handwritten"}


@pytest.mark.parametrize("folder", SETS, ids=[p.name for p in SETS])
def test_labelled_set_has_no_problems(folder: Path) -> None:
    problems = validator.check(folder, **OPTIONS.get(folder.name, {}))
    # Count only: the held-out set's posts and labels must never reach a test log.
    assert not problems, f"{folder.name}: {len(problems)} problems; run check_labelled.py on it"


POST = {
    "id": "x1",
    "title": "送养",
    "text": "男宝送养，电话 1３8-壹贰叁肆-⑤⑥⑦8，微信 Lz_Baby88，卡 4111 1111 1111 1111",
    "posted_at": "2026-01-02T10:00:00+08:00",
    "lang": "zh",
}
TRUTH = {
    "id": "x1",
    "verdict": "trafficking",
    "category": "supply",
    "hard_negative": False,
    "identifiers": [
        {"kind": "phone", "value": "+8613812345678"},
        {"kind": "wechat", "value": "lz_baby88"},
        {"kind": "bank_card", "value": "4111111111111111"},
    ],
    "prices": [{"amount": 50000, "currency": "CNY"}],
    "children": [{"sex": "male", "age_days": -30}],
    "places": [{"province": "广西壮族自治区", "city": "柳州市"}],
    "note": "a parent offering a child",
}


def _write(
    folder: Path, posts: Sequence[Mapping[str, object]], truth: Sequence[Mapping[str, object]]
) -> Path:
    for name, rows in (("posts.jsonl", posts), ("truth.jsonl", truth)):
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        (folder / name).write_text(text, "utf-8")
    return folder


def test_clean_set_decodes_obfuscated_digits(tmp_path: Path) -> None:
    assert validator.check(_write(tmp_path, [POST], [TRUTH])) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"identifiers": [{"kind": "phone", "value": "+8613812345679"}]}, "not in the post"),
        ({"identifiers": [{"kind": "phone", "value": "+1555012345678"}]}, "wrong length"),
        ({"identifiers": [{"kind": "phone", "value": "13812345678"}]}, "not E.164"),
        ({"identifiers": [{"kind": "bank_card", "value": "4111111111111112"}]}, "Luhn"),
        ({"identifiers": [{"kind": "wechat", "value": "Lz_Baby88"}]}, "lower-cased"),
        ({"identifiers": [{"kind": "url", "value": "example.com"}]}, "not normalised"),
        ({"verdict": "bad"}, "bad verdict"),
        ({"hard_negative": True}, "hard negative must be benign"),
        ({"note": ""}, "empty note"),
        ({"prices": [{"amount": 5, "currency": "rmb"}]}, "bad currency"),
        ({"places": [{"province": "广西", "city": "柳州"}]}, "province"),
        ({"id": "x2"}, "truth without a post"),
    ],
)
def test_typos_in_truth_are_reported(
    tmp_path: Path, change: dict[str, object], expected: str
) -> None:
    problems = validator.check(_write(tmp_path, [POST], [{**TRUTH, **change}]))
    assert any(expected in p for p in problems), problems


def test_structure_problems_are_reported(tmp_path: Path) -> None:
    reply = {**POST, "id": "x2", "thread_id": "t", "posted_at": "2026-01-01T09:00:00+08:00"}
    folder = _write(tmp_path, [{**POST, "thread_id": "t"}, reply, POST], [{**TRUTH, "id": "x2"}])
    with (folder / "truth.jsonl").open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    problems = validator.check(folder)
    for expected in ("duplicate post id x1", "has no truth record", "invalid JSON", "same order"):
        assert any(expected in p for p in problems), (expected, problems)
    assert not any("reply earlier" in p for p in problems)
    assert any("reply earlier" in p for p in validator.check(folder, thread_order=True))


def test_cli_exits_1_on_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validator.main([str(_write(tmp_path, [POST], [TRUTH]))]) == 0
    assert validator.main([str(_write(tmp_path, [POST], [{**TRUTH, "verdict": "x"}]))]) == 1
    assert "1 posts, 1 problems" in capsys.readouterr().out
