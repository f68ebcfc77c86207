"""Training Find's text model on generated posts and on posts labelled by people.

Why both: the scenario's training split gives volume, every obfuscation and every hard
negative; posts written by people (the development sets, analysts' decisions) give the
wording no generator has. One labelled post counts ``label_weight`` generated ones, so that
some two thousand posts by people are not drowned by forty thousand generated ones. The
default of 20 was chosen by leave-one-set-out cross-validation over the development sets
(``benchmarks/find_model_cv.py``, docs/find.md): it found the most flags without more false
ones than the generated posts alone; 5 found a few more and false-flagged more, 50 fewer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # scikit-learn costs a second at start-up: the CLI imports this module
    from cradlewatch.find.text_model import TextModel

LABEL_WEIGHT = 20.0
REGULARISATION_C = 0.5


@dataclass(slots=True)
class Examples:
    """Model-ready texts (see :func:`model_text`) and their labels, 1 to flag, 0 benign."""

    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)

    def add(self, title: str | None, text: str, label: int) -> None:
        from cradlewatch.find.text_model import model_text

        self.texts.append(model_text(title, text))
        self.labels.append(label)


def generated_examples(seed: int, size: int, templates: str) -> Examples:
    """The scenario's posts of one phrase split; every verdict other than benign is a flag."""
    from cradlewatch.scenario.posts import generate_posts

    examples = Examples()
    for post, truth in generate_posts(seed, size, templates):
        examples.add(post.get("title"), post["text"], int(truth["verdict"] != "benign"))
    return examples


def labelled_examples(records: Iterable[Mapping[str, Any]]) -> Examples:
    """Post records that carry a ``label`` (see :func:`cradlewatch.find.labelled.training_labels`)."""
    examples = Examples()
    for record in records:
        examples.add(record.get("title"), record["text"], int(record["label"]))
    return examples


def train_text_model(
    generated: Examples,
    labelled: Mapping[str, Examples],
    meta: dict[str, Any],
    label_weight: float = LABEL_WEIGHT,
    c: float = REGULARISATION_C,
) -> TextModel:
    """Fit the model; ``meta`` (version, corpus) is saved with it, plus what it learned from."""
    from cradlewatch.find.text_model import TextModel

    texts, labels = list(generated.texts), list(generated.labels)
    weights = [1.0] * len(texts)
    for examples in labelled.values():
        texts += examples.texts
        labels += examples.labels
        weights += [label_weight] * len(examples.labels)
    meta = {
        **meta,
        "analyst_labels": len(texts) - len(generated.texts),
        "label_weight": label_weight,
        "labelled_sources": {source: len(ex.labels) for source, ex in labelled.items()},
    }
    return TextModel.train(texts, labels, meta, c=c, weights=weights)
