"""Prices: amounts in the currency's unit, with the range and lower-bound forms people write.

``5万``/``5w`` → 50000, ``3.5万`` → 35000, ``两万五`` → 25000, ``三万五千`` → 35000,
``2万多`` → 20000 (a lower bound), ``3-5万`` → 30000 with ``upper`` 50000, ``8k`` → 8000,
``¥20000``, ``$500``, ``rs 45,000``, ``10万起`` → 100000, ``补5`` → 50000 (the price code of
placement groups: a bare figure after 补 is in 万).

A number is a price only with a money cue: a currency sign or word, a multiplier
(万/w/k/千), or a money word next to it (营养费, 红包, fee, compensation … in
``money.yaml``). Ages, dates, weights and counts (3岁, 2014年, 3.5kg, 7斤) have none of these
and are further excluded by the unit that follows them. Spans that overlap identifiers
(phone numbers) are dropped by the caller's ``taken`` list.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from cradlewatch.find.extract.regions import han_regions, post_regions, region_currency
from cradlewatch.find.extract.spans import SpanSet
from cradlewatch.model import Price
from cradlewatch.text import NormalizedText, PrefilteredPattern, parse_chinese_number

# "18 000 usd": thousands grouped by spaces, only right before a currency word or sign
_SPACED = r"\d{1,3}(?: \d{3})+(?=\s?(?:usd|eur|gbp|dollars|euros|naira|pesos|ringgit|[$€£]))"
# "1,00,000": the Indian and Pakistani grouping (lakhs) before the western one
_AR = rf"\d{{1,2}}(?:,\d{{2}})+,\d{{3}}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{_SPACED}|\d+(?:\.\d+)?"
# with the financial (大写) forms: 叁万, 陆万伍, 贰仟
_CN = (
    # "三、四十万": two neighbouring digits set apart by 、, before their unit
    r"[一二两三四五六七八]、[二两三四五六七八九][十百千]"
    r"|[一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾][零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]*"
)
_NUM = f"(?:{_AR}|{_CN})"
# Keycap marks after a digit ("6️⃣万"): part of the digit
_KEYCAP = "[\ufe0f\u20e3]{0,2}"
_PRE = (
    r"us\$|hk\$|nt\$|s\$|au?\$|gh₵|[¥$£€₹₦₱₵]|人民币|新台币|台币|港币|美金|美元|新币|马币|澳元"
    r"|(?<![a-z])(?:rmb|usd|cny|inr|gbp|eur|hkd|twd|sgd|myr|ngn|php|ghs|rm|rs\.?|kshs?\.?|kes"
    r"|zar|pkr)(?![a-z])"
    # "N1.5m", "P35,000", "R350": the letters typed for ₦, ₱ and the rand (only there)
    r"|(?<![a-z])[npr](?=\d)"
)
_LETTER_SIGNS = {"n": "NGN", "p": "PHP", "r": "ZAR"}
# Multipliers: 万/w, k/千, "grand"; lakh and crore (South Asian), million; the short "m"
# (million) and "L" (lakh) only where a reader is sure (see ``_short_multiplier_ok``).
_MULT = (
    r"万|w(?![a-z])|k(?![a-z])|千|\s?(?:grand|lakhs?|lacs?|crores?|million|mn)(?![a-z])"
    r"|(?<=\d)m(?![a-z])|(?<=\d)\s?l(?![a-z])"
)
_SUF = (
    # "2860 元": a space before 元, as typists who space Chinese from digits write it
    r"\s?元|块钱|块|蚊|人民币|rmb|美元|美金|英镑|欧元|卢比|新台币|台币|港币|港元|港纸|新币|马币|令吉"
    r"|\s?(?:dollars?|bucks|usd|rupees?|pounds?|gbp|euros?|eur|inr|cny|yuan|hkd|twd"
    r"|naira|ngn|pesos?|php|ringgit|myr|cedis?|ghs|sgd|aud|kshs?|kes|shillings|rands?|zar|pkr)"
    r"(?![a-z])"
    # a sign written after the figure, as many write it ("1500$", "2500 $", "400€")
    r"|\s?[$€£₹₦₱](?!\s?\d)"
)
_PRICE = PrefilteredPattern.compile(
    rf"(?<![\da-z])(?<!\d[.,])(?:(?P<pre>{_PRE})\s?)?(?P<a>{_NUM}){_KEYCAP}"
    rf"(?:几|[多余来](?={_MULT}))?(?P<am>{_MULT})?"
    rf"(?:(?P<ayuan>元)?\s?(?:-|~|到|至|—|–)\s?(?:{_PRE})?\s?(?P<b>{_NUM}){_KEYCAP}"
    r"(?!\s?[岁天月周年日斤克个]))?"
    rf"(?P<mult>{_MULT})?"
    r"(?P<tail>(?<=[万w])[1-9一二两三四五六七八九壹贰叁肆伍陆柒捌玖][千仟]?(?![\d万千百十]|[.,]\d))?"
    rf"(?P<more>多|余|几)?(?P<suf>{_SUF})?"
    # "九块九", "两块五": the digit after 块 is in jiao (tenths of a yuan)
    r"(?P<jiao>(?<=块)[1-9一二两三四五六七八九](?![\d万千百十块元个毛]))?"
    r"(?P<qi>起|以上)?",
    "0123456789一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾¥$£€₹₦₱₵urcigehnsmp人新台港美马",
    gate=(
        "us",
        "rmb",
        "rs",
        "cny",
        "inr",
        "gbp",
        "eur",
        "hk",
        "nt$",
        "twd",
        "grand",
        "s$",
        "sgd",
        "myr",
        "rm",
        "ngn",
        "php",
        "ghs",
        "gh₵",
        "a$",
        "au$",
        "aud",
        "ksh",
        "kes",
        "zar",
        "pkr",
        *(f"{letter}{digit}" for letter in _LETTER_SIGNS for digit in "0123456789"),
    ),
)
# Units that make the number a measure or a count, not money.
_NOT_MONEY_AFTER = re.compile(
    r"(?:[岁天月年日号斤克米周个次人名位步字楼层点分秒%℃度条张粉盒]|小时|公里|公斤|周岁"
    r"|[ \t]?(?:kg|g|cm|mm|km|lbs?|oz|days?|weeks?|months?|years?|yrs?|hours?|mins?|am|pm"
    r"|st|nd|rd|th|people|tall|long|high|wide|deep|away|bottles?|of water|of milk)(?![a-z]))"
)
# The rest of a range of ages or counts: "0-6个月" is no amount 0 followed by a count.
_COUNT_RANGE_AFTER = re.compile(
    r"\s?(?:-|~|到|至|—|–)\s?\d+\s?(?:个?[岁天月周年日斤克]|(?P<ge>个)|(?:days?|weeks?|months?|years?)(?![a-z]))"
)
_COUNT_FIRST = frozenset(" \t-~到至—–kcbg")
# The short multipliers as matched (with or without the space before "l").
_SHORT = {"m": "m", "l": "l", " l": "l"}
# Counts of children ("3 boys 2 girls"); after a multiplier the next word starts a new item
# ("Boy 1.8m girl 1.3m").
_CHILD_COUNT_AFTER = re.compile(r"[ \t]?(?:kids?|children|babies|boys?|girls?)(?![a-z])")
# Idioms that read like amounts: 十万火急 "extremely urgent", 万一 "in case", 千万 "by all means".
_IDIOMS = re.compile("十万火急|万一|千万|万分")
_MULTIPLIERS = {
    "万": 10_000,
    "w": 10_000,
    "k": 1_000,
    "千": 1_000,
    "grand": 1_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "lac": 100_000,
    "lacs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "m": 1_000_000,
    "l": 100_000,
}
# "三四万", "五六千", "二三十万": two neighbouring digits are an approximate range.
_APPROXIMATE = re.compile("([一二两三四五六七八])、?([二两三四五六七八九])([十百千]?)")
# "两千三千都要得": the same unit twice is two amounts, a range, not 2000 + 3000
_TWO_AMOUNTS = re.compile("([一二两三四五六七八九])([十百千])([一二两三四五六七八九])\\2")
_CN_DIGIT = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"两": 2}
_CN_UNIT = {"": 1, "十": 10, "百": 100, "千": 1000}
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A text about a child or a deal, where tier codes ("男8-10") are prices in 万.
_DEAL_CONTEXT = re.compile("[宝婴孩货补价费万]|出生证|户口")
_BIG_CHINESE = re.compile("[百千佰仟]")
_TENS = re.compile("[十拾百千佰仟]")


@cache
def _vocabulary() -> tuple[
    PrefilteredPattern,
    re.Pattern[str],
    re.Pattern[str],
    re.Pattern[str],
    re.Pattern[str],
    re.Pattern[str],
    dict[str, str],
]:
    data = yaml.safe_load(
        resources.files(__package__).joinpath("money.yaml").read_text(encoding="utf-8")
    )

    def alternation(words: list[str]) -> str:
        ordered = sorted(set(words), key=len, reverse=True)
        return "|".join(
            f"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w) for w in ordered
        )

    words = alternation(data["money_words"])
    firsts = "".join(word[0] for word in data["money_words"])
    before = PrefilteredPattern.compile(f"(?:{words})[^\\d\\n]{{0,6}}$", firsts)
    after = re.compile(f"\\s?(?:{words})")
    code = re.compile(f"(?:{alternation(data['wan_code_cues'])})[ \t:：]{{0,2}}$")
    tier = re.compile(f"(?:{alternation(data['tier_code_cues'])})\\s?$")
    slang = re.compile(f"(?:{alternation(data['slang_code_cues'])})\\s?$")
    ge = re.compile(f"(?:{alternation(data['ge_code_cues'])})\\s?$")
    currency = {token: code for code, tokens in data["currencies"].items() for token in tokens}
    return before, after, code, tier, slang, ge, currency


def _default_currency(text: str, lang: str | None) -> str:
    """The currency of amounts written without one: the currency of the place the post names
    (₦ or "Lagos" → naira, 台北 → NT$, 佢/唔 → HK$, see ``regions.yaml``); otherwise yuan for
    Chinese text and dollars for the rest."""
    named = _named_currency(text, lang)
    if named is not None:
        return named
    return "CNY" if _CJK.search(text) is not None else "USD"


def _number(text: str) -> tuple[float, float | None] | None:
    """The value of a written number, or the (low, high) it spans when approximate."""
    if text[0].isdigit():
        return float(text.replace(",", "").replace(" ", "")), None
    near = _APPROXIMATE.fullmatch(text)
    if near is not None:
        first, second = _CN_DIGIT[near.group(1)], _CN_DIGIT[near.group(2)]
        if second == first + 1:
            unit = _CN_UNIT[near.group(3)]
            return float(first * unit), float(second * unit)
    two = _TWO_AMOUNTS.fullmatch(text)
    if two is not None:
        unit = _CN_UNIT[two.group(2)]
        low, high = sorted((_CN_DIGIT[two.group(1)], _CN_DIGIT[two.group(3)]))
        return float(low * unit), float(high * unit)
    value = parse_chinese_number(text)
    return None if value is None else (float(value), None)


def _written_currency(match: re.Match[str], table: dict[str, str]) -> str | None:
    """The currency a sign or word next to the amount names, if any."""
    for token in (match.group("pre"), match.group("suf")):
        if token:
            return table.get(token.strip().rstrip("."), table.get(token.strip()))
    return None


# 元 and 块 are the unit of every Chinese-speaking place's money, and "$" is the sign of
# every dollar: in a post placed in Taipei, Hong Kong or Singapore they may be that currency.
_GENERIC = {"元": "CNY", "块": "CNY", "块钱": "CNY", "$": "USD", "rs": "INR", "rs.": "INR"}
_LOCAL_UNIT = {
    "CNY": ("TWD", "HKD", "MOP", "SGD", "MYR"),
    "USD": ("TWD", "HKD", "SGD", "AUD"),
    "INR": ("PKR",),  # rupees in a Pakistani post
}


def _local(
    match: re.Match[str], written: str, text: str, lang: str | None, table: dict[str, str]
) -> str:
    """The currency of a generic unit or sign (元, $) in a post placed where it means the
    local money: "$2,800/month, Bukit Timah" is S$; 元 needs the local money named in the
    post as well ("新台幣20萬元 … 60至80萬元" is NT$), because a mainland post names Hong Kong
    or Taiwan as often as a place it sends blood to or a child was sold to ("送香港化验 1800元")."""
    token = (match.group("suf") or match.group("pre") or "").strip()
    if _GENERIC.get(token) != written:
        return written
    named = _named_currency(text, lang)
    if named not in _LOCAL_UNIT[written]:
        return written
    if written == "CNY" and not any(
        code == named and (len(word) > 2 or not word.isascii()) and word in text
        for word, code in table.items()
    ):
        return written
    return named


def _currency(match: re.Match[str], default: str) -> str:
    """The currency of an amount written without one, given the post's ``default``."""
    if match.group("mult") in ("万", "w") or match.group("am") in ("万", "w"):
        return default if default != "USD" else "CNY"  # 万 is Chinese; the region decides
    if (match.group("mult") or "").strip() == "grand":
        return default if default != "CNY" else "USD"  # "5 grand": dollars, or pounds in the UK
    return default


