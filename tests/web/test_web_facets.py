"""The queue's filter choices are read at most every few seconds per process."""

from __future__ import annotations

from typing import Any

import pytest

from cradlewatch.web import facets
from cradlewatch.web.facets import FacetCache


def test_facets_are_reused_within_their_lifetime_and_read_again_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads: list[int] = []

    def facet_values(session: Any) -> dict[str, list[str]]:
        reads.append(1)
        return {"platforms": [f"p{len(reads)}"], "provinces": [], "reasons": []}

    clock = [100.0]
    monkeypatch.setattr(facets.repository, "facet_values", facet_values)
    monkeypatch.setattr(facets.time, "monotonic", lambda: clock[0])
    cache = FacetCache(seconds=30)
    assert cache.get(None)["platforms"] == ["p1"]
    clock[0] += 29
    assert cache.get(None)["platforms"] == ["p1"]
    clock[0] += 2
    assert cache.get(None)["platforms"] == ["p2"]
    assert len(reads) == 2
