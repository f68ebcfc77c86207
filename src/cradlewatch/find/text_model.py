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

The features are character 1–3-grams hashed into 2**17 buckets, counted and l2-normalised per
post, as scikit-learn's HashingVectorizer would make them, but computed for a whole batch at
once in numpy (a 64-bit multiplicative hash of the code points, then a mixing step): the
vectoriser's per-n-gram Python loop cost a sixth of the scan's time.
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

from cradlewatch.text import normalize

N_FEATURES = 2**17
NGRAMS = (1, 3)
FEATURES_VERSION = "numpy-hash-1"
_DIGITS = re.compile(r"\d+")
_WHITESPACE_RUN = re.compile(r"\s\s+")
DEFAULT_PATH = "data/text_model.npz"
_BITS64 = (1 << 64) - 1
_CHAR = 0x9E3779B97F4A7C15  # multipliers of the rolling hash (odd 64-bit constants)
_STEP = 0x100000001B3
_NEXT = 0xC2B2AE3D27D4EB4F
_MIX = 0xFF51AFD7ED558CCD  # the finaliser of MurmurHash3's 64-bit variant


@dataclass(slots=True)
class Features:
    """Sparse features of a batch of texts: entry ``k`` puts ``value[k]`` at
    (``row[k]``, ``column[k]``); each row is l2-normalised."""

    rows: int
    row: np.ndarray
    column: np.ndarray
    value: np.ndarray


def _bucket(hashes: np.ndarray, n: int) -> np.ndarray:
    mixed = hashes ^ np.uint64(n)
    mixed ^= mixed >> np.uint64(33)
    mixed *= np.uint64(_MIX)
    mixed ^= mixed >> np.uint64(29)
    return (mixed & np.uint64(N_FEATURES - 1)).astype(np.int64)


def hashed_ngrams(texts: Sequence[str]) -> Features:
    """Counts of every character n-gram (``NGRAMS``) of each text, hashed and l2-normalised.

    Runs of whitespace count as one space. The texts are joined with one separator
    character whose position (never its value) keeps n-grams from crossing two texts."""
    cleaned = [_WHITESPACE_RUN.sub(" ", text) for text in texts]
    lengths = np.fromiter(map(len, cleaned), dtype=np.int64, count=len(cleaned))
    codes = np.frombuffer("\x00".join(cleaned).encode("utf-32-le"), dtype=np.uint32)
    codes = codes.astype(np.uint64)
    owner = np.repeat(np.arange(len(cleaned)), lengths + 1)[: len(codes)]
    inside = np.ones(len(codes), dtype=bool)
    inside[np.cumsum(lengths + 1)[:-1] - 1] = False  # the separators
    hashes = codes * np.uint64(_CHAR)
    valid = inside
    rows, columns = [], []
    for n in range(NGRAMS[0], NGRAMS[1] + 1):
        if n > 1:
            hashes = hashes[:-1] * np.uint64(_STEP) ^ codes[n - 1 :] * np.uint64(_NEXT)
            valid = valid[:-1] & inside[n - 1 :]
        rows.append(owner[: len(valid)][valid])
        columns.append(_bucket(hashes[valid], n))
    row, column = np.concatenate(rows), np.concatenate(columns)
    pairs, counts = np.unique(row * N_FEATURES + column, return_counts=True)
    row, column = pairs // N_FEATURES, pairs % N_FEATURES
    norms = np.sqrt(np.bincount(row, counts.astype(np.float64) ** 2, minlength=len(cleaned)))
    return Features(len(cleaned), row, column, counts / norms[row])


def ngram_bucket(gram: str) -> int:
    """The feature index of one n-gram, as :func:`hashed_ngrams` computes it (for --explain)."""
    value = 0
    for i, char in enumerate(gram):
        code = ord(char)
        value = (code * _CHAR) & _BITS64 if i == 0 else (value * _STEP ^ code * _NEXT) & _BITS64
    return int(_bucket(np.array([value], dtype=np.uint64), len(gram))[0])


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
        features = hashed_ngrams(texts)
        weighted = features.value * self.coef[features.column]
        return np.bincount(features.row, weighted, minlength=features.rows) + self.intercept

    def top_ngrams(self, text: str, k: int = 5) -> list[tuple[str, float]]:
        """The n-grams of ``text`` that push the model hardest towards a flag (for --explain)."""
        cleaned = _WHITESPACE_RUN.sub(" ", text)
        grams = {
            cleaned[i : i + n]
            for n in range(max(NGRAMS[0], 2), NGRAMS[1] + 1)
            for i in range(len(cleaned) - n + 1)
        }
        weights = {gram: float(self.coef[ngram_bucket(gram)]) for gram in grams}
        return sorted(weights.items(), key=lambda kv: -kv[1])[:k]

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
            model = cls(
                data["coef"].astype(np.float32),
                float(data["intercept"][0]),
                json.loads(str(data["meta"])),
            )
        if model.meta.get("features") != FEATURES_VERSION:
            raise ValueError(
                f"trained on other features ({model.meta.get('features', 'scikit-learn')}); "
                "retrain it with 'cradlewatch train scan'"
            )
        return model

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
        from scipy.sparse import csr_matrix, vstack
        from sklearn.linear_model import LogisticRegression

        chunks = []
        for start in range(0, len(texts), 4096):
            features = hashed_ngrams(texts[start : start + 4096])
            chunks.append(
                csr_matrix(
                    (features.value, (features.row, features.column)),
                    shape=(features.rows, N_FEATURES),
                    dtype=np.float64,
                )
            )
        matrix = vstack(chunks, format="csr")
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
            "features": FEATURES_VERSION,
            "C": c,
            "n_train": len(labels),
            "n_positive": int(np.sum(labels)),
        }
        return cls(fitted.coef_[0].astype(np.float32), float(fitted.intercept_[0]), meta)
