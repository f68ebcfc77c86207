"""Evidence spans over the text as captured, cut into segments a template can mark up.

Highlighting is computed here, not in the browser, so that the page shows exactly the offsets
Find stored (a reviewer checks the machine's evidence, not a re-search) and so that the text
stays plain data that Jinja escapes: no HTML is ever built from a post.
"""

from __future__ import annotations

from dataclasses import dataclass

from cradlewatch.store.records import IdentifierRecord, ReasonRecord


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text and the labels of the evidence spans covering it (empty: plain text)."""

    text: str
    labels: tuple[str, ...]


def segments(
    text: str,
    field: str,
    reasons: list[ReasonRecord],
    identifiers: list[IdentifierRecord],
) -> list[Segment]:
    """``text`` cut at every span boundary of ``field``; overlapping spans merge their labels.

    Spans outside the text (a stale offset) are clipped rather than trusted; a span over the
    whole text (the text model's score) says nothing about where to look and is left to the
    reasons table.
    """
    spans = [(r.start, r.end, r.code) for r in reasons if r.field == field]
    spans += [(i.start, i.end, f"{i.kind}:{i.value}") for i in identifiers if i.field == field]
    spans = [(max(0, s), min(len(text), e), label) for s, e, label in spans if s < e]
    spans = [(s, e, label) for s, e, label in spans if (s, e) != (0, len(text))]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start >= end:
            continue
        labels = tuple(dict.fromkeys(label for s, e, label in spans if s <= start and end <= e))
        out.append(Segment(text[start:end], labels))
    return out
