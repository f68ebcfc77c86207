"""Fill a phrase's placeholders with rendered values and record their ground truth.

Each placeholder renderer returns *pieces*: ``(text, record)`` pairs where ``record`` is the
truth entry (identifier, price, child or place) whose ``raw`` is exactly that text, or None
for cue words and separators. ``render_phrase`` converts pieces to traditional script when the
post is written that way, so every recorded ``raw`` is a substring of the final post and its
``start``/``end`` are exact code-point offsets into the post's ``text`` or ``title``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

import opencc

from cradlewatch.scenario.obfuscate import (
    between,
    pick,
    render_bu,
    render_cny,
    render_cny_range,
    render_digits,
    render_landline,
    render_usd,
)
from cradlewatch.scenario.phrasebank import Phrase
from cradlewatch.scenario.world import Actor, Ident, PlaceName, Ring, Style, World

CHINA = timezone(timedelta(hours=8))
Record = tuple[str, dict[str, Any]]  # (truth list name, entry)
Piece = tuple[str, Record | None]

_S2T = opencc.OpenCC("s2t")


@lru_cache(maxsize=65536)
def to_traditional(text: str) -> str:
    """Simplified → traditional, cached; kept simplified if the length would change."""
    converted: str = _S2T.convert(text)
    return converted if len(converted) == len(text) else text


_CN_NUM = "零一二三四五六七八九"


def cn_int(number: int) -> str:
    """Chinese numerals for 0–99 as written in ages: 三, 十五, 二十三."""
    if number < 10:
        return _CN_NUM[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _CN_NUM[tens]) + "十" + (_CN_NUM[ones] if ones else "")


SEX_ZH: dict[str | None, tuple[str, ...]] = {
    "male": ("男宝", "男宝宝", "男婴", "男孩", "小男孩"),
    "female": ("女宝", "女宝宝", "女婴", "女孩", "小女孩"),
    None: ("宝宝",),
}
SEX_EN: dict[str | None, tuple[str, ...]] = {
    "male": ("baby boy", "son", "boy"),
    "female": ("baby girl", "daughter", "girl"),
    None: ("baby",),
}
SEX_EN_OLDER: dict[str | None, tuple[str, ...]] = {"male": ("son", "boy"), "female": ("daughter", "girl"), None: ("child",)}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


@dataclass(slots=True)
class ChildSpec:
    """The main child of a post: drawn once, rendered wherever ``{child}`` appears."""

    sex: str | None
    age_days: int | None
    unborn: bool = False
    due: datetime | None = None


@dataclass(slots=True)
class PostContext:
    """Everything one post's placeholders draw from, plus the truth collected so far."""

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


# ---- identifiers ---------------------------------------------------------------------------

def current(pool: list[Ident], ctx: PostContext) -> Ident:
    """Members change numbers over time: the pool entry current at the post's time."""
    if len(pool) == 1 or ctx.ring is None:
        return pool[0]
    span = max(ctx.ring.end - ctx.ring.start, 1)
    position = (ctx.posted.timestamp() - ctx.ring.start) / span
    return pool[min(len(pool) - 1, max(0, int(position * len(pool))))]


def _ident(ident: Ident, raw: str, hub: str | None = None, **extra: Any) -> Record:
    record: dict[str, Any] = {"kind": ident.kind, "value": ident.value, "raw": raw}
    if hub:
        record["hub"] = hub
    record.update(extra)
    return ("identifiers", record)


def phone_pieces(ctx: PostContext, ident: Ident, hub: str | None = None, cue: bool = False) -> list[Piece]:
    rng = ctx.rng
    if ident.area == "1":
        d = ident.digits
        raw = pick(rng, (f"({d[:3]}) {d[3:6]}-{d[6:]}", f"{d[:3]}-{d[3:6]}-{d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}"))
        return [(raw, _ident(ident, raw, hub))]
    style = pick(rng, ctx.style.digit_styles)
    if ident.area:
        raw = render_landline(ident.area, ident.digits, style, rng)
    else:
        raw = render_digits(ident.digits, style, rng)
    prefix = pick(rng, ("", "", "电话", "手机", "tel:", "☎")) if cue else ""
    return [(prefix, None), (raw, _ident(ident, raw, hub))]


def qq_pieces(ctx: PostContext, ident: Ident, hub: str | None = None, group: bool = False) -> list[Piece]:
    rng = ctx.rng
    cue = pick(rng, ctx.style.qq_cues) + (pick(rng, ("群", "群号", "群号")) if group else "")
    style = pick(rng, ctx.style.digit_styles)
    raw = render_digits(ident.value, "plain" if style in ("dash", "dots") else style, rng)
    return [(cue + pick(rng, ("", "：", ":", " ")), None), (raw, _ident(ident, raw, hub))]