def _counted(text: str, end: int, tier: bool) -> bool:
    """The figure starts a range of ages or counts ("0-6个月"), or counts children ("3
    boys"); after a tier word of the trade "6-8个" stays its price code."""
    if text[end : end + 1] not in _COUNT_FIRST:
        return False  # the common case, decided without a pattern
    counted = _COUNT_RANGE_AFTER.match(text, end)
    if counted is not None:
        return not (tier and counted.group("ge"))
    return _CHILD_COUNT_AFTER.match(text, end) is not None


def _short_multiplier_ok(
    short: str,
    match: re.Match[str],
    text: str,
    lang: str | None,
    before: PrefilteredPattern,
    after: re.Pattern[str],
) -> bool:
    """ "2.5m" may be metres and "5.5 L" litres: the short million needs a currency sign, a
    money word beside it ("pay up to 2m") or a post placed in a region that counts money in
    millions ("Boy 1.8m girl 1.3m … Lagos"); the short lakh ("asking 5.5 L") needs India, and
    a sign or a money word as well."""
    if match.group("pre"):
        return short == "m" or (match.group("pre") or "").strip() in ("₹", "rs", "rs.", "inr")
    if match.group("b") or float(match.group("a").replace(",", "").replace(" ", "")) == 0:
        return False  # "0-3m", "3-6m": clothes sizes in months
    worded = _worded(before, after, text, match.start(), match.end())
    named = _named_currency(text, lang)
    if short == "l":
        return worded and named == "INR"
    return worded or named not in (None, "USD", "CNY", "GBP", "EUR")


