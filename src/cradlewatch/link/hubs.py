"""Hub identifiers and accounts: the numbers that must not bridge rings.

A public hotline, a police anti-trafficking number or a big group's number is printed in many
unrelated posts, benign ones included. Joining on it would collapse every ring that quotes it
into one component, which is exactly how plain connected components fail. An identifier is
therefore weighted like an inverse document frequency over *accounts*::

    w(id) = kind_weight / (1 + idf_strength * ln(accounts(id)))

and it is a *hub* (weight 0: reported in profiles, never a join) when it appears in at least
``hub_benign_posts`` benign posts *and* at least ``hub_benign_ratio`` times as many benign as
flagged posts, or is shared by more accounts than ``hub_max_accounts`` and than
``hub_account_share`` of all posts seen (a share, so that a big ring's own group number,
used by a few hundred members in a million posts, stays a join). The ratio matters:
Find misses part of a ring's posts, so a ring's own number also turns up in posts scanned as
benign, but in far fewer than the hotline quoted by every warning and news story.
Counting accounts rather than posts keeps a prolific single seller strong while a number
copied by many strangers fades. Display-name-only accounts (no platform id) get the same
treatment, since "匿名" or "河南-送女宝" are names many people use.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cradlewatch.link.config import LinkConfig
from cradlewatch.link.records import LinkPost, split_identifier


@dataclass(slots=True)
class Usage:
    """How often one identifier (or account) is seen, and by whom."""

    flagged_posts: int = 0
    benign_posts: int = 0
    accounts: set[str] = field(default_factory=set)


@dataclass(slots=True)
class HubStats:
    """Usage of every identifier and account over all scanned posts, benign included."""

    identifiers: dict[str, Usage] = field(default_factory=dict)
    accounts: dict[str, Usage] = field(default_factory=dict)
    posts: int = 0

    def add(self, post: LinkPost) -> None:
        """Count one scanned post (benign or not)."""
        self.posts += 1
        who = post.account or f"post:{post.id}"
        for key in (*post.identifiers, *post.keys):
            self._count(self.identifiers, key, post.flagged, who)
        if post.account is not None:
            self._count(self.accounts, post.account, post.flagged, who)

    def add_benign(self, account: str | None, identifiers: Iterable[str], post_id: str) -> None:
        """Count a benign post from its account and identifiers only (no record kept)."""
        self.posts += 1
        who = account or f"post:{post_id}"
        for key in identifiers:
            self._count(self.identifiers, key, False, who)
        if account is not None:
            self._count(self.accounts, account, False, who)

    @staticmethod
    def _count(table: dict[str, Usage], key: str, flagged: bool, who: str) -> None:
        usage = table.get(key)
        if usage is None:
            usage = table[key] = Usage()
        if flagged:
            usage.flagged_posts += 1
        else:
            usage.benign_posts += 1
        usage.accounts.add(who)

    def flagged_posts(self, key: str) -> int:
        usage = self.identifiers.get(key)
        return usage.flagged_posts if usage else 0

    def account_posts(self, account: str) -> int:
        usage = self.accounts.get(account)
        return usage.flagged_posts if usage else 0

    def is_hub(self, key: str, config: LinkConfig) -> bool:
        usage = self.identifiers.get(key)
        return usage is not None and self._hub(usage, config)

    def identifier_weight(self, key: str, config: LinkConfig) -> float:
        """The join weight of an identifier; 0 for a hub."""
        usage = self.identifiers.get(key)
        if usage is None or self._hub(usage, config):
            return 0.0
        kind, _ = split_identifier(key)
        return config.kind_weights.get(kind, 0.5) / (
            1.0 + config.idf_strength * math.log(max(1, len(usage.accounts))))

    def account_weight(self, post: LinkPost, config: LinkConfig) -> float:
        """The join weight of a post's account; a shared display name is weaker."""
        if post.account is None:
            return 0.0
        if post.has_account_id:
            return config.account_weight
        usage = self.accounts.get(post.account)
        if usage is None or self._hub(usage, config):
            return 0.0
        return config.display_name_weight

    def _hub(self, usage: Usage, config: LinkConfig) -> bool:
        most_accounts = max(config.hub_max_accounts, config.hub_account_share * self.posts)
        return (usage.benign_posts >= max(config.hub_benign_posts,
                                          config.hub_benign_ratio * usage.flagged_posts)
                or len(usage.accounts) > most_accounts)

    def to_json(self) -> dict[str, object]:
        tables: dict[str, object] = {
            name: {key: [u.flagged_posts, u.benign_posts, sorted(u.accounts)]
                   for key, u in table.items()}
            for name, table in (("identifiers", self.identifiers), ("accounts", self.accounts))}
        return {**tables, "posts": self.posts}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HubStats:
        stats = cls(posts=int(data.get("posts", 0)))
        for name, table in (("identifiers", stats.identifiers), ("accounts", stats.accounts)):
            for key, (flagged, benign, accounts) in data.get(name, {}).items():
                assert isinstance(flagged, int) and isinstance(benign, int)
                assert isinstance(accounts, list)
                table[key] = Usage(flagged, benign, {str(a) for a in accounts})
        return stats

