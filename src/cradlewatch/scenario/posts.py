"""Generate the synthetic corpus of posts with one ground-truth record per post.

``generate_posts(seed, size, templates)`` yields ``(post, truth)`` dicts: the post follows
CONTRACTS §1, the truth states the label (verdict, category, hard negative), who is behind the
post (ring, actor) and exactly which identifiers, prices, children and places the text contains
(value first, then an obfuscated rendering, so extractors can be scored by F1). The same seed
always gives the same bytes; ``templates`` picks the train or held-out half of every phrase bank.
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect
from collections import deque
from collections.abc import Iterator
from datetime import datetime
from itertools import accumulate
from typing import Any

from cradlewatch.scenario.context import CHINA, ChildSpec, PostContext
from cradlewatch.scenario.obfuscate import between, pick
from cradlewatch.scenario.phrasebank import (
    Category,
    Phrase,
    categories,
    phrase_bank,
    recipes,
    variants,
)
from cradlewatch.scenario.render import render_phrase, to_traditional
from cradlewatch.scenario.world import (
    EN_PLATFORMS,
    WINDOW_END,
    WINDOW_START,
    ZH_PLATFORMS,
    Account,
    Actor,
    Ident,
    Ring,
    Style,
    World,
    build_world,
    make_actor,
    world_data,
)

THREAD_PLATFORMS = frozenset({"tieba", "forum", "website", "qq_group", "facebook"})
TITLE_PLATFORMS = frozenset({"tieba", "forum", "website", "weibo", "facebook", "craigslist"})
REPLY_RATE = 0.25  # share of ring supply posts that draw demand bids in their thread
FOOTER_RATE = 0.35  # share of organised rings' posts that advertise the ring's group, admin or site


class PostGenerator:
    """Holds the world and the phrase banks; ``next_pair`` makes one (post, truth)."""

    def __init__(self, seed: int, size: int, templates: str = "train",
                 start: int = WINDOW_START, end: int = WINDOW_END) -> None:
        self.seed = seed
        self.size = size
        self.templates = templates
        self.bank = phrase_bank(templates)
        self.rng = random.Random(f"posts:{seed}")
        self.start, self.end = start, end
        self.world: World = build_world(seed, size, start, end)
        self.categories: tuple[Category, ...] = categories()
        self.cum_weights = list(accumulate(c.weight for c in self.categories))
        self.demand = next(c for c in self.categories if c.name == "demand")
        data = recipes()
        self.separators = {"zh": tuple(data["separators_zh"]), "en": tuple(data["separators_en"])}
        self.pets = {"zh": tuple(data["pets_zh"]), "en": tuple(data["pets_en"])}
        self.homophones = tuple(data["homophones"].items())
        big_site = world_data()["big_network"]["site"]
        others = [name for name, _ in world_data()["ring_sites"]]
        self.site_names = [big_site] * len(others) + others  # news name the big network half the time
        self._index_rings()
        self.benign_style = Style(
            digit_styles=("plain", "plain", "split", "dash"), price_styles=("wan", "yuan", "cn"),
            qq_cues=("QQ", "qq", "Q"), wechat_cues=("微信", "微信号", "vx"), emoji=("😊", "🙏", "❤️"),
            signature="", traditional=0.03, emoji_rate=0.15, typo_rate=0.0, favourite_key=0)
        self.en_benign_style = Style(
            digit_styles=("plain", "dash"), price_styles=("yuan",), qq_cues=("QQ",),
            wechat_cues=("WeChat",), emoji=("🙂", "🐾", "❤️"), signature="", traditional=0.0,
            emoji_rate=0.1, typo_rate=0.0, favourite_key=0)
        self.benign_pool = max(50, size // 20)  # benign posters post again and again
        self.benign_actors: dict[int, Actor] = {}
        self.actor_base = sum(len(r.members) for r in self.world.rings)
        self.favourites: dict[tuple[int, str, str], tuple[Phrase, ...]] = {}
        self.width = max(6, len(str(max(size - 1, 0))))
        self.replies: deque[tuple[dict[str, Any], Ring, int]] = deque()

    # ---- actors ----------------------------------------------------------------------------

    def _index_rings(self) -> None:
        """Cumulative activity weights of rings per (language, role), lone actors apart."""
        self.by_role: dict[tuple[str, str, bool], tuple[list[Ring], list[float]]] = {}
        for lang in ("zh", "en"):
            for role in ("seller", "buyer", "broker", "papers"):
                for single in (False, True):
                    rings = [r for r in self.world.rings if r.lang == lang
                             and (r.kind == "single") == single
                             and any(m.role == role for m in r.members)]
                    if not rings:
                        rings = [r for r in self.world.rings if r.lang == lang and (r.kind == "single") == single]
                    weights = list(accumulate(r.activity for r in rings))
                    self.by_role[(lang, role, single)] = (rings, weights)

    def _ring_actor(self, lang: str, role: str) -> tuple[Ring, Actor]:
        rng = self.rng
        single = rng.random() < (0.15 if role != "broker" else 0.08)
        if role == "papers" and lang == "en":
            role = "seller"
        rings, weights = self.by_role[(lang, role, single)]
        ring = rings[bisect(weights, rng.random() * weights[-1])] if len(rings) > 1 else rings[0]
        members = [m for m in ring.members if m.role == role] or ring.members
        # A few members post far more than the rest (Zipf-like activity within a ring).
        index = min(int(len(members) * rng.random() ** 2), len(members) - 1)
        return ring, members[index]

    def _benign_actor(self, lang: str) -> Actor:
        index = min(int(self.benign_pool * self.rng.random() ** 1.5), self.benign_pool - 1)
        key = index * 2 + (lang == "en")
        actor = self.benign_actors.get(key)
        if actor is None:
            rng = self.rng  # created on first use, in a deterministic order
            place = pick(rng, self.world.places_buyer + self.world.places_source) if lang == "zh" else None
            sites = world_data()["en_benign_sites" if lang == "en" else "benign_sites"]
            platforms = EN_PLATFORMS if lang == "en" else ZH_PLATFORMS
            actor_id = f"A{self.actor_base + key + 1:05d}"
            actor = make_actor(rng, actor_id, None, "benign", lang, place, sites, platforms)
            self.benign_actors[key] = actor
        return actor

    # ---- drawing values ---------------------------------------------------------------------

    def _child(self, mode: str, posted: datetime) -> ChildSpec | None:
        rng = self.rng
        if mode == "none" or mode == "want":
            return None
        roll = rng.random()
        sex = "male" if roll < 0.5 else "female" if roll < 0.9 else None
        if mode in ("sell", "born"):
            if mode == "sell" and rng.random() < 0.15:
                days = between(rng, 10, 150)
                due = datetime.fromtimestamp(posted.timestamp() + days * 86400, CHINA)
                known = rng.random() < 0.7
                return ChildSpec(sex if rng.random() < 0.5 else None, -days if known else None,
                                 unborn=True, due=due if known else None)
            age = pick(rng, (between(rng, 3, 29), 30, 30, between(rng, 2, 11) * 30, 182, between(rng, 1, 3) * 365))
            return ChildSpec(sex, age)
        if mode == "own":
            return ChildSpec(sex or "male", pick(rng, (between(rng, 3, 29), 30, between(rng, 2, 11) * 30, 182)))
        if mode == "missing":
            return ChildSpec(sex or "male", between(rng, 1, 8) * 365)
        return ChildSpec(sex or "female", between(rng, 2, 14) * 365)  # rehome: older children

    def _price(self, mode: str, child: ChildSpec | None) -> int:
        rng = self.rng
        if mode == "child":
            sex = child.sex if child else None
            low, high = (6, 24) if sex == "male" else (2, 12) if sex == "female" else (6, 16)
            amount = between(rng, low, high) * 5000
            return amount + (between(rng, 1, 4) * 1000 if rng.random() < 0.15 else 0)
        if mode == "demand":
            return between(rng, 3, 15) * 10000
        if mode == "papers":
            return between(rng, 3, 20) * 1000
        if mode == "reward":
            return between(rng, 1, 20) * 10000
        if mode == "surrogacy":
            return between(rng, 20, 60) * 10000
        if mode == "usd":
            return pick(rng, (500, 800, 1000, 1500, 2000, 3000, 5000, 8000, 10000, 15000))
        return 0

    def _phrase(self, category: str, slot: str, ring: Ring | None) -> Phrase:
        """A phrase for a slot, biased towards the ring's favourite phrasings (its habits)."""
        phrases = self.bank[(category, slot)]
        if ring is None or len(phrases) < 3 or self.rng.random() < 0.3:
            return phrases[int(self.rng.random() * len(phrases))]
        key = (ring.style.favourite_key, category, slot)
        favourites = self.favourites.get(key)
        if favourites is None:
            salt = ring.style.favourite_key
            favourites = tuple(p for i, p in enumerate(phrases) if (i * 2654435761 + salt) % 5 < 2) or phrases
            self.favourites[key] = favourites
        return favourites[int(self.rng.random() * len(favourites))]

    # ---- composing a post -----------------------------------------------------------------

    def _compose(self, category: str, slots: list[str], ctx: PostContext,
                 shuffle: bool) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
        rng = self.rng
        if shuffle and len(slots) > 3:
            middle = slots[1:-1]
            rng.shuffle(middle)
            slots = [slots[0], *middle, slots[-1]]
        separators = self.separators[ctx.lang]
        separator = pick(rng, separators)
        parts: list[str] = []
        records: list[tuple[str, dict[str, Any]]] = []
        length = 0
        style = ctx.style
        used: set[Phrase] = set()
        for slot in slots:
            if slot == "child" and ctx.child is not None and ctx.child.unborn:
                slot = "child_unborn"  # phrasings that make sense before the birth
            phrase = self._phrase(category, slot, ctx.ring)
            if phrase in used:
                continue
            used.add(phrase)
            sentence, found = render_phrase(ctx, phrase)
            if not sentence:
                continue
            if parts:
                if rng.random() < 0.15:
                    separator = pick(rng, separators)
                if rng.random() < style.emoji_rate * 0.3:  # an emoji between sentences
                    parts.append(pick(rng, style.emoji))
                    length += len(parts[-1])
                parts.append(separator)
                length += len(separator)
            for _, entry in found:
                entry["start"] += length
                entry["end"] += length
            records.extend(found)
            parts.append(sentence)
            length += len(sentence)
        ring = ctx.ring
        if ring is not None and ring.kind != "single" and rng.random() < FOOTER_RATE:
            footer, found = render_phrase(ctx, self._phrase("en_ring" if ctx.lang == "en" else "ring", "footer", ring))
            separator = pick(rng, separators)
            for _, entry in found:
                entry["start"] += length + len(separator)
                entry["end"] += length + len(separator)
            records.extend(found)
            parts.extend((separator, footer))
            length += len(separator) + len(footer)
        if rng.random() < style.emoji_rate:
            parts.append(pick(rng, style.emoji) * between(rng, 1, 3))
        elif ctx.lang == "zh" and rng.random() < 0.3:
            parts.append(pick(rng, ("。", "！", "！！", "~", "……")))
        if style.signature and rng.random() < 0.3:
            signature = f"\n——{style.signature}"
            parts.append(to_traditional(signature) if ctx.traditional else signature)
        return "".join(parts), records

    def _title(self, category: str, ctx: PostContext) -> tuple[str | None, list[tuple[str, dict[str, Any]]]]:
        if (category, "title") not in self.bank or self.rng.random() < 0.3:
            return None, []
        ctx.target = "title"
        phrase = self._phrase(category, "title", ctx.ring)
        if ctx.child is not None and ctx.child.unborn and "child" in phrase:
            phrase = (phrase[0],)  # a due date reads badly in a title: keep its plain opening
        title, records = render_phrase(ctx, phrase)
        ctx.target = "text"
        if ctx.lang == "en" and title[:1].islower():  # a title starting with "{child}"
            title = title[0].upper() + title[1:]
            for _, entry in records:
                entry["raw"] = title[entry["start"]:entry["end"]]
        return title, records

    def _draw(self) -> tuple[Category, Ring | None, Actor]:
        rng = self.rng
        category = self.categories[bisect(self.cum_weights, rng.random() * self.cum_weights[-1])]
        if category.role == "benign":
            return category, None, self._benign_actor(category.lang)
        ring, actor = self._ring_actor(category.lang, category.role)
        return category, ring, actor

    def _time(self, ring: Ring | None) -> int:
        low, high = (ring.start, ring.end) if ring is not None else (self.start, self.end)
        return between(self.rng, low, high)

    def next_pair(self, index: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """The post and truth number ``index`` (call with 0, 1, 2, … in order)."""
        rng = self.rng
        parent: dict[str, Any] | None = None
        if self.replies:
            parent, parent_ring, left = self.replies.popleft()
            if left > 1:
                self.replies.appendleft((parent, parent_ring, left - 1))
            category = self.demand
            buyers = [m for m in parent_ring.members if m.role == "buyer"]
            if buyers and rng.random() < 0.75:
                ring: Ring | None = parent_ring
                actor = pick(rng, buyers)
            else:
                # Lone buyers follow one ring's threads each (they do not chain rings together).
                singles, _ = self.by_role[("zh", "buyer", True)]
                number = int(parent_ring.id[1:])
                followers = singles[number % len(singles)::max(1, len(self.world.rings) // 4)]
                ring = followers[int(rng.random() * len(followers))]
                actor = ring.members[0]
            variant = variants("reply")[0]
            posted = parent["_t"] + between(rng, 300, 3 * 86400)
        else:
            category, ring, actor = self._draw()
            variant = pick(rng, variants(category.name))
            posted = self._time(ring)
        account = pick(rng, actor.accounts)
        if parent is not None:
            account = Account(parent["platform"], account.author_id, account.author, parent.get("site"))
        style = ring.style if ring is not None else (self.en_benign_style if category.lang == "en" else self.benign_style)
        when = datetime.fromtimestamp(posted, CHINA)
        child = self._child(category.child, when)
        ctx = PostContext(
            rng=rng, world=self.world, actor=actor, ring=ring, style=style, lang=category.lang,
            posted=when, child=child, price=self._price(category.price, child),
            traditional=category.lang == "zh" and rng.random() < style.traditional,
            pets=self.pets[category.lang], site=self._site(ring),
            typo=pick(rng, self.homophones) if style.typo_rate and rng.random() < style.typo_rate else None,
            site_url=self._site_url(account, actor) if ring is None else None,
        )
        slots = [slot for slot, prob in variant.slots if rng.random() < prob] or [variant.slots[0][0]]
        bank_category = "demand" if parent is not None else category.name
        title, title_records = (None, []) if parent is not None or account.platform not in TITLE_PLATFORMS \
            else self._title(bank_category, ctx)
        text, records = self._compose(bank_category, slots, ctx, variant.shuffle)
        post_id = f"p{index:0{self.width}d}"
        post = self._post(post_id, index, text, title, account, actor, ring, category.name, posted, parent)
        truth = self._truth(post_id, category, ring, actor, title_records + records, variant.template)
        if parent is not None:
            truth["reply_to"] = parent["id"]
        if (parent is None and category.name == "supply" and ring is not None and ring.kind != "single"
                and account.platform in THREAD_PLATFORMS and rng.random() < REPLY_RATE):
            self.replies.append(({**post, "_t": posted}, ring, between(rng, 1, 3)))
        return post, truth

    def _site_url(self, account: Account, actor: Actor) -> Ident | None:
        """A benign organisation's web address, derived from its (English) site name."""
        if actor.lang != "en":
            return None
        sites = world_data()["en_benign_sites"]
        site = account.site or sites[int(actor.id[1:]) % len(sites)]
        slug = "".join(ch for ch in site.lower() if ch.isalnum())
        return Ident("url", f"http://www.{slug}.example/info")

    def _site(self, ring: Ring | None) -> str:
        """The site a post names in its text: its ring's, or (news) any ring's."""
        if ring is not None and ring.sites:
            return ring.sites[0][0]
        return pick(self.rng, self.site_names)

    def _post(self, post_id: str, index: int, text: str, title: str | None, account: Account,
              actor: Actor, ring: Ring | None, category: str, posted: int,
              parent: dict[str, Any] | None) -> dict[str, Any]:
        rng = self.rng
        post: dict[str, Any] = {"id": post_id, "text": text}
        if title:
            post["title"] = title
        url = _url(account, ring, rng)
        if url:
            post["url"] = url
        post["platform"] = account.platform
        if account.site:
            post["site"] = account.site
        post["author"] = account.author
        post["author_id"] = account.author_id
        post["posted_at"] = datetime.fromtimestamp(posted, CHINA).isoformat()
        captured = posted + between(rng, 3600, 90 * 86400)
        post["captured_at"] = datetime.fromtimestamp(captured, CHINA).isoformat()
        post["lang"] = actor.lang
        post["thread_id"] = parent["thread_id"] if parent is not None else f"t{index:0{self.width}d}"
        if category in IMAGE_RATES and rng.random() < IMAGE_RATES[category]:
            post["images"] = self._images(post_id, actor, ring)
        return post

    def _images(self, post_id: str, actor: Actor, ring: Ring | None) -> list[dict[str, str]]:
        """Photos by hash: a ring member reuses the same few baby photos across posts."""
        host = f"img.{ring.sites[0][1]}" if ring is not None and ring.sites else "img.photos.example"
        owner = actor.id if ring is not None else post_id
        images = []
        for k in range(between(self.rng, 1, 3)):
            digest = hashlib.sha256(f"{self.seed}:{owner}:{between(self.rng, 0, 2) if ring else k}".encode()).hexdigest()
            images.append({"url": f"http://{host}/{digest[:16]}.jpg", "sha256": digest})
        return images

    def _truth(self, post_id: str, category: Category, ring: Ring | None, actor: Actor,
               records: list[tuple[str, dict[str, Any]]], template: str) -> dict[str, Any]:
        truth: dict[str, Any] = {
            "id": post_id, "verdict": category.verdict, "category": category.name,
            "hard_negative": category.hard_negative,
            "ring": ring.id if ring is not None and category.verdict != "benign" else None,
            "actor": actor.id, "identifiers": [], "prices": [], "children": [], "places": [],
            "template": template, "lang": category.lang, "split": self.templates,
        }
        for name, entry in records:
            truth[name].append(entry)
        if actor.other_ring and truth["ring"]:
            truth["other_ring"] = actor.other_ring
        return truth


IMAGE_RATES = {"supply": 0.3, "broker": 0.25, "missing_child": 0.6, "pet": 0.5, "parenting": 0.2,
               "en_rehoming": 0.4, "en_baby_sale": 0.3, "en_pet": 0.5}


def _url(account: Account, ring: Ring | None, rng: random.Random) -> str | None:
    """Where the post was captured: platform-shaped URLs with synthetic ids."""
    platform = account.platform
    number = between(rng, 10_000_000, 3_999_999_999)
    if platform == "tieba":
        return f"http://tieba.baidu.com/p/{number}"
    if platform in ("forum", "website"):
        domain = ring.sites[0][1] if ring is not None and ring.sites else "bbs.local-forum.example"
        return f"http://www.{domain}/thread-{number}-1-1.html" if not domain.startswith("tieba") else \
            f"http://tieba.baidu.com/p/{number}"
    if platform == "weibo":
        return f"http://weibo.com/{account.author_id}/{number:x}"
    if platform == "xiaohongshu":
        return f"https://www.xiaohongshu.com/explore/{number:x}"
    if platform == "facebook":
        return f"https://www.facebook.com/groups/{number % 100000}/posts/{number}"
    if platform == "craigslist":
        return f"https://craigslist.org/post/{number}.html"
    return None


def generate_posts(seed: int, size: int, templates: str = "train",
                   start: int = WINDOW_START, end: int = WINDOW_END) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Yield ``size`` (post, truth) pairs, deterministic for ``seed``.

    ``templates`` is ``train``, ``heldout`` or ``all`` (both halves of every phrase bank);
    ``start``/``end`` bound ``posted_at`` as Unix times (default 2013-01-01 .. 2014-02-19, +08:00).
    """
    generator = PostGenerator(seed, size, templates, start, end)
    for index in range(size):
        yield generator.next_pair(index)