def _named_currency(text: str, lang: str | None) -> str | None:
    """The currency of the first region the post names, if it names one."""
    han = _CJK.search(text) is not None
    for region in han_regions(text) if han and not lang else post_regions(text, lang):
        if not (han and region == "CN"):
            return region_currency(region)
    return None


def _worded(
    before: PrefilteredPattern, after: re.Pattern[str], text: str, start: int, end: int
) -> bool:
    """A money word ends a little before the figure, or follows it."""
    return bool(before.search(text, max(0, start - 24), start) or after.match(text, end))


def _ends_word(text: str, end: int) -> bool:
    """Nothing Chinese follows: "小货六 " is a figure, "小货一只" a count."""
    return end == len(text) or _CJK.match(text, end) is None


def _tidy(value: float) -> float:
    return int(value) if value == int(value) else round(value, 2)


def _multiplier(token: str | None, default: int = 1) -> int:
    return _MULTIPLIERS.get((token or "").strip(), default) if token else default


def _amounts(match: re.Match[str]) -> tuple[float, float | None] | None:
    first = _number(match.group("a"))
    second = _number(match.group("b")) if match.group("b") else None
    if first is None or (match.group("b") and second is None):
        return None
    mult = _multiplier(match.group("mult"))
    # "七千元到四万元": an amount closed by its own 元 does not share the range's multiplier
    a_mult = _multiplier(match.group("am"), 1 if match.group("ayuan") else mult)
    unit = mult if match.group("mult") else a_mult
    a, approximate_high = first
    low = a * a_mult
    if second is not None:
        high: float | None = second[0] * mult
    elif approximate_high is not None:
        high = approximate_high * a_mult
    else:
        high = None
    tail = match.group("tail")
    if tail:
        digit = float(parse_chinese_number(tail[0]) or 0)
        extra = digit * 1000 if tail[-1] in "千仟" else digit * unit / 10
        if high is not None:
            high += extra
        else:
            low += extra
    return low, high


