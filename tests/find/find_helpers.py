"""Helpers of the Find scoring tests."""

from __future__ import annotations

from cradlewatch.find.scanner import Scanner
from cradlewatch.model import Post


def verdict_of(
    scanner: Scanner, text: str, title: str | None = None, **fields: str
) -> tuple[str, set[str]]:
    """The verdict of a post made of ``text`` (and ``title``), with the codes of its reasons."""
    finding = scanner.scan(Post(id="t", text=text, title=title, **fields))
    return finding.verdict, {r.code for r in finding.reasons}
