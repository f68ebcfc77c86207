"""Tunable weights and thresholds of the ring builder, in one place.

The defaults were tuned on the scenario generator's ``train`` templates (see ``docs/link.md``)
and are evaluated on a different seed with ``heldout`` templates. They are plain data so that
an analyst can change them from a YAML file without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from cradlewatch.errors import UsageError

_DEFAULT_KIND_WEIGHTS = {
    "phone": 1.0, "qq": 1.0, "wechat": 1.0, "email": 1.0, "alipay": 1.0, "bank_card": 1.0,
    "url": 0.5,
    # join keys other than contact identifiers (see records.join_keys)
    "image": 1.0, "thread": 0.5, "site": 2.0,
}


@dataclass(slots=True)
class LinkConfig:
    """Edge weights, hub limits, template and Leiden parameters."""

    # Identifier edges: base weight by kind, divided by 1 + idf_strength * ln(accounts using it).
    kind_weights: dict[str, float] = field(default_factory=lambda: dict(_DEFAULT_KIND_WEIGHTS))
    idf_strength: float = 0.0
    # Venues (where posts appear rather than whom to contact): weighted by concentration.
    venue_kinds: tuple[str, ...] = ("site", "url")
    venue_min_concentration: float = 0.4
    # An identifier is a hub (reported, never a join) when benign posts carrying it are at
    # least ``hub_benign_posts`` and ``hub_benign_ratio`` times its flagged posts, or when more
    # distinct accounts use it than ``hub_max_accounts`` and ``hub_account_share`` of all posts.
    hub_benign_posts: int = 10
    hub_benign_ratio: float = 4.0
    hub_max_accounts: int = 50
    hub_account_share: float = 0.01
    # Account edges: a platform account id is strong evidence, a bare display name weak.
    account_weight: float = 1.0
    display_name_weight: float = 0.3
    # Same-person (Splink) edges between accounts: weight * match probability.
    same_person_weight: float = 0.8
    same_person_min_probability: float = 0.95
    # Near-duplicate template edges: weight * estimated Jaccard, kept above the threshold.
    template_weight: float = 0.1
    template_threshold: float = 0.8
    template_neighbours: int = 3
    template_min_shingles: int = 12
    num_perm: int = 64
    shingle_size: int = 3
    # Leiden (modularity) per connected component; lower resolution = bigger rings.
    resolution: float = 0.1
    leiden_min_posts: int = 4
    seed: int = 7

    @classmethod
    def from_yaml(cls, path: Path) -> LinkConfig:
        """Read overrides from a YAML mapping; unknown keys are a usage error."""
        try:
            data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise UsageError(f"{path}:1: cannot read link config: {error}") from error
        if not isinstance(data, dict):
            raise UsageError(f"{path}:1: link config must be a mapping")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise UsageError(f"{path}:1: unknown link config keys: {', '.join(unknown)}")
        config = cls()
        for key, value in data.items():
            setattr(config, key, value)
        return config
