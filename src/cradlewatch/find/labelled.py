"""The labelled posts that Find reads: for evaluation, a file with its ground truth or a
generated scenario corpus (whose truth comes with it); for training, analysts' labels or a
labelled set's directory.

A labelled set that measures how Find generalises carries a ``HELD_OUT`` file beside its
posts; training refuses it, because a set once trained on stops telling you anything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cradlewatch.errors import UsageError
from cradlewatch.io import RejectWriter, read_posts
from cradlewatch.io.truth import read_truth
from cradlewatch.model import Post

HELD_OUT_MARKER = "HELD_OUT"


@dataclass(slots=True)
class LabelledPosts:
    name: str
    posts: list[Post]
    labels: dict[str, dict[str, Any]]


def post_from_record(record: dict[str, Any]) -> Post:
    """A generated post record as a :class:`Post` (unknown fields kept in ``extra``)."""
    known = set(Post.__dataclass_fields__) - {"extra", "provenance"}
    fields = {k: v for k, v in record.items() if k in known}
    return Post(**fields, extra={k: v for k, v in record.items() if k not in known})


def labelled_posts(
    inputs: list[str] | None, truth: str | None, seed: int, size: int, templates: str
) -> LabelledPosts:
    """Posts and their truth: from ``inputs`` + ``truth``, or generated when no input is given."""
    if inputs:
        if truth is None:
            raise UsageError("--truth is required with labelled posts")
        labels = read_truth(truth)
        with RejectWriter(None) as on_reject:
            posts = list(read_posts(inputs, on_reject))
        missing = [p.id for p in posts if p.id not in labels]
        if missing:
            raise UsageError(f"{truth}: no truth for {len(missing)} posts, e.g. {missing[0]!r}")
        return LabelledPosts(", ".join(inputs), posts, labels)
    from cradlewatch.scenario.posts import generate_posts

    generated = list(generate_posts(seed, size, templates))
    return LabelledPosts(
        f"scenario seed {seed}, {size} posts, {templates} templates",
        [post_from_record(p) for p, _ in generated],
        {t["id"]: t for _, t in generated},
    )


def training_labels(path: str) -> list[dict[str, Any]]:
    """Posts with a ``label`` of 1 (flag) or 0 (benign) to train the text model on.

    ``path`` is either a JSON Lines file of post records that carry their label (as
    ``cradlewatch workspace labels`` writes them), or a labelled set's directory holding
    ``posts.jsonl`` and ``truth.jsonl``, where every verdict other than benign is a 1."""
    location = Path(path)
    held_out = location if location.is_dir() else location.parent
    if (held_out / HELD_OUT_MARKER).exists():
        raise UsageError(
            f"{path}: a held-out set ({held_out / HELD_OUT_MARKER} is present); "
            "training on it would make its evaluation meaningless"
        )
    if location.is_dir():
        return _labelled_set(location)
    records = []
    for post_id, record in read_truth(path).items():
        if record.get("label") not in (0, 1) or not isinstance(record.get("text"), str):
            raise UsageError(f"{path}: post {post_id!r} needs a text and a label of 1 or 0")
        records.append(record)
    return records


def _labelled_set(directory: Path) -> list[dict[str, Any]]:
    truth = read_truth(directory / "truth.jsonl")
    records = []
    for post_id, record in read_truth(directory / "posts.jsonl").items():
        verdict = truth.get(post_id, {}).get("verdict")
        if verdict is None or not isinstance(record.get("text"), str):
            raise UsageError(f"{directory}: post {post_id!r} needs a text and a truth verdict")
        records.append({**record, "label": int(verdict != "benign")})
    return records