def wechat_pieces(ctx: PostContext) -> list[Piece]:
    rng = ctx.rng
    actor = ctx.actor
    if actor.wechat_is_phone or not actor.wechats:
        phone = current(actor.phones, ctx)
        same = Ident("wechat", phone.value)
        cue = pick(rng, ("微信同号", "V同号", "同微", "vx同号"))
        return phone_pieces(ctx, phone)[1:] + [("（", None), (cue, _ident(same, cue, same_as="phone")), ("）", None)]
    ident = current(actor.wechats, ctx)
    raw = ident.value if rng.random() < 0.8 else ident.value.upper()
    cue = pick(rng, ctx.style.wechat_cues) + pick(rng, ("", "：", ":", " "))
    return [(cue, None), (raw, _ident(ident, raw))]


def email_pieces(ctx: PostContext) -> list[Piece]:
    if not ctx.actor.emails:
        return contact_pieces(ctx, allow_email=False)
    ident = ctx.actor.emails[0]
    raw = ident.value
    if ctx.rng.random() < 0.2:
        user, domain = raw.split("@")
        raw = f"{user} at {domain.replace('.', ' dot ')}"
    return [(raw, _ident(ident, raw))]


def advertised_ring(ctx: PostContext) -> Ring | None:
    """The ring whose groups and sites a post advertises; a shared broker uses both rings."""
    other = ctx.actor.other_ring
    if other and ctx.rng.random() < 0.35:
        return ctx.world.ring_by_id[other]
    return ctx.ring


def group_pieces(ctx: PostContext) -> list[Piece]:
    ring = advertised_ring(ctx)
    if ring is None or not ring.groups:
        return qq_pieces(ctx, current(ctx.actor.qqs, ctx)) if ctx.actor.qqs else contact_pieces(ctx)
    member = int(ctx.actor.id[1:])
    span = max(ring.end - ring.start, 1)
    epoch = int(4 * (ctx.posted.timestamp() - ring.start) / span)
    ident = ring.groups[(member * 7 + epoch) % len(ring.groups)]
    return qq_pieces(ctx, ident, group=True)


def url_pieces(ctx: PostContext) -> list[Piece]:
    ring = advertised_ring(ctx)
    if ring is None and ctx.site_url is not None:  # an agency's or a paper's own site
        raw = ctx.site_url.value.removeprefix("http://") if ctx.rng.random() < 0.5 else ctx.site_url.value
        return [(raw, _ident(ctx.site_url, raw))]
    if ring is None or not ring.urls:
        return contact_pieces(ctx)
    ident = pick(ctx.rng, ring.urls)
    raw = ident.value if ctx.rng.random() < 0.5 else ident.value.removeprefix("http://")
    return [(raw, _ident(ident, raw))]


def contact_pieces(ctx: PostContext, allow_email: bool = True) -> list[Piece]:
    """Any one of the actor's contacts, in the proportions sellers use them."""
    actor = ctx.actor
    roll = ctx.rng.random()
    if ctx.lang == "en":
        if actor.emails and allow_email and roll < 0.4:
            return email_pieces(ctx)
        return phone_pieces(ctx, current(actor.phones, ctx), cue=True)
    if roll < 0.35 and actor.qqs:
        return qq_pieces(ctx, current(actor.qqs, ctx))
    if roll < 0.65:
        return wechat_pieces(ctx)
    if roll < 0.72 and ctx.ring is not None and ctx.ring.groups:
        return group_pieces(ctx)
    if roll < 0.75 and actor.emails and allow_email:
        return email_pieces(ctx)
    return phone_pieces(ctx, current(actor.phones, ctx), cue=True)


def hub_pieces(ctx: PostContext, name: str) -> list[Piece]:
    ident = ctx.world.hubs[name]
    if ident.kind == "qq":
        return qq_pieces(ctx, ident, hub=name, group=True)
    return phone_pieces(ctx, ident, hub=name)


# ---- children, prices, places --------------------------------------------------------------

def _age_text_zh(rng: random.Random, days: int) -> str:
    def number(n: int) -> str:
        return cn_int(n) if rng.random() < 0.35 else str(n)

    if days == 30:
        return "满月"
    if days == 182:
        return "半岁"
    if days < 30:
        return f"出生{number(days)}天的"
    if days < 365:
        return f"{number(days // 30)}个月的"
    return f"{number(days // 365)}岁"


