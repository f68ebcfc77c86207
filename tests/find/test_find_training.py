"""`cradlewatch train scan`: which labelled posts the text model may learn from.

The held-out set only measures; a model that had seen it would make its figures worthless,
so the trainer refuses it, and the shipped model records what it was trained on."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cradlewatch.cli import app
from cradlewatch.find.labelled import HELD_OUT_MARKER
from cradlewatch.find.text_model import TextModel

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"


def write_set(directory: Path, truth: dict[str, str]) -> Path:
    """A labelled set's directory: posts.jsonl and truth.jsonl with the given verdicts."""
    directory.mkdir()
    texts = {"a": "有宝宝，私聊营养费", "b": "猫咪找新家", "c": "求个男宝，价格好说"}
    posts = [json.dumps({"id": k, "text": v}, ensure_ascii=False) for k, v in texts.items()]
    (directory / "posts.jsonl").write_text("\n".join(posts) + "\n", encoding="utf-8")
    lines = [json.dumps({"id": k, "verdict": v}) for k, v in truth.items()]
    (directory / "truth.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def train(tmp_path: Path, *labels: Path) -> tuple[int, str, Path]:
    out = tmp_path / "model.npz"
    args = ["train", "scan", "--size", "60", "--out", str(out)]
    for path in labels:
        args += ["--labels", str(path)]
    result = runner.invoke(app, args)
    return result.exit_code, result.output, out


def test_a_labelled_sets_directory_trains_with_every_non_benign_verdict_as_a_flag(
    tmp_path: Path,
) -> None:
    labelled = write_set(tmp_path / "devx", {"a": "trafficking", "b": "benign", "c": "suspicious"})
    code, output, out = train(tmp_path, labelled)
    assert code == 0, output
    meta = TextModel.load(out).meta
    assert meta["labelled_sources"] == {str(labelled): 3}
    assert meta["analyst_labels"] == 3
    assert meta["label_weight"] == 20.0
    # the flags of the 60 generated posts, plus two of the three labelled posts
    _, _, generated_only = train(tmp_path)
    assert meta["n_positive"] == TextModel.load(generated_only).meta["n_positive"] + 2


def test_a_held_out_set_is_refused_as_a_directory_and_file_by_file(tmp_path: Path) -> None:
    held_out = write_set(tmp_path / "held", {"a": "trafficking", "b": "benign", "c": "benign"})
    (held_out / HELD_OUT_MARKER).write_text("measure only\n", encoding="utf-8")
    for path in (held_out, held_out / "posts.jsonl"):
        code, output, out = train(tmp_path, path)
        assert code == 2
        assert "held-out" in output
        assert not out.exists()


def test_a_post_without_a_truth_verdict_is_a_usage_error(tmp_path: Path) -> None:
    labelled = write_set(tmp_path / "devy", {"a": "trafficking", "b": "benign"})
    code, output, _ = train(tmp_path, labelled)
    assert code == 2
    assert "'c'" in output


def test_the_hand_written_held_out_set_is_marked_and_the_shipped_model_never_saw_it() -> None:
    assert (DATA / "handwritten" / HELD_OUT_MARKER).is_file()
    model = TextModel.default()
    assert model is not None
    sources = model.meta["labelled_sources"]
    assert sources, "the shipped model learns from the development sets"
    assert all(Path(source).name.startswith("dev") for source in sources)
    assert not any("handwritten" in source for source in sources)
