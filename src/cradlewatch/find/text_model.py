"""The learned part of Find: a logistic regression over hashed character n-grams.

Why it exists beside the rules: posts paraphrase; the model picks up wording the lexicon has
not listed yet. Why it is kept on a short leash: it is trained on labelled posts (the
scenario's training split, the development sets written by people and analysts' confirmed
labels; see :mod:`cradlewatch.find.training`), and a model tuned to one corpus fails on another. So its log-odds are clipped and weighted (``text_model`` in rules.yaml), it
only counts for a post where at least one rule fired, and it can never make a post
"trafficking" on its own (see :mod:`cradlewatch.find.scoring`).

Numbers are masked before hashing (every digit run becomes "0") so that the model learns
wording, not the phone numbers or prices of the training corpus. The model is saved as a
small ``.npz`` (coefficients, intercept, metadata) and versioned with the lexicon.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

from cradlewatch.text import normalize

N_FEATURES = 2**17
NGRAMS = (1, 3)
_DIGITS = re.compile(r"\d+")
DEFAULT_PATH = "data/text_model.npz"


def _vectorizer() -> HashingVectorizer:
    return HashingVectorizer(
        analyzer="char",
        ngram_range=NGRAMS,
        n_features=N_FEATURES,
        alternate_sign=False,
        norm="l2",
        lowercase=False,
        dtype=np.float32,
    )


def prepare(normalised_title: str | None, normalised_text: str) -> str:
    """The string the model reads: normalised title and text, digit runs masked."""
    joined = f"{normalised_title}\n{normalised_text}" if normalised_title else normalised_text
    return _DIGITS.sub("0", joined)


def model_text(title: str | None, text: str) -> str:
    """:func:`prepare` for raw fields (training and tests; the scanner reuses its own work)."""
    return prepare(normalize(title).text if title else None, normalize(text).text)


@dataclass(slots=True)
class TextModel:
    coef: np.ndarray
    intercept: float
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "untrained"))

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Log-odds that each (already :func:`model_text`-prepared) text is non-benign."""
        if not texts:
            return np.zeros(0)
        matrix = _vectorizer().transform(texts)
        return np.asarray(matrix @ self.coef, dtype=float) + self.intercept

    def top_ngrams(self, text: str, k: int = 5) -> list[tuple[str, float]]:
        """The n-grams of ``text`` that push the model hardest towards a flag (for --explain)."""
        grams: dict[str, float] = {}
        analyzer = _vectorizer().build_analyzer()
        vector = _vectorizer()
        for gram in set(analyzer(text)):
            if len(gram) < 2:
                continue
            index = vector.transform([gram]).indices
            if len(index):
                grams[gram] = float(self.coef[index[-1]])
        return sorted(grams.items(), key=lambda kv: -kv[1])[:k]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float32),
            intercept=np.array([self.intercept]),
            meta=np.array(json.dumps(self.meta, ensure_ascii=False)),
        )

    @classmethod
    def load(cls, path: Path | str) -> TextModel:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                data["coef"].astype(np.float32),
                float(data["intercept"][0]),
                json.loads(str(data["meta"])),
            )

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> TextModel | None:
        """The model shipped with the package, or None when none has been trained yet."""
        ref = resources.files("cradlewatch.find").joinpath(DEFAULT_PATH)
        if not ref.is_file():
            return None
        with resources.as_file(ref) as path:
            return cls.load(path)

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[int],
        meta: dict[str, Any],
        c: float = 1.0,
        weights: Sequence[float] | None = None,
    ) -> TextModel:
        """Fit on prepared texts with labels 1 (trafficking or suspicious) and 0 (benign);
        ``weights`` lets a few analysts' labels count more than many generated posts."""
        from sklearn.linear_model import LogisticRegression

        matrix = _vectorizer().transform(texts)
        fitted = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        fitted.fit(
            matrix,
            np.asarray(labels),
            sample_weight=None if weights is None else np.asarray(weights),
        )
        meta = {
            **meta,
            "n_features": N_FEATURES,
            "ngrams": list(NGRAMS),
            "C": c,
            "n_train": len(labels),
            "n_positive": int(np.sum(labels)),
        }
        return cls(fitted.coef_[0].astype(np.float32), float(fitted.intercept_[0]), meta)