def child_pieces(ctx: PostContext, spec: ChildSpec) -> list[Piece]:
    rng = ctx.rng
    record: dict[str, Any] = {"sex": spec.sex, "age_days": spec.age_days}
    if ctx.lang == "en":
        days = spec.age_days
        noun = pick(rng, (SEX_EN_OLDER if days and days >= 365 else SEX_EN)[spec.sex])
        if spec.unborn:
            due = spec.due or ctx.posted
            raw = f"baby due in {MONTHS_EN[due.month - 1]}"
            record.update(sex=None, age_days=None, unborn=True)
        elif days is None or days < 7:
            raw, record["age_days"] = f"newborn {noun}", 0
        elif days < 30:
            raw, record["age_days"] = f"{days // 7} week old {noun}", days // 7 * 7
        elif days < 365:
            raw, record["age_days"] = f"{days // 30}-month-old {noun}", days // 30 * 30
        else:
            raw, record["age_days"] = f"{days // 365} year old {noun}", days // 365 * 365
    else:
        sex = pick(rng, SEX_ZH[spec.sex]) if spec.sex else "未知男女"
        if spec.unborn and spec.due is not None:
            raw = f"预产期{spec.due.month}月{spec.due.day}号，{sex}"
            record["unborn"] = True
        elif spec.unborn:
            raw = f"怀孕{cn_int(between(rng, 5, 8))}个月，{sex if spec.sex else '未知男女'}"
            record["unborn"] = True
        else:
            age = _age_text_zh(rng, spec.age_days or 0)
            raw = age + (sex if spec.sex else "宝宝")
    record["raw"] = raw
    return [(raw, ("children", record))]


def sex_pieces(ctx: PostContext, sex: str, slang: bool = False) -> list[Piece]:
    """A child named by sex only; ``slang`` uses the traffickers' 大货 (boy) / 小货 (girl)."""
    raw = ("大货" if sex == "male" else "小货") if slang else pick(ctx.rng, SEX_ZH[sex][:4])
    return [(raw, ("children", {"sex": sex, "age_days": None, "raw": raw}))]


def admin_pieces(ctx: PostContext) -> list[Piece]:
    """The ring's organiser (its first broker), whom members send buyers to."""
    ring = advertised_ring(ctx)
    brokers = [m for m in ring.members if m.role == "broker"] if ring is not None else []
    if not brokers:
        return contact_pieces(ctx)
    admin = brokers[0]
    if admin.wechats and not admin.wechat_is_phone:
        ident = current(admin.wechats, ctx)
        cue = pick(ctx.rng, ctx.style.wechat_cues) + pick(ctx.rng, ("", "：", ":"))
        return [(cue, None), (ident.value, _ident(ident, ident.value))]
    if admin.qqs:
        return qq_pieces(ctx, current(admin.qqs, ctx))
    return phone_pieces(ctx, current(admin.phones, ctx), cue=True)


def want_pieces(ctx: PostContext) -> list[Piece]:
    rng = ctx.rng
    sex = "male" if rng.random() < 0.65 else "female"
    if rng.random() < 0.3:
        return child_pieces(ctx, ChildSpec(sex, pick(rng, (30, 60, 90, 182, 365))))
    return sex_pieces(ctx, sex)


# A bare number ("营养费50000") is only a price right after a money word; elsewhere it gets a unit.
MONEY_CUES = ("营养费", "感谢费", "补偿", "补偿费", "送养费", "费用", "收费", "要价", "价格", "预算",
              "定金", "底价", "一口价", "全包价", "出")


def price_pieces(ctx: PostContext, amount: int, tier: bool = False) -> list[Piece]:
    if ctx.lang == "en":
        raw = render_usd(amount, ctx.rng)
        return [(raw, ("prices", {"amount": amount, "currency": "USD", "raw": raw}))]
    styles = ctx.style.price_styles
    style = pick(ctx.rng, styles)
    if style == "plain" and (tier or not ctx.money_cue):
        style = "wan"
    raw = render_cny(amount, style)
    return [(raw, ("prices", {"amount": amount, "currency": "CNY", "raw": raw}))]


def bu_pieces(ctx: PostContext, amount: int) -> list[Piece]:
    raw = render_bu(amount)
    return [(raw, ("prices", {"amount": amount, "currency": "CNY", "raw": raw, "coded": True}))]


def range_pieces(ctx: PostContext) -> list[Piece]:
    low = between(ctx.rng, 2, 8) * 10000
    high = low + between(ctx.rng, 1, 3) * 10000
    raw = render_cny_range(low, high)
    return [(raw, ("prices", {"amount": low, "currency": "CNY", "raw": raw, "upper": high}))]


