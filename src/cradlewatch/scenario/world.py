"""The synthetic world behind the posts: rings, their members, accounts and identifiers.

Modelled on the 2014 case (DOMAIN.md §0–1): one big network with regional sub-groups (like
圆梦之家), mid-size rings, small rings of two to four people, and lone sellers and buyers (rings
of one). Every ring has its own habits (favourite phrasings, digit obfuscation, contact cues,
signature, emoji, traditional script), members rotate phone numbers over time, a few brokers
work for two rings at once, and public hub numbers appear in unrelated posts. These are what
make linking hard (issue "Link" item 7), so they are explicit, documented parameters here.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import phonenumbers
import yaml

from cradlewatch.scenario.obfuscate import DIGIT_STYLES, PRICE_STYLES, between, pick

# The default time window: from January 2013 to the coordinated arrests of 19 February 2014.
WINDOW_START = 1356969600  # 2013-01-01T00:00:00+08:00 as a Unix time
WINDOW_END = 1392739200  # 2014-02-19T00:00:00+08:00

ZH_PLATFORMS = ("tieba", "qq_group", "wechat", "weibo", "forum", "website", "xiaohongshu")
EN_PLATFORMS = ("facebook", "craigslist", "forum")


@cache
def world_data() -> dict[str, Any]:
    """The editable vocabulary of the world (``world.yaml``), loaded once."""
    path = Path(__file__).with_name("world.yaml")
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A place as the truth records it (official names) plus its short written forms."""

    province: str
    city: str
    province_short: str
    city_short: str


@dataclass(frozen=True, slots=True)
class Ident:
    """One true identifier value, normalised as in CONTRACTS §2."""

    kind: str  # phone | qq | wechat | email | url
    value: str
    digits: str = ""  # national digits for phones (what is rendered), else ""
    area: str = ""  # landline area code, "" for mobiles


@dataclass(slots=True)
class Style:
    """A ring's writing habits; its members share them in both template splits."""

    digit_styles: tuple[str, ...]
    price_styles: tuple[str, ...]
    qq_cues: tuple[str, ...]
    wechat_cues: tuple[str, ...]
    emoji: tuple[str, ...]
    signature: str
    traditional: float  # probability that a post is written in traditional characters
    emoji_rate: float
    typo_rate: float
    favourite_key: int  # selects the ring's preferred phrasings in every phrase bank


@dataclass(slots=True)
class Account:
    platform: str
    author_id: str
    author: str
    site: str | None


@dataclass(slots=True)
class Actor:
    """A person behind one or more accounts: ring member, lone actor, or benign poster."""

    id: str
    ring: str | None
    role: str
    lang: str
    place: PlaceName | None
    accounts: list[Account]
    phones: list[Ident] = field(default_factory=list)  # rotated over time, oldest first
    qqs: list[Ident] = field(default_factory=list)
    wechats: list[Ident] = field(default_factory=list)
    emails: list[Ident] = field(default_factory=list)
    wechat_is_phone: bool = False  # writes "微信同号"
    other_ring: str | None = None  # a broker who also works for this ring


@dataclass(slots=True)
class Ring:
    """A trafficking ring (or a lone actor: a ring of one)."""

    id: str
    kind: str  # big | mid | small | single | en
    lang: str
    sites: list[tuple[str, str]]  # (site name, domain)
    groups: list[Ident]  # rotating QQ groups (zh) of the ring
    urls: list[Ident]
    style: Style
    start: int
    end: int
    members: list[Actor] = field(default_factory=list)
    activity: float = 1.0


@dataclass(slots=True)
class World:
    rings: list[Ring]
    hubs: dict[str, Ident]
    places_source: list[PlaceName]
    places_buyer: list[PlaceName]
    ring_by_id: dict[str, Ring] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ring_by_id = {ring.id: ring for ring in self.rings}


def _places(group: dict[str, list[str]]) -> list[PlaceName]:
    shorts: dict[str, str] = world_data()["province_short"]
    out = []
    for province, cities in group.items():
        pshort = shorts.get(province, province.removesuffix("省"))
        for city in cities:
            out.append(PlaceName(province, city, pshort, city.removesuffix("市")))
    return out


