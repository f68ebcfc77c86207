"""Helpers of the extractor tests."""

from __future__ import annotations

from cradlewatch.find.extract import extract


def ids(text: str, **kwargs: str) -> list[tuple[str, str]]:
    """The ``(kind, value)`` of every identifier in ``text``, each checked to quote its span."""
    found = extract(text, **kwargs).identifiers
    for ident in found:
        assert text[ident.start : ident.end] == ident.raw
    return [(i.kind, i.value) for i in found]
