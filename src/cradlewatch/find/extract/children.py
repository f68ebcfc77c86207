"""Children described in a post: sex and age in days.

Sex terms (男宝, 女婴, 儿子, boy, daughter, the trafficker slang 大货/小货 …) and age phrases
(出生8天, 满月, 3个月, 半岁, 2岁, "two weeks old", 预产期3月, 孕32周 …) are found separately and
paired when they are within a few characters of each other ("满月男宝" → male, 30 days).
An age with no sex term is kept only when a child word (宝宝, 婴儿, 孩子, baby, child …) is
near it, so "猫咪3个月" yields nothing; the scorer, not the extractor, decides whether the
post is about a child for sale. Ages above 18 years are not children and are dropped.

Unborn children get negative days to the due date when it can be computed: from
预产期/due + a date or month and the post's ``posted_at`` (a month alone means its 15th;
月初/上旬 the 5th, 月底/下旬 the 25th). How far along a pregnancy is (怀孕7个月, 孕32周,
unborn, pregnant) marks an unborn child with a null age: it is not a due date, and the
project's ground truth keeps such ages null. A bare "N天"/"N周" is an age only right next
to a sex term or child word, since it is as often a duration ("一周出证").

Each mention is its own record (a post listing two babies gives two; a broker's "男宝8万"
tier is a mention too); deduplication by (sex, age) is left to the consumer.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from cradlewatch.find.extract.pronoun_ages import EN_AGE_UNITS, EN_NUMBER_WORDS, with_pronoun_ages
from cradlewatch.find.extract.spans import SpanSet
from cradlewatch.model import Child
from cradlewatch.text import NormalizedText, PrefilteredPattern, parse_chinese_number

_ASCII_WORD = "(?<![a-z]){}(?![a-z])"
# Kin and regional words count too: 侄子/孙女 (a relative's child on offer), Cantonese
# 仔仔/个仔/男仔/女仔/bb仔/bb女.
_MALE = (
    "男宝宝|男宝贝|男宝|男婴儿|男婴|小男孩|男孩子|男孩|男娃|男童|儿子|大货|"
    # the homophone 南孩 (never the 南 of 湖南/河南 before 孩子)
    "(?<![湖河海江云济渭越华指东西])南孩(?!子)|"
    "侄子|孙子|(?<=外)孙(?![子女])|仔仔|(?<=个)仔|男仔|bb仔|男bb|"
    + _ASCII_WORD.format("(?:baby boy|male (?:child|baby|infant)|boys?|sons?)")
)
_FEMALE = (
    "女宝宝|女宝贝|女宝|女婴儿|女婴|小女孩|女孩子|女孩|女娃|女童|女儿|小货|"
    "侄女|孙女|女仔|bb女|女bb|"
    + _ASCII_WORD.format("(?:baby girl|female (?:child|baby|infant)|girls?|daughters?)")
)
_UNKNOWN = "未知男女|性别未知|男女未知|不知男女|不知道男女|男女不详|" + _ASCII_WORD.format(
    "(?:unknown (?:sex|gender)|gender unknown)"
)
_SEX = PrefilteredPattern.compile(
    f"(?P<male>{_MALE})|(?P<female>{_FEMALE})|(?P<unknown>{_UNKNOWN})",
    # first characters only: 外孙/个仔 match from 孙/仔 (外 and 个 are too common to try)
    "男女小儿大未性不侄孙仔南bsgdumf",
    gate=("boy", "son", "girl", "daughter", "unknown", "male", "bb"),
)
_CHILD_WORD = PrefilteredPattern.compile(
    "宝宝|宝贝|婴儿|小孩|孩子|娃娃|宝(?![妈爸])|婴|孩|娃|"
    + _ASCII_WORD.format("(?:babies|baby|newborns?|infants?|child|children|kids?|toddlers?)"),
    "宝婴小孩娃bnickt",
    gate=("bab", "newborn", "infant", "child", "kid", "toddler"),
)

_NUMBER = r"\d{1,3}|[一二两俩三四五六七八九十]{1,3}"
_N_GROUPS = ("n0", "n1", "n2", "n3")
_EN_NUMBERS = {**EN_NUMBER_WORDS, "a": 1, "an": 1}
_EN_N = r"(?P<en>\d{1,3}|" + "|".join(_EN_NUMBERS) + ")"
_EN_UNITS = {**EN_AGE_UNITS, "": 365}  # "5 y/o": no unit word, years
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
# "due Jan 4", "due on Dec 20": the usual abbreviations too
_MONTHS.update({name[:3]: number for name, number in _MONTHS.items()} | {"sept": 9})
_PARTS = {"初": 5, "上旬": 5, "中": 15, "中旬": 15, "底": 25, "末": 25, "下旬": 25}

# Ordered branches (first characters, regex): at one position the first that matches wins.
_DIGITS_AND_NUMERALS = "0123456789一二两俩三四五六七八九十"
_AGE = PrefilteredPattern.from_branches(
    [
        ("孕", rf"孕(?P<n0>{_NUMBER})周(?P<preg_weeks>)"),
        ("怀", rf"怀孕(?P<n1>{_NUMBER})个?多?月(?P<preg_months>)"),
        (
            "预d",
            (
                r"(?:预产期|(?<![a-z])due date|(?<![a-z])due)(?:是|在|为|:|\s|on|in|is)*"
                r"(?:(?P<y>\d{4})[年\-./])?(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})(?:月|[\-./])"
                r"(?:(?P<d>\d{1,2})[日号]?|(?P<part>上旬|中旬|下旬|初|中|底|末))?(?P<due>)"
            ),
        ),
        (
            "d",
            r"(?<![a-z])(?:due date|due)(?:\s|:|on|in|is)*(?P<mname>"
            + "|".join(sorted(_MONTHS, key=len, reverse=True))
            + r")(?![a-z])\.?(?:\s(?P<mday>\d{1,2})(?:st|nd|rd|th)?(?![\d]))?(?P<due_en>)",
        ),
        (
            "刚出生",
            rf"(?:刚出生|出生|生下来|生下|生了)(?:才|刚)?(?P<n2>{_NUMBER})"
            # "刚出生一周": a week from birth
            r"(?:(?:天|日)(?P<days>)|(?:周|个星期|星期)(?P<birth_weeks>))",
        ),
        (
            "0123456789",
            r"(?:(?P<by>\d{4})[年.\-/])?(?P<bm>\d{1,2})[月.\-/](?P<bd>\d{1,2})[日号]?"
            r"(?:出生|生的|生)(?P<born>)",
        ),
        (
            "刚新n",
            "(?:(?:刚出生|刚生下?)(?!了?\\s?[\\d一二两三四五六七八九十满半百])|新生儿|新生(?=[男女]婴)|"
            + _ASCII_WORD.format("(?:newborn|new born|new-born)")
            + ")(?P<zero>)",
        ),
        ("满", "满月(?P<month>)"),
        ("周", "(?<![满过])周岁(?![以的前后])(?P<one_year>)"),
        ("百", "百天(?P<hundred>)"),
        ("半", "半岁(?P<half_year>)"),
        (
            _DIGITS_AND_NUMERALS,
            rf"(?P<n3>{_NUMBER})(?P<cn_unit>个半月|个多月|个月|月大|岁半|周岁|岁|周|星期|日大|天)"
            rf"(?:(?<=岁)(?:零|又)?(?P<months>{_NUMBER})个多?月)?",
        ),
        (
            # "2 weeks old", "2wks old", "2 mths", "7 y/o"; without "old" ("baby girl 4 months", "boy, 2 weeks") the
            # age counts only right next to a child (see ``_weak``)
            _DIGITS_AND_NUMERALS + "otfsena",
            rf"{_EN_N}[\s-]*(?:(?P<unit>day|week|wk|month|mth|year|yr|mo)s?(?![a-z])"
            r"(?!\s(?:ago|later))(?:[\s-]*(?P<old>old))?|(?P<yo>y/?o)(?![a-z]))"
            "(?P<english>)",
        ),
        (
            "未还没待upe",
            r"(?P<unborn>未出生|还没出生|没出生|待产|"
            + _ASCII_WORD.format("(?:unborn|pregnant|expecting)")
            + ")",
        ),
    ],
    gate=(
        "old",
        "day",
        "week",
        "wk",
        "mth",
        "month",
        "year",
        "due",
        "new",
        "unborn",
        "pregnant",
        "expecting",
    ),
)
_CN_UNIT_DAYS = {
    "个半月": (30, 15),
    "个多月": (30, 0),
    "个月": (30, 0),
    "月大": (30, 0),
    "岁半": (365, 182),
    "周岁": (365, 0),
    "岁": (365, 0),
    "周": (7, 0),
    "星期": (7, 0),
    "天": (1, 0),
    "日大": (1, 0),
}
_MAX_CHILD_DAYS = 18 * 365
# Brokers' and sellers' listings drop the child noun: "出 女 2岁", "#0312 女 2月 闽 4.5",
# "性别：男 年龄：3个月". A lone 男/女, standing apart from any word, right before an age is
# a child there; only young ages count ("男 25岁" in a job or dating ad is an adult), and
# only here does a bare "2月" mean two months old rather than February.
# Every match starts with 性 or 男/女: prefiltered on them, instead of trying the leading
# look-behind at every character.
_LISTING = PrefilteredPattern.compile(
    # a list item's number may stand before it: "①男 满月" (① is "1" once normalised), "2.女"
    r"(?:^|(?<=[\s,，、;；:：/|#(（\[【】)）])|(?<=^\d)|(?<=\n\d)|(?<=\d[.、]))"
    r"(?:性别\s*[:：]?\s*)?(?P<sex>[男女])(?:宝|孩|娃)?"
    r"[\s,，、/|;；:：]{1,3}(?:年龄\s*[:：]?\s*)?(?:出生)?"
    # a keycap digit ("男 3⃣️个月") or a word age ("女 百天", "男 满月") as well
    rf"(?:(?P<n>{_NUMBER})[\ufe0f\u20e3]{{0,2}}\s?(?P<unit>个半月|个多月|个月|月|天|岁半|岁|周)"
    r"(?![\d号日份])|(?P<word>满月|百天|半岁|半个月|刚出生|新生儿|新生)"
    r"(?![\u4e00-\u9fff\d一二两三四五六七八九十]))",
    "性男女",
)
_LISTING_WORD_DAYS = {
    "满月": 30,
    "百天": 100,
    "半岁": 182,
    "半个月": 15,
    "刚出生": 0,
    "新生儿": 0,
    "新生": 0,
}
_LISTING_UNIT_DAYS = {**_CN_UNIT_DAYS, "月": (30, 0)}
_MAX_LISTING_DAYS = 6 * 365
_PAIR_GAP = 4
_CHILD_WORD_GAP = 8
# "N天", "N周" alone are as often durations ("一周出证": out in a week) as ages: they count
# only right next to a sex term or a child word.
_WEAK_UNITS = frozenset({"天", "周", "星期"})
_WEAK_GAP = 1
_MARKER_GAP = 12
# English puts a few words between the child and the age ("a baby girl po ako 2 weeks old");
# such a gap of letters and spaces only, within one clause, still pairs them.
_WORDS_GAP = 12
_LATIN_GAP = re.compile("[a-z ]*")
# A child with its own price shortly after it is an item of a list: "女宝才2万", "男宝价格9万块",
# "女婴便宜，只要8万块".
_PRICED_ITEM = re.compile(
    r"[^\n]{0,10}?[\d一二两三四五六七八九十][\d.一二两三四五六七八九十]*\s?(?:万|w|k|千|块|元)"
)
# "a baby boy of 2 weeks": an age after "of" belongs to the child before it
_OF_AGE = re.compile(r"(?<![a-z])of $")
# "Baby boy for adoption, 5 months, healthy", "my baby girl (6 months)": an English age set
# apart as an item of a description is the child's, not a duration ("ready in 2 weeks")
_ITEM_BEFORE = re.compile(r"(?:^|[,(（:：]|\n)\s*$")
_ITEM_REACH = 30
_ITEM_AFTER = re.compile(r"\s*(?:[,.)）;!]|\n|$)")
_BOUND_AFTER = re.compile(r"\s?(?:以下|以内|之内|内|以上|及以下|or (?:younger|under)|and under)")


def _n(groups: dict[str, str]) -> int | None:
    text = next((t for name in _N_GROUPS if (t := groups.get(name, ""))), "")
    if not text:
        return None
    return int(text) if text.isdigit() else parse_chinese_number(text.replace("俩", "两"))


def _posted(posted_at: str | None) -> dt.date | None:
    if not posted_at:
        return None
    try:
        return dt.datetime.fromisoformat(posted_at).date()
    except ValueError:
        return None


def _due_days(year: int | None, month: int, day: int | None, posted: dt.date | None) -> int | None:
    """Days from the due date to the post date (negative: still due); ``day`` None = month only.

    Without a year, a date more than 60 days before the post means next year's. A month
    alone means its 15th, or, for the month of the post itself, the middle of what is left
    of it (a due date cannot lie in the past).
    """
    if posted is None or not 1 <= month <= 12:
        return None
    try:
        target = year or posted.year
        due = dt.date(target, month, min(day or 15, calendar.monthrange(target, month)[1]))
        if year is None and due < posted - dt.timedelta(days=60):
            due = due.replace(year=due.year + 1)
    except ValueError:
        return None
    if day is None and (due.year, due.month) == (posted.year, posted.month) and due < posted:
        next_month = (due.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        due = posted + (next_month - posted) / 2
    return (posted - due).days


def _age(match: re.Match[str], posted: dt.date | None) -> tuple[bool, int | None]:
    """(is an age mention, age in days or None) for one match of ``_AGE``."""
    kind = match.lastgroup
    groups: dict[str, str] = match.groupdict("")

    def g(name: str) -> str:
        return groups.get(name, "")

    n = _n(groups)
    if kind in ("preg_weeks", "preg_months"):
        return True, None  # unborn; how far along is not a due date
    if kind == "due":
        month_text = g("m")
        month = int(month_text) if month_text.isdigit() else parse_chinese_number(month_text) or 0
        year = int(g("y")) if g("y") else None
        day = int(g("d")) if g("d") else _PARTS.get(g("part"))
        return True, _due_days(year, month, day, posted)
    if kind == "due_en":
        day = int(g("mday")) if g("mday") else None
        return True, _due_days(None, _MONTHS[g("mname")], day, posted)
    if kind == "english":
        word = g("en")
        count = int(word) if word.isdigit() else _EN_NUMBERS[word]
        return True, count * _EN_UNITS[g("unit")]
    if kind == "born":
        if posted is None:
            return False, None
        try:
            born = dt.date(int(g("by") or posted.year), int(g("bm")), int(g("bd")))
        except ValueError:
            return False, None
        days = (posted - born).days
        return True, days if days >= 0 else None
    fixed = {
        "zero": 0,
        "month": 30,
        "hundred": 100,
        "half_year": 182,
        "one_year": 365,
        "unborn": None,
    }
    if kind in fixed:
        return True, fixed[kind]
    if kind == "days" and n is not None:
        return True, n
    if kind == "birth_weeks" and n is not None:
        return True, 7 * n
    unit = g("cn_unit")
    if unit and n is not None:
        scale, extra = _CN_UNIT_DAYS[unit]
        months = _n({"n0": g("months")}) if g("months") else 0
        return True, n * scale + extra + 30 * (months or 0)  # N岁M个月: 365N + 30M
    return False, None


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _threshold(text: str, match: re.Match[str]) -> bool:
    """ "孩子满八周岁的…" states a legal age threshold, not the age of a child on offer."""
    start, end = match.span()
    return (
        start > 0
        and text[start - 1] == "满"
        and match.groupdict().get("cn_unit") in ("岁", "周岁")
        and text[end : end + 2].startswith(("的", "以上", "以下", "后", "前"))
    )


def _bound(text: str, match: re.Match[str]) -> bool:
    """ "一岁以内", "三岁以下", "年龄0-2岁", "5岁内": a limit the child must be within (a buyer's
    wish, a listing's range), not the age of a child."""
    start, end = match.span()
    if _BOUND_AFTER.match(text, end):
        return True
    return start >= 2 and text[start - 1] in "-~到至" and text[start - 2].isdigit()


def _attribute(text: str, start: int, end: int) -> bool:
    """An age written as an item of its own, between commas, brackets or line ends."""
    return (
        _ITEM_BEFORE.search(text, max(0, start - 3), start) is not None
        and _ITEM_AFTER.match(text, end) is not None
    )


def _described(text: str, span: tuple[int, int], terms: list[tuple[int, int]]) -> bool:
    """A child or sex term ends shortly before ``span``, in the same sentence."""
    return any(
        span[0] - _ITEM_REACH <= end <= span[0]
        and not any(stop in text[end : span[0]] for stop in ".!?\n")
        for _, end in terms
    )


def _words_between(text: str, low: int, high: int) -> bool:
    """Only Latin words and spaces between two mentions: "baby girl po ako 2 weeks old"."""
    return high - low <= _WORDS_GAP and _LATIN_GAP.fullmatch(text, low, high) is not None


def _pairs(
    text: str,
    sexes: list[tuple[int, int]],
    ages: list[tuple[tuple[int, int], int | None, bool]],
) -> dict[int, int]:
    """Age index → sex index, closest pairs first, never across a line break.

    Closest-first rather than left-to-right, so that in "刚出生的满月女孩" the girl is paired
    with 满月 right next to her, not with the earlier 刚出生.
    """
    candidates = []
    nearby = SpanSet(sexes)  # finditer order: sorted, so indexes agree with ``sexes``
    for a, (span, _, weak) in enumerate(ages):
        limit = _WEAK_GAP if weak else _PAIR_GAP
        reach = limit + 1 if weak else _WORDS_GAP
        for s in nearby.near(span[0], span[1], reach):
            sex_span = sexes[s]
            gap = _gap(sex_span, span)
            low, high = min(span[1], sex_span[1]), max(span[0], sex_span[0])
            if gap <= limit:
                if "\n" not in text[low:high]:
                    candidates.append((gap, a, s))
            elif weak:
                if text[low:high].strip() == ",":  # "baby girl, 3 months"
                    candidates.append((gap, a, s))
            elif _words_between(text, low, high):
                candidates.append((gap, a, s))
    pairs: dict[int, int] = {}
    paired: set[int] = set()
    for _, a, s in sorted(candidates):
        if a not in pairs and s not in paired:
            pairs[a] = s
            paired.add(s)
    return pairs


def _with_listings(
    text: str, found: list[tuple[int, int, str | None, int | None]]
) -> list[tuple[int, int, str | None, int | None]]:
    """``found`` plus the children of listing lines, which replace what they overlap."""
    for match in _LISTING.finditer(text):
        if match["word"]:
            days = _LISTING_WORD_DAYS[match["word"]]
        else:
            n = _n({"n0": match["n"]})
            scale, extra = _LISTING_UNIT_DAYS[match["unit"]]
            if n is None or n * scale + extra > _MAX_LISTING_DAYS:
                continue
            days = n * scale + extra
        start, end = match.start("sex"), match.end()
        found = [c for c in found if c[1] <= start or c[0] >= end]
        found.append((start, end, "male" if match["sex"] == "男" else "female", days))
    found.sort()
    return found


def _one_child(
    text: str, found: list[tuple[int, int, str | None, int | None]]
) -> list[tuple[int, int, str | None, int | None]]:
    """A field that names one sex and states at most one age speaks of one child.

    "宝宝满月了 … 女宝", "男宝6斤8两 … 满月酒": the sex and the age stand too far apart to
    pair by distance, yet there is only one child they can belong to; every mention then
    carries both. Two sexes, two different ages, or a list whose items carry their own price
    ("半岁女孩 … 女宝4万起": a broker's stock) leave the mentions as they are.
    """
    if len(found) < 2:
        return found
    sexes = {sex for _, _, sex, _ in found if sex is not None}
    ages = {days for _, _, _, days in found if days is not None}
    if len(sexes) != 1 or len(ages) > 1:
        return found
    sex = sexes.pop()
    days = ages.pop() if ages else None
    if all(record[2] == sex and record[3] == days for record in found):
        return found
    if any(_PRICED_ITEM.match(text, end) for _, end, _, _ in found):
        return found
    return [(start, end, sex, days) for start, end, _, _ in found]


def find_children(
    norm: NormalizedText,
    field: str,
    posted_at: str | None = None,
    taken: Sequence[tuple[int, int]] = (),
) -> list[Child]:
    """Children mentioned in the normalised text, sex and age paired by proximity.

    ``taken``: sorted spans of identifiers in the normalised text, where no age starts.
    """
    text = norm.text
    sexes = [
        (m.span(), {"male": "male", "female": "female"}.get(m.lastgroup or ""))
        for m in _SEX.finditer(text)
    ]
    posted = _posted(posted_at)
    ages: list[tuple[tuple[int, int], int | None, bool]] = []
    markers: list[tuple[int, int]] = []
    items: set[tuple[int, int]] = set()
    for match in _AGE.finditer(text, taken):
        ok, days = _age(match, posted)
        if match.lastgroup == "unborn":
            markers.append(match.span())
        elif _threshold(text, match) or _bound(text, match):
            continue
        elif ok and (days is None or days <= _MAX_CHILD_DAYS):
            weak = match.groupdict().get("cn_unit") in _WEAK_UNITS or (
                match.lastgroup == "english"
                and not (match["old"] or match["yo"])
                and not _OF_AGE.search(text, max(0, match.start() - 4), match.start())
            )
            if weak and match.lastgroup == "english" and _attribute(text, *match.span()):
                items.add(match.span())
            ages.append((match.span(), days, weak))
    if not (sexes or ages or markers):
        # Most fields name no sex and no age (three in four): nothing to pair, and only a
        # listing line or a pronoun's age can still name a child.
        return _records(
            norm, field, _one_child(text, with_pronoun_ages(text, _with_listings(text, [])))
        )
    # "还没出生" / "unborn" only says the child is not born yet; next to a due date or a
    # pregnancy stage it is the same child, elsewhere it is an unborn child of its own.
    stated = SpanSet(span for span, _, _ in ages)
    for marker in markers:
        if not stated.near(marker[0], marker[1], _MARKER_GAP):
            ages.append((marker, None, False))
    ages.sort()
    words = SpanSet(m.span() for m in _CHILD_WORD.finditer(text)) if ages else SpanSet(())
    if items:
        # an age set apart after its child ("Baby boy for adoption, 5 months") is that
        # child's; the same shape after no child ("Hours: 9-5, 2 days") stays a duration
        terms = [span for span, _ in sexes] + [words.span(i) for i in range(len(words))]
        described = {span for span in items if _described(text, span, terms)}
        ages = [(span, days, weak and span not in described) for span, days, weak in ages]
        items = described
    found: list[tuple[int, int, str | None, int | None]] = []
    pairs = _pairs(text, [span for span, _ in sexes], ages)
    used = set(pairs.values())
    paired_sexes = SpanSet(sexes[i][0] for i in used)
    for index, (span, days, weak) in enumerate(ages):
        if index in pairs:
            sex_span, sex = sexes[pairs[index]]
            found.append((min(span[0], sex_span[0]), max(span[1], sex_span[1]), sex, days))
            continue
        # A child word inside a sex term already paired with another age ("半岁男宝 … 满月
        # 要不要剃头") is that child, not a second one.
        if span in items:
            found.append((span[0], span[1], None, days))
            continue
        word_gap = _WEAK_GAP if weak else _CHILD_WORD_GAP
        if any(
            not paired_sexes.near(*words.span(w), 0) for w in words.near(span[0], span[1], word_gap)
        ):
            found.append((span[0], span[1], None, days))
    for i, (span, sex) in enumerate(sexes):
        if i not in used:
            found.append((span[0], span[1], sex, None))
    found = _one_child(text, with_pronoun_ages(text, _with_listings(text, found)))
    return _records(norm, field, found)


def _records(
    norm: NormalizedText, field: str, found: list[tuple[int, int, str | None, int | None]]
) -> list[Child]:
    children = []
    for start, end, sex, days in found:
        o_start, o_end = norm.to_original(start, end)
        children.append(Child(sex, days, norm.original[o_start:o_end], field, o_start, o_end))
    return children
