"""Turn one decoded input record (a JSON object or a CSV row) into a :class:`Post`, or say why not.

JSON Lines and CSV share the column names of CONTRACTS §1, so they share this validator: one
place decides what a well-formed post is, and both readers report the same reasons. The
validator returns the reason as a string instead of raising, because a rejected record is the
normal case on a crawl and exceptions would cost more than the check on the scan path.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from cradlewatch.model import Post, Provenance

#: Optional string fields of CONTRACTS §1, in contract order (so reasons are stable across runs).
OPTIONAL_STRING_FIELDS: tuple[str, ...] = (
    "title",
    "url",
    "platform",
    "site",
    "author",
    "author_id",
    "posted_at",
    "captured_at",
    "lang",
    "thread_id",
)
#: Every field of CONTRACTS §1; anything else goes to ``Post.extra``.
KNOWN_FIELDS: frozenset[str] = frozenset((*OPTIONAL_STRING_FIELDS, "id", "text", "images"))
#: Fields whose strings must parse as ISO 8601, so that time lines and windows stay sortable.
DATE_FIELDS: tuple[str, ...] = ("posted_at", "captured_at")


def json_type_name(value: object) -> str:
    """The JSON name of a decoded value's type, for reasons a user without Python can read."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def is_iso8601(value: str) -> bool:
    """True when ``value`` is an ISO 8601 date or date-time that Python can order and compare."""
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_images(value: object) -> str | None:
    if not isinstance(value, list):
        return f"images must be a list of objects, got {json_type_name(value)}"
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            return f"images[{index}] must be an object, got {json_type_name(item)}"
    return None


def build_post(record: dict[str, Any], provenance: Provenance) -> Post | str:
    """Validate ``record`` and build a :class:`Post`; return the rejection reason instead.

    An empty string or null in an optional field counts as absent, so that CSV (which cannot
    write null) and JSON give the same post. Unknown fields go to ``Post.extra`` untouched.
    ``provenance.captured_at`` is filled from the record when the caller did not know it.
    """
    ident = record.get("id")
    if ident is None:
        return "missing id"
    if not isinstance(ident, str):
        return f"id must be a string, got {json_type_name(ident)}"
    if not ident.strip():
        return "id must not be empty"
    text = record.get("text")
    if text is None:
        return "missing text"
    if not isinstance(text, str):
        return f"text must be a string, got {json_type_name(text)}"

    fields: dict[str, Any] = {}
    for key in OPTIONAL_STRING_FIELDS:
        value = record.get(key)
        if value is None or value == "":
            continue
        if type(value) is not str:
            return f"{key} must be a string or null, got {json_type_name(value)}"
        fields[key] = value
    images = record.get("images")
    if images is None or images == "":
        images = []
    else:
        problem = _check_images(images)
        if problem:
            return problem
    extra: dict[str, Any] = {}
    if not KNOWN_FIELDS.issuperset(record):
        extra = {key: value for key, value in record.items() if key not in KNOWN_FIELDS}
    for key in DATE_FIELDS:
        stamp = fields.get(key)
        if stamp is not None and not is_iso8601(stamp):
            return f"{key} must be an ISO 8601 date-time, got {stamp!r}"
    if provenance.captured_at is None:
        provenance.captured_at = fields.get("captured_at")
    return Post(id=ident, text=text, images=images, extra=extra, provenance=provenance, **fields)


def post_to_record(post: Post, *, provenance: bool = True) -> dict[str, Any]:
    """``post`` as a CONTRACTS §1 record: the inverse of :func:`build_post`.

    Absent fields are left out, ``extra`` fields return to the top level (a contract field of
    the same name wins), and with ``provenance`` the post's provenance is added as the
    ``provenance`` object (replacing one that an earlier pass left in ``extra``). Reading the
    record back gives the same post, with that provenance in ``extra``.
    """
    record: dict[str, Any] = {"id": post.id, "text": post.text}
    for key in OPTIONAL_STRING_FIELDS:
        value = getattr(post, key)
        if value is not None:
            record[key] = value
    if post.images:
        record["images"] = post.images
    for key, value in post.extra.items():
        if key not in KNOWN_FIELDS:
            record[key] = value
    if provenance and post.provenance is not None:
        record["provenance"] = dataclasses.asdict(post.provenance)
    return record
