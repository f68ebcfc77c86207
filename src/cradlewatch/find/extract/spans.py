"""Span queries that stay fast on very long posts.

Extractors ask "does this candidate overlap an identifier?" and "which sex terms lie within a
few characters of this age?". A scan of every span per candidate is quadratic in the number
of mentions, which a pasted price list or a spammed number makes large; sorted starts with
a running maximum of ends answer both with a binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class SpanSet:
    """Half-open ``(start, end)`` spans, possibly overlapping, for overlap and nearness queries."""

    __slots__ = ("_spans", "_starts", "_max_ends")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [start for start, _ in self._spans]
        self._max_ends = list(accumulate((end for _, end in self._spans), max))

    def __len__(self) -> int:
        return len(self._spans)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with ``[start, end)``."""
        before = bisect_left(self._starts, end)  # spans starting before ``end``
        return before > 0 and self._max_ends[before - 1] > start

    def near(self, start: int, end: int, gap: int) -> list[int]:
        """Indexes (in start order) of spans at most ``gap`` characters from ``[start, end)``."""
        last = bisect_right(self._starts, end + gap)
        return [
            i
            for i in range(bisect_left(self._max_ends, start - gap), last)
            if self._spans[i][1] >= start - gap
        ]

    def span(self, index: int) -> tuple[int, int]:
        return self._spans[index]