def fee_pieces(ctx: PostContext, currency: str) -> list[Piece]:
    rng = ctx.rng
    amount = between(rng, 2, 16) * 25 if currency == "USD" else between(rng, 1, 10) * 50
    if currency == "USD":
        raw = f"${amount}"
    else:
        raw = pick(rng, (f"{amount}元", f"¥{amount}", f"{amount}块"))
    return [(raw, ("prices", {"amount": amount, "currency": currency, "raw": raw}))]


def place_pieces(ctx: PostContext, place: PlaceName) -> list[Piece]:
    roll = ctx.rng.random()
    city: str | None = place.city
    municipality = place.province == place.city  # 北京: province and city at once
    if municipality:
        raw = place.city_short if roll < 0.7 else place.city
    elif roll < 0.45:
        raw = place.city_short
    elif roll < 0.65:
        raw, city = place.province_short, None
    elif roll < 0.85:
        raw = place.province_short + place.city_short
    else:
        raw = place.province + place.city
    return [(raw, ("places", {"province": place.province, "city": city, "raw": raw}))]


def _home(ctx: PostContext) -> PlaceName:
    if ctx.actor.place is not None:
        return ctx.actor.place
    return pick(ctx.rng, ctx.world.places_buyer + ctx.world.places_source)


def _price_amount(ctx: PostContext) -> int:
    return ctx.price or between(ctx.rng, 3, 10) * 10000


def _tier(ctx: PostContext, sex: str) -> int:
    low, high = (5, 12) if sex == "male" else (2, 8)
    return between(ctx.rng, low, high) * 10000


_RENDERERS: dict[str, Callable[[PostContext], list[Piece]]] = {
    "child": lambda c: child_pieces(c, c.child) if c.child else sex_pieces(c, "male"),
    "boy": lambda c: sex_pieces(c, "male"),
    "boy_goods": lambda c: sex_pieces(c, "male", slang=True),
    "girl_goods": lambda c: sex_pieces(c, "female", slang=True),
    "admin": admin_pieces,
    "girl": lambda c: sex_pieces(c, "female"),
    "want": want_pieces,
    "price": lambda c: price_pieces(c, _price_amount(c)),
    "reward": lambda c: price_pieces(c, _price_amount(c)),
    "usd": lambda c: price_pieces(c, c.price or 3000),
    "price_boy": lambda c: price_pieces(c, _tier(c, "male"), tier=True),
    "price_girl": lambda c: price_pieces(c, _tier(c, "female"), tier=True),
    "range": range_pieces,
    "bu": lambda c: bu_pieces(c, _price_amount(c)),
    "bu_boy": lambda c: bu_pieces(c, _tier(c, "male")),
    "fee": lambda c: fee_pieces(c, "CNY"),
    "usd_fee": lambda c: fee_pieces(c, "USD"),
    "place": lambda c: place_pieces(c, _home(c)),
    "place2": lambda c: place_pieces(c, pick(c.rng, c.world.places_buyer)),
    "contact": contact_pieces,
    "qq": lambda c: qq_pieces(c, current(c.actor.qqs, c)) if c.actor.qqs else contact_pieces(c),
    "wechat": lambda c: wechat_pieces(c) if c.lang == "zh" else contact_pieces(c),
    "phone": lambda c: phone_pieces(c, current(c.actor.phones, c)),
    "email": email_pieces,
    "group": group_pieces,
    "url": url_pieces,
    "site": lambda c: [(c.site, None)],
    "pet": lambda c: [(pick(c.rng, c.pets), None)],
}
for _hub in ("hotline", "police", "hospital", "pet_group", "welfare_group"):
    _RENDERERS[_hub] = lambda c, name=_hub: hub_pieces(c, name)  # type: ignore[misc]
_RENDERERS["scam_line"] = lambda c: hub_pieces(c, "en_scam_line")


def render_phrase(ctx: PostContext, phrase: Phrase) -> tuple[str, list[Record]]:
    """One sentence: its text and its truth records with offsets relative to the sentence."""
    out: list[str] = []
    records: list[Record] = []
    length = 0
    ctx.money_cue = False
    for index, part in enumerate(phrase):
        if index % 2 == 0:
            if not part:
                continue
            if ctx.typo is not None and ctx.typo[0] in part:
                part = part.replace(*ctx.typo)
            ctx.money_cue = part.endswith(MONEY_CUES)
            if ctx.traditional:
                part = to_traditional(part)
            out.append(part)
            length += len(part)
            continue
        for text, record in _RENDERERS[part](ctx):
            if ctx.traditional:
                text = to_traditional(text)
            if record is not None:
                entry = record[1]
                entry["raw"] = text
                entry["field"] = ctx.target
                entry["start"] = length
                entry["end"] = length + len(text)
                records.append(record)
            out.append(text)
            length += len(text)
    return "".join(out), records
