"""Near-duplicate templates: masked text, shingles, MinHash signatures and LSH banding.

Rings reuse one advert text and only swap the contact number, the price or the child's age, so
those are masked *before* hashing: otherwise two copies of one template with different numbers
would look less alike, and two unrelated posts that quote the same hotline would look more alike.
Chinese has no spaces, so a Chinese run is shingled by characters; Latin script by words.

Signatures follow datasketch's MinHash scheme (its permutations, the Mersenne-prime universal
hash) but are computed in bulk with numpy; the LSH band/row split is datasketch's optimum for
the similarity threshold. Banding is done with numpy over all signatures at once, and inside
an LSH bucket each post is paired with only its next few neighbours, so that a template used
by thousands of posts costs linear, not quadratic, work.
"""

from __future__ import annotations

import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import regex
from datasketch import MinHash
from datasketch.lsh import _optimal_param

_URL_OR_EMAIL = regex.compile(r"(?i)(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGITISH = regex.compile(r"[\p{Nd}\p{No}]+(?:[\s.,:/\-]*[\p{Nd}\p{No}]+)*")
_CN_DIGITS = regex.compile(r"[零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖拾十百千万亿]{4,}")
_MIXED_HANDLE = regex.compile(r"\b(?=[a-z_\-]*\d)[a-z0-9_\-]{5,}\b")
_UNITS = regex.compile(r"\p{Han}|[\p{L}\p{M}#]+")
_MASK = "#"
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


def mask_text(text: str, spans: Iterable[tuple[int, int]] = ()) -> str:
    """Replace identifiers, prices and every number with ``#``, then NFKC and lower-case.

    ``spans`` are code-point ranges (from the scan) of identifiers and prices in ``text``;
    anything number-like the scan did not extract is masked by pattern as well.
    """
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor or end <= start or end > len(text):
            continue
        pieces.append(text[cursor:start])
        pieces.append(f" {_MASK} ")
        cursor = end
    pieces.append(text[cursor:])
    masked = unicodedata.normalize("NFKC", "".join(pieces)).lower()
    masked = _URL_OR_EMAIL.sub(f" {_MASK} ", masked)
    masked = _MIXED_HANDLE.sub(_MASK, masked)
    masked = _DIGITISH.sub(_MASK, masked)
    return _CN_DIGITS.sub(_MASK, masked)


def shingles(masked: str, size: int = 3) -> set[str]:
    """Character n-grams over Chinese characters, word n-grams over other scripts.

    A Han character and a Latin word are each one unit, so mixed text shingles naturally;
    a text shorter than ``size`` units is one shingle.
    """
    units = _UNITS.findall(masked)
    if len(units) <= size:
        return {" ".join(units)} if units else set()
    return {" ".join(units[i:i + size]) for i in range(len(units) - size + 1)}


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, seed=1).permutations
    return a.astype(np.uint64), b.astype(np.uint64)


def signature(shingle_set: Iterable[str], num_perm: int) -> np.ndarray:
    """The MinHash signature (``uint32[num_perm]``); all-ones marks an empty text."""
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingle_set), dtype=np.uint64)
    if hashes.size == 0:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint32)
    a, b = _permutations(num_perm)
    permuted = ((hashes[:, None] * a + b) % _MERSENNE) & _MAX_HASH
    return permuted.min(axis=0).astype(np.uint32)


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's (bands, rows) minimising false positives + false negatives."""
    bands, rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
    return int(bands), int(rows)


def near_duplicates(
    signatures: np.ndarray,
    order: Sequence[int],
    threshold: float,
    neighbours: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(i, j, similarity)`` of rows whose estimated Jaccard is at least ``threshold``.

    ``order`` ranks the rows (e.g. by account, then post id): inside an LSH bucket a row is
    compared with its next ``neighbours`` rows in that order, which keeps posts of one account
    adjacent and the work linear. Empty texts (all-ones signatures) are never paired.
    """
    n, num_perm = signatures.shape if signatures.ndim == 2 else (0, 0)
    if n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    bands, rows = lsh_params(threshold, num_perm)
    rank = np.empty(n, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(n)
    valid = ~(signatures == np.uint32(_MAX_HASH)).all(axis=1)
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for band in range(bands):
        block = np.ascontiguousarray(signatures[:, band * rows:(band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        _, bucket = np.unique(keys, return_inverse=True)
        sorted_rows = np.lexsort((rank, bucket))
        sorted_bucket = bucket[sorted_rows]
        for step in range(1, neighbours + 1):
            same = sorted_bucket[step:] == sorted_bucket[:-step]
            left.append(sorted_rows[:-step][same])
            right.append(sorted_rows[step:][same])
    if not left:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    i = np.concatenate(left)
    j = np.concatenate(right)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    pairs = np.unique(np.stack([lo, hi], axis=1), axis=0)
    if pairs.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    lo, hi = pairs[:, 0], pairs[:, 1]
    keep = valid[lo] & valid[hi]
    lo, hi = lo[keep], hi[keep]
    similarity = (signatures[lo] == signatures[hi]).mean(axis=1)
    good = similarity >= threshold
    return lo[good], hi[good], similarity[good]


_SYMBOLS = regex.compile(r"[^\p{L}\p{N}\s#]{1,3}")


def style_tokens(masked: str, edge: int = 4) -> tuple[str, ...]:
    """Writing habits of one post: its opening and closing words and the symbols it uses.

    Sellers keep a sign-off ("诚心者私聊~~") and a punctuation habit across handles and
    platforms even when they change numbers; these tokens feed account resolution.
    """
    units = _UNITS.findall(masked)
    tokens = {f"symbol:{s}" for s in _SYMBOLS.findall(masked)}
    if units:
        tokens.add("open:" + "".join(units[:edge]))
        tokens.add("close:" + "".join(units[-edge:]))
    return tuple(sorted(tokens))
