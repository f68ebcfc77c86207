"""Cue words before contact identifiers, loaded from ``cues.yaml`` and compiled once.

A cue decides what an otherwise ambiguous number is: ``Q 12345678`` is a QQ number,
``12345678`` alone is nothing. Cues live in a data file so that analysts can add the next
homophone (薇信, 威信, 卫星 …) without touching code.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from cradlewatch.text.scan import PrefilteredPattern

CUE_KINDS = ("qq", "wechat", "alipay", "bank_card", "contact", "not_contact")
# What may stand between a cue and its value: any punctuation, space or emoji (not a line
# break), "号/号码/是/为/群", "id", and the few words posters put between the two
# ("加微信详聊 wang88", "支付宝就是电话 138…", "微信下单：shop_520", "卫星号码就是我电话：159…").
SEPARATOR = (
    r"(?:[^\w\n]|[号码是为群]|id|账户|账号|line|就是电话|就是手机号|就是手机|就是|也是|详聊|详谈|咨询"
    r"|下单|我的电话|我电话|我的手机|我手机)"
)
# What posts slip between the characters of a cue to dodge filters: "微 信", "薇❤️信", "w x".
INNER = r"[^\w\n]{0,3}"
# Emoji, dingbats and their joiners/selectors: what decorates a Latin cue ("v❤️x", "w🌸x").
_EMOJI = "[\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]"


def _spread(word: str) -> str:
    """A cue with room for what posts slip between its characters: any symbols in a Chinese
    cue ("薇❤️信"); in a Latin one symbols ("v❤️x") or single spaces, and then it must stand
    alone ("w x :"), so that "v xiaomei" is not the cue "vx" before "iaomei"."""
    if len(word) < 2 or len(word) > 4:
        return re.escape(word)
    if word.isascii():
        spaced = " ".join(re.escape(char) for char in word)
        # "v❤️x": emoji between the letters (never punctuation: "加V：xiaomei" is the cue v)
        symbols = f"{_EMOJI}{{1,3}}".join(re.escape(char) for char in word)
        return f"(?:{re.escape(word)}|{spaced}(?![a-z0-9_])|{symbols})"
    return INNER.join(re.escape(char) for char in word)


def _alternation(words: list[str]) -> str:
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = _spread(word)
        parts.append(f"(?<![a-z]){escaped}" if word.isascii() and word[0].isalpha() else escaped)
    return "|".join(parts)


def _firsts(words: list[str]) -> str:
    return "".join(word[0] for word in words)


@cache
def cue_lists() -> dict[str, list[str]]:
    """The cue words per kind, as written in ``cues.yaml``."""
    text = resources.files(__package__).joinpath("cues.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {key: [str(word) for word in value] for key, value in data.items()}


@cache
def cue_before() -> PrefilteredPattern:
    """Matches a cue plus separators that end exactly where the searched text ends.

    Use with ``search(text, max(0, start - 20), start)``: the named group that matched is the
    kind of cue directly in front of ``start``.
    """
    lists = cue_lists()
    groups = "|".join(f"(?P<{kind}>{_alternation(lists[kind])})" for kind in CUE_KINDS)
    firsts = "".join(_firsts(lists[kind]) for kind in CUE_KINDS)
    # "Q我 73380 21169", "V我 138…": the cue as a verb, "QQ me"
    return PrefilteredPattern.compile(f"(?:{groups})我?{SEPARATOR}{{0,6}}$", firsts)


@cache
def not_contact_near() -> PrefilteredPattern:
    """An order/ID/invoice cue within a few characters before a number."""
    words = cue_lists()["not_contact"]
    return PrefilteredPattern.compile(f"(?:{_alternation(words)})[^\\n]{{0,8}}$", _firsts(words))


@cache
def account_near() -> PrefilteredPattern:
    """A bank-account cue earlier in the clause, with no digit between it and the number: the
    holder's name may stand between ("acct name Ngozi Okafor 0123456789")."""
    words = cue_lists()["account"]
    return PrefilteredPattern.compile(
        f"(?:{_alternation(words)})[^\\n\\d.;。；]{{0,32}}$", _firsts(words)
    )


@cache
def handle_after(kind: str) -> PrefilteredPattern:
    """A ``kind`` cue followed by an account id (letters first, 6–20 characters)."""
    words = cue_lists()[kind]
    return PrefilteredPattern.compile(
        # the id may stand on the next line, under its cue ("加卫星：⏎yy520_bb")
        f"(?P<cue>{_alternation(words)})(?P<sep>{SEPARATOR}{{0,6}}(?:\\n[^\\w\\n]{{0,3}})?"
        # a few Chinese words between cue and id ("加我v 要男孩 lw_dache1985"): the caller
        # takes such an id only when it holds a digit
        "|(?P<gap>[^\\w\\n]{0,3}[\\u4e00-\\u9fff]{1,8}[^\\w\\n]{1,3}))"
        "(?:(?P<id>[a-z][-_a-z0-9]{5,19})(?![-_a-z0-9@]|\\.[a-z])"
        # an id spelled out with spaces: "c q 5 2 0 b a b y", "x i n s h e n g _ 6 6"
        "|(?P<spaced>[a-z](?: [-_a-z0-9]){5,19})(?! ?[-_a-z0-9])"
        # letters and digits in two blocks: "hnzm 2580" (never a phone's first block)
        "|(?P<split>[a-z][-_a-z]{3,13} [0-9]{2,6})(?![-_a-z0-9]|[^\\w\\n]{0,3}[0-9]))",
        _firsts(words),
    )


@cache
def phone_cue_near() -> PrefilteredPattern:
    """A phone word a little before a number ("call", "WA", 电话): the number is meant to be
    called, so a merely possible number under the configured plan is read as one."""
    words = cue_lists()["phone"]
    return PrefilteredPattern.compile(f"(?:{_alternation(words)})[^\\n]{{0,10}}$", _firsts(words))


@cache
def same_number() -> PrefilteredPattern:
    """ "微信同号", "v同号", "同微信": the WeChat id is the post's phone number."""
    lists = cue_lists()
    wechat = _alternation(lists["wechat"])
    same = _alternation(lists["same_number"])
    return PrefilteredPattern.compile(
        f"(?:{wechat}){SEPARATOR}{{0,2}}(?:{same})|同(?:微信|微|v信|vx|wx|v)|同号{SEPARATOR}{{0,2}}(?:{wechat})",
        _firsts(lists["wechat"]) + "同",
    )