def _e164(digits: str) -> str:
    number = phonenumbers.parse(digits, "CN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def new_mobile(rng: random.Random) -> Ident:
    """A valid-format Chinese mobile number (prefixes listed in world.yaml)."""
    prefix = pick(rng, world_data()["cn_mobile_prefixes"])
    digits = prefix + f"{int(rng.random() * 100_000_000):08d}"
    return Ident("phone", "+86" + digits, digits)


def new_us_phone(rng: random.Random) -> Ident:
    """A valid-format US number; exchanges start at 2 as the numbering plan requires."""
    area = pick(rng, world_data()["us_area_codes"])
    local = str(between(rng, 200, 999)) + f"{between(rng, 0, 9999):04d}"
    return Ident("phone", "+1" + area + local, area + local, area="1")


def new_qq(rng: random.Random, low: int = 6, high: int = 10) -> Ident:
    length = between(rng, low, high)
    digits = str(between(rng, 10 ** (length - 1), 10**length - 1))
    return Ident("qq", digits)


def new_wechat(rng: random.Random) -> Ident:
    syllables = world_data()["pinyin_syllables"]
    head = "".join(pick(rng, syllables) for _ in range(between(rng, 1, 3)))
    tail = pick(rng, ("", "_", "-", "")) + str(between(rng, 1, 9999))
    return Ident("wechat", (head + tail).ljust(6, "8")[:20])


def new_email(rng: random.Random, lang: str) -> Ident:
    data = world_data()
    if lang == "en":
        user = f"{pick(rng, data['en_first_names'])}.{pick(rng, data['en_surnames'])}"
        user += str(between(rng, 1, 99))
        domain = pick(rng, data["email_domains"])
    else:
        user = "".join(pick(rng, data["pinyin_syllables"]) for _ in range(2))
        user += str(between(rng, 10, 9999))
        domain = pick(rng, data["cn_email_domains"])
    return Ident("email", f"{user}@{domain}")


def _hubs() -> dict[str, Ident]:
    hubs: dict[str, Ident] = {}
    for name, spec in world_data()["hubs"].items():
        if spec["kind"] == "qq":
            hubs[name] = Ident("qq", spec["value"])
            continue
        local = spec["local"].replace(" ", "")
        if spec["area"] == "1":
            hubs[name] = Ident("phone", "+1" + local, local, area="1")
        else:
            national = spec["area"] + local
            hubs[name] = Ident("phone", _e164(national), local, area=spec["area"])
    return hubs


def _style(rng: random.Random, lang: str, motto: str) -> Style:
    data = world_data()
    digit_styles = tuple(rng.sample(DIGIT_STYLES, between(rng, 1, 3)))
    if lang == "en":
        digit_styles = tuple(s for s in digit_styles if s in ("plain", "split", "dash", "dots"))
        digit_styles = digit_styles or ("dash",)
    return Style(
        digit_styles=digit_styles,
        price_styles=tuple(rng.sample(PRICE_STYLES, between(rng, 1, 3))),
        qq_cues=tuple(rng.sample(("QQ", "qq", "Q", "扣扣", "企鹅", "口口", "扣", "球球"), 2)),
        wechat_cues=tuple(rng.sample(("微信", "V", "vx", "wx", "薇", "威信", "卫星", "加V", "v信"), 2)),
        emoji=tuple(pick(rng, data["emoji_sets"])),
        signature=motto,
        traditional=pick(rng, (0.0, 0.0, 0.0, 0.05, 0.6)),
        emoji_rate=pick(rng, (0.05, 0.3, 0.7)),
        typo_rate=pick(rng, (0.0, 0.05, 0.15)),
        favourite_key=rng.randrange(1 << 30),
    )


def _nickname(rng: random.Random, role: str, place: PlaceName | None, lang: str) -> str:
    data = world_data()
    if lang == "en":
        return f"{pick(rng, data['en_first_names']).title()} {pick(rng, data['en_surnames']).title()[0]}."
    if place is not None and role in ("seller", "buyer") and rng.random() < 0.5:
        verb = "送" if role == "seller" else "领"
        sex = pick(rng, ("男宝", "女宝", "宝")) if role == "buyer" else pick(rng, ("男宝", "女宝"))
        return f"{place.province_short}-{verb}{sex}"
    return pick(rng, data["nickname_words"]) + pick(rng, data["nickname_tails"])


def _author_id(rng: random.Random, platform: str, qq: Ident | None) -> str:
    syllables = world_data()["pinyin_syllables"]
    if platform == "qq_group" and qq is not None:
        return qq.value
    if platform == "tieba":
        return "".join(pick(rng, syllables) for _ in range(2)) + str(between(rng, 1, 999))
    if platform == "wechat":
        return "wxid_" + "".join(pick(rng, "abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(14))
    if platform in ("weibo", "xiaohongshu"):
        return str(between(rng, 1_000_000_000, 9_999_999_999))
    if platform == "facebook":
        return "fb." + str(between(rng, 100_000_000_000, 999_999_999_999))
    if platform == "craigslist":
        return "cl-" + "".join(pick(rng, "0123456789abcdef") for _ in range(10))
    return "u" + str(between(rng, 10_000, 9_999_999))


def make_actor(
    rng: random.Random, actor_id: str, ring: Ring | None, role: str, lang: str,
    place: PlaceName | None, sites: list[str], platforms: tuple[str, ...],
) -> Actor:
    """An actor with 1–3 accounts and a pool of identifiers rotated over time."""
    actor = Actor(actor_id, ring.id if ring else None, role, lang, place, [])
    if lang == "en":
        actor.phones = [new_us_phone(rng) for _ in range(pick(rng, (1, 1, 2)))]
        actor.emails = [new_email(rng, "en")]
    else:
        actor.phones = [new_mobile(rng) for _ in range(pick(rng, (1, 1, 2, 3)))]
        actor.qqs = [new_qq(rng) for _ in range(pick(rng, (1, 1, 2)))]
        if rng.random() < 0.3:
            actor.wechat_is_phone = True
        else:
            actor.wechats = [new_wechat(rng) for _ in range(pick(rng, (1, 1, 2)))]
        if rng.random() < 0.15:
            actor.emails = [new_email(rng, "zh")]
    nickname = _nickname(rng, role, place, lang)
    chosen = rng.sample(platforms, min(len(platforms), pick(rng, (1, 1, 2, 3))))
    for platform in chosen:
        site = pick(rng, sites) if sites and platform in ("forum", "website", "qq_group", "tieba", "facebook") else None
        qq = actor.qqs[0] if actor.qqs else None
        author = nickname if rng.random() < 0.8 else _nickname(rng, role, place, lang)
        actor.accounts.append(Account(platform, _author_id(rng, platform, qq), author, site))
    return actor


def _ring_sizes(size: int) -> tuple[int, int, int, int]:
    """(mid rings, small rings, lone actors, English rings), growing sub-linearly with size."""
    units = max(size, 1000) / 20000
    mid = 3 + round(4 * units**0.8)
    small = 5 + round(10 * units**0.8)
    single = 20 + round(size * 0.17 * 0.15 / 1.8)
    english = 2 + round(units**0.5)
    return mid, small, single, english


def build_world(seed: int, size: int, start: int = WINDOW_START, end: int = WINDOW_END) -> World:
    """Draw rings, members, sites, styles and hubs for a corpus of ``size`` posts."""
    rng = random.Random(f"world:{seed}")
    data = world_data()
    source = _places(data["places"]["source"])
    buyer = _places(data["places"]["buyer"])
    mid, small, single, english = _ring_sizes(size)
    rings: list[Ring] = []
    counters = {"ring": 0, "single": 0, "actor": 0}
    span = end - start

    def window() -> tuple[int, int]:
        length = int(span * rng.uniform(0.3, 1.0))
        begin = start + between(rng, 0, span - length)
        return begin, begin + length

    def add_ring(kind: str, lang: str, sites: list[tuple[str, str]], members: int, activity: float) -> Ring:
        counter = "single" if kind == "single" else "ring"
        counters[counter] += 1
        ring_id = f"S{counters[counter]:05d}" if kind == "single" else f"G{counters[counter]:03d}"
        mottos = data["en_mottos"] if lang == "en" else data["mottos"]
        begin, finish = (start, end) if kind == "big" else window()
        groups = [new_qq(rng, 8, 10) for _ in range(0 if lang == "en" else _group_count(kind, rng))]
        domains = list(dict.fromkeys(domain for _, domain in sites)) if kind != "single" else []
        urls = [Ident("url", f"http://www.{domain}/{pick(rng, ('bbs', 'qun', 'home', 'join'))}")
                for domain in domains]
        # Signatures: a shared motto, often with the ring's own name; lone actors sign nothing.
        motto = pick(rng, mottos)
        if kind == "single":
            motto = ""
        elif rng.random() < 0.6:
            motto = f"{sites[0][0]}·{motto}"
        ring = Ring(ring_id, kind, lang, sites, groups, urls, _style(rng, lang, motto),
                    begin, finish, activity=activity)
        platforms = EN_PLATFORMS if lang == "en" else ZH_PLATFORMS
        site_names = [name for name, _ in sites]
        for _ in range(members):
            role = _draw_role(rng, kind)
            place = pick(rng, source if role in ("seller", "papers") else buyer) if lang == "zh" else None
            counters["actor"] += 1
            actor_id = f"A{counters['actor']:05d}"
            ring.members.append(make_actor(rng, actor_id, ring, role, lang, place, site_names, platforms))
        rings.append(ring)
        return ring

    big = data["big_network"]
    # The big network posts under its name, its aliases and its regional QQ sub-groups.
    names = [big["site"], *big["aliases"]]
    names += [f"{big['site']}{place.province_short}{big['subgroup_suffix']}" for place in source + buyer]
    big_sites = [(name, big["domain"]) for name in dict.fromkeys(names)]
    add_ring("big", "zh", big_sites, 40 + round(10 * math.log2(max(size, 1000) / 1000)), 20.0)
    site_pool = [tuple(pair) for pair in data["ring_sites"]]
    for index in range(mid):
        name, domain = site_pool[index % len(site_pool)]
        suffix = "" if index < len(site_pool) else str(index // len(site_pool) + 1)
        add_ring("mid", "zh", [(name + suffix, domain.replace(".", f"{suffix}.", 1))], between(rng, 6, 20), rng.uniform(1.0, 3.0))
    tieba = data["tieba_names"]
    for _ in range(small):
        add_ring("small", "zh", [(pick(rng, tieba), "tieba.baidu.com")], between(rng, 2, 4), rng.uniform(0.2, 0.8))
    en_sites = [tuple(pair) for pair in data["en_ring_sites"]]
    for index in range(english):
        add_ring("en", "en", [en_sites[index % len(en_sites)]], between(rng, 2, 8), rng.uniform(0.5, 1.5))
    for index in range(single):
        lang = "en" if index % 8 == 0 else "zh"
        add_ring("single", lang, [], 1, 0.15)
    _share_brokers(rng, rings)
    return World(rings, _hubs(), source, buyer)


def _group_count(kind: str, rng: random.Random) -> int:
    """QQ groups a ring runs: the big network runs dozens of regional sub-groups."""
    return {"big": 33, "mid": between(rng, 2, 6), "small": 1, "single": 0}.get(kind, 0)


def _draw_role(rng: random.Random, kind: str) -> str:
    if kind == "single":
        return pick(rng, ("seller", "seller", "buyer", "buyer", "broker"))
    roll = rng.random()
    if roll < 0.2:
        return "broker"
    if roll < 0.3:
        return "papers"
    return "seller" if roll < 0.6 else "buyer"


def _share_brokers(rng: random.Random, rings: list[Ring]) -> None:
    """Make a few brokers work for two rings: their posts carry both rings' identifiers."""
    organised = [r for r in rings if r.kind in ("big", "mid", "small") and r.lang == "zh"]
    pairs = max(2, len(organised) // 10)
    for _ in range(pairs):
        home, other = rng.sample(organised, 2)
        brokers = [a for a in home.members if a.role == "broker"] or home.members
        pick(rng, brokers).other_ring = other.id
