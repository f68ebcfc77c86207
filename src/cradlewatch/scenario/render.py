"""Fill a phrase's placeholders with rendered values and record their ground truth.

Children, prices and places are rendered here, contacts in ``contacts.py``. ``render_phrase``
converts pieces to traditional script when the post is written that way, so every recorded
``raw`` is a substring of the final post and its ``start``/``end`` are exact code-point offsets
into the post's ``text`` or ``title``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import opencc

from cradlewatch.scenario.contacts import (
    admin_pieces,
    contact_pieces,
    email_pieces,
    group_pieces,
    hub_pieces,
    phone_pieces,
    qq_pieces,
    url_pieces,
    wechat_pieces,
)
from cradlewatch.scenario.context import ChildSpec, Piece, PostContext, Record, current
from cradlewatch.scenario.obfuscate import (
    between,
    pick,
    render_bu,
    render_cny,
    render_cny_range,
    render_usd,
)
from cradlewatch.scenario.phrasebank import Phrase
from cradlewatch.scenario.world import PlaceName

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
