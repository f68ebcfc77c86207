"""Same seed → same bytes; different seed or split → different corpus; CLI = API."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from cradlewatch.cli import app
from cradlewatch.errors import UsageError
from cradlewatch.scenario.output import write_corpus
from cradlewatch.scenario.posts import generate_posts


def _write(tmp_path: Path, name: str, seed: int, templates: str = "train") -> tuple[bytes, bytes]:
    posts, truth = tmp_path / f"{name}.jsonl", tmp_path / f"{name}.truth.jsonl"
    write_corpus(seed=seed, size=1500, templates=templates, out=str(posts), truth=str(truth))
    return posts.read_bytes(), truth.read_bytes()


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    assert _write(tmp_path, "a", 5) == _write(tmp_path, "b", 5)


def test_different_seed_or_split_differs(tmp_path: Path) -> None:
    posts, truth = _write(tmp_path, "a", 5)
    other_posts, other_truth = _write(tmp_path, "b", 6)
    assert posts != other_posts and truth != other_truth
    heldout_posts, _ = _write(tmp_path, "c", 5, "heldout")
    assert heldout_posts != posts


def test_api_yields_one_truth_per_post_with_padded_ids() -> None:
    pairs = list(generate_posts(3, 120))
    assert [post["id"] for post, _ in pairs] == [f"p{i:06d}" for i in range(120)]
    assert all(post["id"] == truth["id"] for post, truth in pairs)
    keys = {"id", "verdict", "category", "hard_negative", "ring", "actor", "identifiers",
            "prices", "children", "places", "template", "lang"}
    assert all(keys <= truth.keys() for _, truth in pairs)


def test_cli_writes_the_same_bytes_as_the_api(tmp_path: Path) -> None:
    truth_path = tmp_path / "truth.jsonl"
    result = CliRunner().invoke(app, ["scenario", "posts", "--seed", "9", "--size", "300",
                                      "--truth", str(truth_path)])
    assert result.exit_code == 0, result.output
    pairs = list(generate_posts(9, 300))
    expected = b"".join(orjson.dumps(post) + b"\n" for post, _ in pairs)
    assert result.stdout_bytes == expected
    assert truth_path.read_bytes() == b"".join(orjson.dumps(t) + b"\n" for _, t in pairs)


def test_time_window_options_bound_posted_at(tmp_path: Path) -> None:
    out = tmp_path / "posts.jsonl"
    write_corpus(seed=1, size=400, templates="all", out=str(out), truth=None,
                 start_date="2013-06-01", days=30)
    posts = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert all("2013-06-01" <= p["posted_at"][:10] <= "2013-07-04" for p in posts)
    assert all(p["captured_at"] > p["posted_at"] for p in posts)


@pytest.mark.parametrize("kwargs", [
    {"templates": "everything"}, {"size": -1}, {"start_date": "yesterday"}, {"days": 0},
])
def test_bad_options_are_usage_errors(tmp_path: Path, kwargs: dict[str, object]) -> None:
    options: dict[str, object] = {"seed": 1, "size": 10, "templates": "train",
                                  "out": str(tmp_path / "x.jsonl"), "truth": None}
    options.update(kwargs)
    with pytest.raises(UsageError):
        write_corpus(**options)  # type: ignore[arg-type]


def test_cli_usage_error_exits_2_with_one_line() -> None:
    result = CliRunner().invoke(app, ["scenario", "posts", "--size", "3", "--templates", "bogus"])
    assert result.exit_code == 2
    assert "--templates" in result.output and "Traceback" not in result.output


def test_gzip_output_is_reproducible_and_holds_the_same_lines(tmp_path: Path) -> None:
    first, second, plain = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz", tmp_path / "c.jsonl"
    for path in (first, second, plain):
        write_corpus(seed=4, size=200, templates="train", out=str(path), truth=None)
    assert first.read_bytes() == second.read_bytes()
    assert gzip.decompress(first.read_bytes()) == plain.read_bytes()
