"""Span queries that stay fast on very long posts.

Extractors ask "does this candidate overlap an identifier?" and "which sex terms lie within a
few characters of this age?". A scan of every span per candidate is quadratic in the number
of mentions, which a pasted price list or a spammed number makes large; sorted starts with
a running maximum of ends answer both with a binary search. Typical posts hold a handful of
spans, for which a plain scan is cheaper, so the index is built only for larger sets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

_INDEX_FROM = 16  # below this many spans a linear scan beats building the index


class SpanSet:
    """Half-open ``(start, end)`` spans, possibly overlapping, for overlap and nearness queries."""

    __slots__ = ("_spans", "_starts", "_max_ends")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts: list[int] = []
        self._max_ends: list[int] = []
        if len(self._spans) >= _INDEX_FROM:
            self._starts = [start for start, _ in self._spans]
            self._max_ends = list(accumulate((end for _, end in self._spans), max))

    def __len__(self) -> int:
        return len(self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with ``[start, end)``."""
        if not self._starts:
            return any(s < end and start < e for s, e in self._spans)
        before = bisect_left(self._starts, end)  # spans starting before ``end``
        return before > 0 and self._max_ends[before - 1] > start

    def near(self, start: int, end: int, gap: int) -> list[int]:
        """Indexes (in start order) of spans at most ``gap`` characters from ``[start, end)``."""
        if not self._starts:
            first, last = 0, len(self._spans)
        else:
            first = bisect_left(self._max_ends, start - gap)
            last = bisect_right(self._starts, end + gap)
        spans = self._spans
        return [
            i for i in range(first, last) if spans[i][1] >= start - gap and spans[i][0] <= end + gap
        ]

    def span(self, index: int) -> tuple[int, int]:
        return self._spans[index]
