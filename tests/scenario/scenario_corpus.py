"""A shared, cached scenario corpus for the scenario tests (generated once per session)."""

from __future__ import annotations

from functools import cache
from typing import Any

from cradlewatch.scenario.posts import generate_posts

Pair = tuple[dict[str, Any], dict[str, Any]]


@cache
def corpus(seed: int = 11, size: int = 20000, templates: str = "train") -> tuple[Pair, ...]:
    return tuple(generate_posts(seed, size, templates))