def find_prices(
    norm: NormalizedText, field: str, taken: list[tuple[int, int]], lang: str | None = None
) -> list[Price]:
    """Prices in the normalised text, as :class:`~cradlewatch.model.Price` with original spans.

    ``taken``: sorted spans of identifiers in the normalised text; no price overlaps them.
    ``lang``: the post's language, one of the cues to the currency of bare amounts.
    """
    text = norm.text
    before, after, wan_code, tier_code, slang_code, ge_code, table = _vocabulary()
    deal = _DEAL_CONTEXT.search(text) is not None
    default: str | None = None
    identifiers = SpanSet(taken)
    prices: list[Price] = []
    for match in _PRICE.finditer(text, taken):
        start, end = match.span()
        pre, suf, mult, am, written = match.group("pre", "suf", "mult", "am", "a")
        if pre in _LETTER_SIGNS:
            if default is None:
                default = _default_currency(text, lang)
            if default != _LETTER_SIGNS[pre]:
                continue  # "p2", "n95": a letter, unless the post is Filipino or Nigerian
        unit = pre or suf or mult or am
        tier = bool(not unit and deal and tier_code.search(text, max(0, start - 4), start))
        slang = tier and slang_code.search(text, max(0, start - 4), start) is not None
        lone = not unit and not written[0].isdigit() and _TENS.search(written) is None
        if lone and not (tier and (match.group("b") or (slang and _ends_word(text, end)))):
            continue  # a lone Chinese digit is a word (一律, 一点, 小货一只), not an amount
        if identifiers.overlaps(start, end) or text[end : end + 1].isdigit():
            continue  # part of a contact, or a number cut short ("20-35岁" is not "20-3")
        if start > 0 and text[start - 1] == "几":
            continue  # 几十万 "some hundred thousand": no figure is given
        # "补偿15个", "营养费6个": after a price word, N个 is the trade's N万
        ge = (
            not unit
            and deal
            and text.startswith("个", end)
            and ge_code.search(text, max(0, start - 6), start) is not None
        )
        if ge:
            end += 1
        elif not (pre or suf or match.group("qi")) and (
            _NOT_MONEY_AFTER.match(text, end) or (not (mult or am) and _counted(text, end, tier))
        ):
            continue  # a currency sign or word settles it; otherwise 3岁, 3.5kg, 5 weeks
        if _IDIOMS.match(text, start) or (mult == "万" and _IDIOMS.match(text, end - 1)):
            continue
        wan = False
        if not unit:
            if len(written.replace(",", "").split(".")[0]) > 8:
                continue
            code = wan_code.search(text, max(0, start - 5), start)
            if code and match.group("b") is None:
                wan = True
                start = code.start()
            elif tier or ge:
                wan = True
            elif _BIG_CHINESE.search(written) and not written[0].isdigit():
                pass  # "三千", "一千二", "两百": a written magnitude is an amount
            elif not _worded(before, after, text, start, end):
                continue
        short = _SHORT.get(mult or "") or _SHORT.get(am or "")
        if short and not _short_multiplier_ok(short, match, text, lang, before, after):
            continue
        amounts = _amounts(match)
        if amounts is None:
            continue
        low, high = amounts
        if pre in _LETTER_SIGNS and low < 100:
            continue  # "N95 masks", "P2 tier": a model name, not ₦95
        if not unit and low < 10 and not _CJK.search(text):
            continue  # "must be able 2 pay": a lone digit in English is a word ("to", "for")
        jiao = match.group("jiao")
        pieces = match.group("suf") == "块" and not match.group("a")[0].isdigit() and low < 10
        if pieces and not jiao:
            continue  # 一块胎记, 两块蛋糕: 块 counts pieces here, not yuan
        if jiao:
            low += (parse_chinese_number(jiao) or 0) / 10
        if wan and (low >= 100 or (high is not None and high >= 100)):
            if not tier or ge or not _worded(before, after, text, start, end):
                continue
            wan = False  # "原价2400": a figure too large for a code, after a price word
        if wan:
            low *= 10_000
            high = high * 10_000 if high is not None else None
        currency = _written_currency(match, table)
        if currency in _LOCAL_UNIT:
            currency = _local(match, currency, text, lang, table)
        if currency is None:
            if default is None:
                default = _default_currency(text, lang)  # only when some amount needs it
            currency = _currency(match, default)
        o_start, o_end = norm.to_original(start, end)
        prices.append(
            Price(
                amount=_tidy(low),
                currency=currency,
                raw=norm.original[o_start:o_end],
                field=field,
                start=o_start,
                end=o_end,
                upper=_tidy(high) if high is not None else None,
            )
        )
    return prices
