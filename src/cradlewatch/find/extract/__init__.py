"""Extractors for one post field: contact identifiers, prices, places and children.

:func:`extract` is what the scorer calls. It normalises the text once (or takes a
:class:`~cradlewatch.text.NormalizedText` the caller already has), runs every extractor on
the normalised text, and maps every span back, so that each record's ``raw`` is exactly
``text[start:end]`` of the text as given.

Identifiers are reported once per occurrence, in text order (the linker needs every span);
a caller that wants distinct values deduplicates on ``(kind, value)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cradlewatch.find.extract.children import find_children
from cradlewatch.find.extract.cues import cue_before
from cradlewatch.find.extract.handles import find_emails, find_handles, find_urls, url_value
from cradlewatch.find.extract.identifiers import find_number_identifiers, find_same_number
from cradlewatch.find.extract.places import find_places
from cradlewatch.find.extract.prices import find_prices
from cradlewatch.model import Child, Identifier, Place, Post, Price
from cradlewatch.text import NormalizedText, has_digit_like, normalize
from cradlewatch.text.digits import has_spelled_digits

__all__ = ["Extraction", "extract", "extract_post"]


@dataclass(slots=True)
class Extraction:
    """Everything found in one field, each record with its span in that field."""

    identifiers: list[Identifier] = field(default_factory=list)
    prices: list[Price] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)


def _identifiers(
    norm: NormalizedText, field_name: str, region: str, lang: str | None
) -> tuple[list[Identifier], list[tuple[int, int]]]:
    """The identifiers with original spans, and their spans in the normalised text."""
    text = norm.text
    hits = find_emails(text)
    emails = [(hit[2], hit[3]) for hit in hits]
    url_spans = find_urls(text, emails)
    hits.extend(find_handles(text))
    masked = emails + url_spans + [(hit[2], hit[3]) for hit in hits if hit[0] != "email"]
    if has_digit_like(text) or has_spelled_digits(text):
        numbers = find_number_identifiers(text, masked, region, lang)
        hits.extend(numbers)
        hits.extend(find_same_number(text, numbers))
    for hit in list(hits):
        if hit[0] == "email" and _alipay_before(text, hit[2]):
            hits.append(("alipay", hit[1], hit[2], hit[3]))
    if not hits and not url_spans:
        return [], []  # most fields hold no identifier: nothing to map back
    original = norm.original
    found: list[Identifier] = []
    for kind, value, start, end in hits:
        o_start, o_end = norm.to_original(start, end)
        found.append(Identifier(kind, value, original[o_start:o_end], field_name, o_start, o_end))
    for start, end in url_spans:
        o_start, o_end = norm.to_original(start, end)
        raw = original[o_start:o_end]
        found.append(Identifier("url", url_value(raw), raw, field_name, o_start, o_end))
    found.sort(key=lambda ident: (ident.start, ident.end))
    spans = sorted({(hit[2], hit[3]) for hit in hits} | set(url_spans))
    return found, spans


def _alipay_before(text: str, start: int) -> bool:
    match = cue_before().search(text, max(0, start - 24), start)
    return match is not None and match.lastgroup == "alipay"


def extract(
    text: str,
    field: str = "text",
    normalized: NormalizedText | None = None,
    *,
    posted_at: str | None = None,
    region: str = "US",
    lang: str | None = None,
) -> Extraction:
    """Identifiers, prices, places and children in ``text`` (the post's ``field``).

    ``normalized`` must be ``normalize(text)`` when given (the scorer normalises once for
    the lexicon too). ``posted_at`` (ISO 8601) turns due dates into negative ages;
    ``region`` is the numbering plan of last resort for phone numbers that are neither
    Chinese nor written with a ``+`` country code: the regions the post names itself (₦,
    "Lagos", 香港, and its ``lang``, e.g. ``tl`` → Philippines) come first.
    """
    norm = normalized if normalized is not None else normalize(text)
    identifiers, taken = _identifiers(norm, field, region, lang)
    return Extraction(
        identifiers=identifiers,
        prices=find_prices(norm, field, taken, lang),
        places=find_places(norm, field),
        children=find_children(norm, field, posted_at, taken),
    )


def extract_post(post: Post, *, region: str = "US") -> Extraction:
    """Everything in a post's ``title`` and ``text``; each record names its field."""
    merged = Extraction()
    for name, value in (("title", post.title), ("text", post.text)):
        if value:
            found = extract(value, name, posted_at=post.posted_at, region=region, lang=post.lang)
            merged.identifiers.extend(found.identifiers)
            merged.prices.extend(found.prices)
            merged.places.extend(found.places)
            merged.children.extend(found.children)
    return merged
