"""The text model's features: hashed character n-grams computed a batch at a time.

Batching is only for speed, so a post's features must not depend on its neighbours; the
one-gram lookup behind ``scan --explain`` must name the buckets the model really reads."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cradlewatch.find.text_model import (
    N_FEATURES,
    TextModel,
    hashed_ngrams,
    ngram_bucket,
)

TEXTS = st.lists(
    st.text(alphabet=st.sampled_from("宝宝私聊 费\n\t ab0😀"), max_size=30), min_size=1, max_size=6
)


def features_of(texts: list[str], index: int) -> dict[int, float]:
    features = hashed_ngrams(texts)
    mine = features.row == index
    return dict(zip(features.column[mine].tolist(), features.value[mine].tolist(), strict=True))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_texts_features_do_not_depend_on_the_batch_it_is_scored_in(texts: list[str]) -> None:
    for index, text in enumerate(texts):
        alone = features_of([text], 0)
        batched = features_of(texts, index)
        assert alone.keys() == batched.keys()
        assert all(abs(alone[k] - batched[k]) < 1e-12 for k in alone)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=25))
def test_features_are_the_l2_normalised_counts_of_every_1_to_3_gram(text: str) -> None:
    cleaned = re.sub(r"\s\s+", " ", text)
    grams = [cleaned[i : i + n] for n in (1, 2, 3) for i in range(len(cleaned) - n + 1)]
    counts: dict[int, int] = {}
    for gram in grams:
        counts[ngram_bucket(gram)] = counts.get(ngram_bucket(gram), 0) + 1
    norm = float(np.sqrt(sum(c * c for c in counts.values())))
    assert features_of([text], 0) == pytest.approx({k: c / norm for k, c in counts.items()})
    assert all(0 <= bucket < N_FEATURES for bucket in counts)


def test_an_empty_text_has_no_features_and_scores_the_intercept() -> None:
    model = TextModel(np.ones(N_FEATURES, dtype=np.float32), -1.5, {})
    logits = model.logits(["", "宝宝"])
    assert logits[0] == -1.5
    assert logits[1] == pytest.approx(-1.5 + 3 / np.sqrt(5))  # 宝 twice, 宝宝 once: norm √5


def test_explain_names_the_ngrams_that_carry_the_weight() -> None:
    coef = np.zeros(N_FEATURES, dtype=np.float32)
    coef[ngram_bucket("营养费")] = 2.0
    coef[ngram_bucket("私聊")] = 1.0
    model = TextModel(coef, 0.0, {})
    assert [gram for gram, _ in model.top_ngrams("宝宝 营养费 私聊", k=2)] == ["营养费", "私聊"]


def test_a_model_saved_with_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.npz"
    TextModel(np.zeros(N_FEATURES, dtype=np.float32), 0.0, {"version": "old"}).save(path)
    with pytest.raises(ValueError, match="retrain"):
        TextModel.load(path)
