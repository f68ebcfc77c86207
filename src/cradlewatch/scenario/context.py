"""The state one post's placeholders draw from, and the shape of the truth they record.

A renderer returns *pieces*: ``(text, record)`` pairs where ``record`` is the truth entry
(identifier, price, child or place) whose ``raw`` is exactly that text, or None for cue words
and separators (see ``render.render_phrase``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from cradlewatch.scenario.world import Actor, Ident, Ring, Style, World

CHINA = timezone(timedelta(hours=8))
Record = tuple[str, dict[str, Any]]  # (truth list name, entry)
Piece = tuple[str, Record | None]


@dataclass(slots=True)
class ChildSpec:
    """The main child of a post: drawn once, rendered wherever ``{child}`` appears."""

    sex: str | None
    age_days: int | None
    unborn: bool = False
    due: datetime | None = None


@dataclass(slots=True)
class PostContext:
    """Everything one post's placeholders draw from."""

    rng: random.Random
    world: World
    actor: Actor
    ring: Ring | None
    style: Style
    lang: str
    posted: datetime
    child: ChildSpec | None
    price: int
    traditional: bool
    pets: tuple[str, ...]
    site: str
    typo: tuple[str, str] | None = None
    site_url: Ident | None = None  # the benign poster's own site, when it has one
    money_cue: bool = False  # the text just before the placeholder is a money word
    target: str = "text"  # the post field being rendered: "text" or "title"


def current(pool: list[Ident], ctx: PostContext) -> Ident:
    """Members change numbers over time: the pool entry current at the post's time."""
    if len(pool) == 1 or ctx.ring is None:
        return pool[0]
    span = max(ctx.ring.end - ctx.ring.start, 1)
    position = (ctx.posted.timestamp() - ctx.ring.start) / span
    return pool[min(len(pool) - 1, max(0, int(position * len(pool))))]


def ident_record(ident: Ident, raw: str, hub: str | None = None, **extra: Any) -> Record:
    record: dict[str, Any] = {"kind": ident.kind, "value": ident.value, "raw": raw}
    if hub:
        record["hub"] = hub
    record.update(extra)
    return ("identifiers", record)
