"""The labelled posts that Find's evaluations read: a file with its ground truth, or a
generated scenario corpus (whose truth comes with it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cradlewatch.errors import UsageError
from cradlewatch.io import RejectWriter, read_posts
from cradlewatch.io.truth import read_truth
from cradlewatch.model import Post


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
