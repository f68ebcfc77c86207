"""SpanSet answers overlap and nearness queries exactly as a scan of every span would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cradlewatch.find.extract.spans import SpanSet

_SPAN = st.tuples(st.integers(0, 60), st.integers(1, 8)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(_SPAN, max_size=12), _SPAN)
def test_overlaps_matches_brute_force(spans: list[tuple[int, int]], query: tuple[int, int]) -> None:
    start, end = query
    expected = any(s < end and start < e for s, e in spans)
    assert SpanSet(spans).overlaps(start, end) == expected


@given(
    st.lists(_SPAN, max_size=12, unique_by=lambda s: s[0]).map(sorted),
    _SPAN,
    st.integers(0, 6),
)
def test_near_matches_brute_force(
    spans: list[tuple[int, int]], query: tuple[int, int], gap: int
) -> None:
    start, end = query
    found = SpanSet(spans)
    got = {found.span(i) for i in found.near(start, end, gap)}
    expected = {(s, e) for s, e in spans if max(s - end, start - e, 0) <= gap}
    assert got == expected


@given(st.lists(_SPAN, min_size=16, max_size=40), _SPAN, st.integers(0, 6))
def test_indexed_sets_agree_with_brute_force(
    spans: list[tuple[int, int]], query: tuple[int, int], gap: int
) -> None:
    start, end = query
    found = SpanSet(spans)
    assert found.overlaps(start, end) == any(s < end and start < e for s, e in spans)
    got = sorted(found.span(i) for i in found.near(start, end, gap))
    assert got == sorted(s for s in spans if max(s[0] - end, start - s[1], 0) <= gap)
