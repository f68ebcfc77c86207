"""Helpers of the extractor tests."""

from __future__ import annotations

from cradlewatch.find.extract import extract


def ids(text: str, **kwargs: str) -> list[tuple[str, str]]:
    """The ``(kind, value)`` of every identifier in ``text``, each checked to quote its span."""
    found = extract(text, **kwargs).identifiers
    for ident in found:
        assert text[ident.start : ident.end] == ident.raw
    return [(i.kind, i.value) for i in found]


def children(text: str, **kwargs: str | None) -> list[tuple[str | None, int | None]]:
    """The ``(sex, age_days)`` of every child in ``text``, each checked to quote its span."""
    found = extract(text, **kwargs).children  # type: ignore[arg-type]
    for child in found:
        assert text[child.start : child.end] == child.raw
    return [(c.sex, c.age_days) for c in found]
