"""The compact per-post record that linking works on.

Linking keeps up to a few hundred thousand flagged posts in memory (and in the incremental
state), so it stores only what joins and ring profiles need: no full text, no reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from cradlewatch.model import Finding, Post


@dataclass(slots=True, frozen=True)
class LinkPost:
    """One scanned post as linking sees it; ``identifiers`` are ``kind:value`` keys."""

    id: str
    verdict: str
    risk: float
    account: str | None
    has_account_id: bool
    author: str | None
    platform: str | None
    site: str | None
    posted_at: str | None
    identifiers: tuple[str, ...]
    places: tuple[tuple[str | None, str | None], ...]
    style: tuple[str, ...] = ()
    # Other join keys than contact identifiers: ``image:SHA256``, ``thread:ID``, ``site:NAME``.
    keys: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        """Only non-benign posts are grouped into rings (CONTRACTS §3)."""
        return self.verdict != "benign"

    def to_json(self) -> dict[str, object]:
        """A plain dict for the incremental state (see :mod:`cradlewatch.link.state`)."""
        return {
            "id": self.id,
            "verdict": self.verdict,
            "risk": self.risk,
            "account": self.account,
            "has_account_id": self.has_account_id,
            "author": self.author,
            "platform": self.platform,
            "site": self.site,
            "posted_at": self.posted_at,
            "identifiers": list(self.identifiers),
            "places": [list(p) for p in self.places],
            "style": list(self.style),
            "keys": list(self.keys),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> LinkPost:
        places = data.get("places") or []
        assert isinstance(places, list)
        style = data.get("style") or []
        assert isinstance(style, list)
        keys = data.get("keys") or []
        assert isinstance(keys, list)
        identifiers = data.get("identifiers") or []
        assert isinstance(identifiers, list)
        risk = data.get("risk", 0.0)
        assert isinstance(risk, (int, float))
        return cls(
            id=str(data["id"]),
            verdict=str(data["verdict"]),
            risk=float(risk),
            account=_opt(data.get("account")),
            has_account_id=bool(data.get("has_account_id")),
            author=_opt(data.get("author")),
            platform=_opt(data.get("platform")),
            site=_opt(data.get("site")),
            posted_at=_opt(data.get("posted_at")),
            identifiers=tuple(str(i) for i in identifiers),
            places=tuple((_opt(p[0]), _opt(p[1])) for p in places),
            style=tuple(str(s) for s in style),
            keys=tuple(str(k) for k in keys),
        )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def identifier_key(kind: str, value: str) -> str:
    """The node key of an identifier: ``kind:value`` with the normalised value."""
    return f"{kind}:{value}"


def split_identifier(key: str) -> tuple[str, str]:
    kind, _, value = key.partition(":")
    return kind, value


def join_keys(post: Post) -> tuple[str, ...]:
    """Evidence besides contact identifiers: the same photo, thread or site.

    A seller reuses the same few baby photos (images come as SHA-256, CONTRACTS §1); bids in a
    thread answer its opening post; a ring runs its own site. Each is weighted and checked for
    hubs like an identifier (a stock photo or a big public forum joins nothing).
    """
    keys = {
        f"image:{image['sha256']}"
        for image in post.images
        if isinstance(image, dict) and image.get("sha256")
    }
    if post.thread_id:
        keys.add(f"thread:{post.thread_id}")
    if post.site:
        keys.add(f"site:{post.site}")
    return tuple(sorted(keys))


def link_post(post: Post, finding: Finding, style: tuple[str, ...] = ()) -> LinkPost:
    """Reduce a post and its scan finding to what linking needs."""
    identifiers = tuple(sorted({identifier_key(i.kind, i.value) for i in finding.identifiers}))
    places = tuple(
        sorted(
            {(p.province, p.city) for p in finding.places}, key=lambda p: (p[0] or "", p[1] or "")
        )
    )
    account = post.account
    return LinkPost(
        id=post.id,
        verdict=finding.verdict,
        risk=float(finding.risk),
        account=account,
        has_account_id=bool(post.author_id),
        author=post.author,
        platform=post.platform,
        site=post.site,
        posted_at=post.posted_at or post.captured_at,
        identifiers=identifiers,
        places=places,
        style=style,
        keys=join_keys(post),
    )
