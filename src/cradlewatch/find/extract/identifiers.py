"""Contact identifiers written with digits: phones, QQ numbers, bank cards, and the WeChat or
Alipay accounts that are phone numbers.

Each digit run (see :mod:`cradlewatch.text.digits`) is classified by its cue and its form:

1. a QQ cue (Q, 扣扣, 企鹅 …) makes a 5–11 digit run a QQ number;
2. otherwise a valid phone number is a phone; after a WeChat or Alipay cue it is also that
   account (``vx 138…`` → ``wechat +86138…``);
3. otherwise a 16–19 digit run that passes Luhn and is laid out as a card (one block, or
   blocks of four) is a bank card;
4. otherwise, right after a generic contact cue (联系, 加我, 私聊), a QQ-shaped run is a QQ number.

A run that is none of these as a whole is split at its separators, greedily taking the
longest leading groups that form an identifier ("QQ 12345678 13812345678" → QQ + phone);
the cue applies only to the first part. Runs next to money or measure units (5万, 3.5kg,
2014年), after ¥/$, after order or ID cues, and ID-card numbers are never identifiers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cradlewatch.find.extract import cues
from cradlewatch.find.extract.numbers import (
    is_id_card,
    is_qq,
    is_valid_e164,
    luhn_ok,
    phone_e164,
)
from cradlewatch.find.extract.regions import han_regions, has_han, known_regions, post_regions
from cradlewatch.find.extract.spans import SpanSet
from cradlewatch.text.digits import (
    DIGIT_VALUES,
    DigitRun,
    find_digit_runs,
    find_spelled_runs,
    unmask_lookalikes,
)

Hit = tuple[str, str, int, int]

_UNIT_AFTER = re.compile(
    r"(?:[元块千百岁天月年日号斤克米%℃次人点分楼层周个名位]|万(?![分一事])"
    r"|[ \t]?(?:w|k|kg|cm|mm|rmb|yuan)(?![a-z]))"
)
_MONEY_BEFORE = re.compile(r"[¥$£€₹#第]\s?$")
_PLUS_BEFORE = re.compile(r"\+\s?$")
_LONGEST = 19
_PLACEHOLDER = "0000000"


# Where Chinese is written outside the mainland: a trunk-0 number in a Chinese post that no
# mainland plan makes valid is read in the one of these where it is valid, if only one.
_CHINESE_ABROAD = frozenset({"TW", "HK", "MO", "SG", "MY"})


class NumberingPlans:
    """The numbering plans a post's numbers are read under, worked out on first need.

    A Chinese post (Han characters) reads its numbers under the Chinese plans first; any
    post then tries the regions it names (:func:`~.regions.post_regions`: "£", "Lagos",
    香港 …), most cues first, where a merely *possible* number written with its trunk 0 or in
    groups is accepted; a post without Han characters then tries the configured ``region``.
    Last, a number written with a trunk 0 that none of these reads is taken when it is valid
    in exactly one of the regions we know ("0803 000 0194" alone is Nigerian or Indian: left
    out; ambiguous numbers are not guessed). ``han``: the text has Han characters.
    """

    __slots__ = ("_default", "_lang", "_plans", "_text", "han")

    def __init__(self, text: str, region: str, lang: str | None = None) -> None:
        self._text = text
        self._default = region
        self._lang = lang
        self.han = has_han(text)
        self._plans: tuple[str, ...] | None = None

    def _ordered(self) -> tuple[str, ...]:
        if self._plans is None:
            # a Chinese text names other places by Chinese words (香港, 台北, 佢): the cheap scan
            named = (
                han_regions(self._text)
                if self.han and not self._lang
                else post_regions(self._text, self._lang)
            )
            cued = [name for name in named if not (self.han and name == "CN")]
            self._plans = tuple(cued)
        return self._plans

    def phone(
        self, digits: str, groups: tuple[str, ...], plus: bool, called: bool = False
    ) -> str | None:
        """The E.164 form of a written number under the first plan that reads it.

        ``called``: a phone word stands before the number ("call", "text", "WA", 电话), so a
        possible number under the configured plan is taken as well when written with its
        trunk 0 or in groups.
        """
        if plus:
            return phone_e164(digits, groups, True, "")
        if self.han and digits.startswith("0") and self._ordered():
            # "高雄 … 0912-345-678": a trunk-0 number in a Chinese post that names Taiwan
            # or Hong Kong is read there first when it is valid there (as a Chinese
            # landline it may be valid too); "台北来的 座机 0755-…" is not Taiwanese
            for name in self._ordered():
                found = phone_e164(digits, groups, False, name)
                if found is not None:
                    return found
        if self.han:
            found = phone_e164(digits, groups, False, "CN")
            if found is not None and digits.startswith("0") and not is_valid_e164(found):
                # "0978-214-660" is merely possible as a mainland landline and valid only as a
                # Taiwanese mobile; "012-555 0123" likewise a Malaysian one
                excluded = frozenset(known_regions()) - _CHINESE_ABROAD
                return _unique_reading(digits, groups, excluded) or found
            if found is not None:
                return found  # the common case: a Chinese number in a Chinese post
        elif self._default == "CN":
            return phone_e164(digits, groups, False, "CN")  # the plan asked for, and no other
        if not 7 <= len(digits) <= 13:
            return None
        tried = {"CN"} if self.han else set()
        for name in self._ordered():
            found = phone_e164(digits, groups, False, name, True)
            if found is not None:
                return found
            tried.add(name)
        if not self.han and self._default not in tried:
            found = phone_e164(digits, groups, False, self._default, called)
            if found is not None:
                return found
            tried.add(self._default)
        if self.han or not digits.startswith("0"):
            return None
        return _unique_reading(digits, groups, frozenset(tried))


@lru_cache(maxsize=4096)
def _unique_reading(digits: str, groups: tuple[str, ...], tried: frozenset[str]) -> str | None:
    """The one region's reading of a number valid there and nowhere else we know. Only
    valid readings count: the Chinese plan's merely possible grouped landlines would make
    every "0300 555 0110" ambiguous."""
    readings = {
        phone_e164(digits, groups, False, name) for name in known_regions() if name not in tried
    }
    readings.discard(None)
    valid = {reading for reading in readings if reading is not None and is_valid_e164(reading)}
    return valid.pop() if len(valid) == 1 else None


def _cue_kind(text: str, start: int) -> str | None:
    match = cues.cue_before().search(text, max(0, start - 24), start)
    return match.lastgroup if match else None


def _classify(
    digits: str,
    groups: tuple[str, ...],
    cue: str | None,
    plus: bool,
    plans: NumberingPlans,
    called: bool = False,
) -> list[tuple[str, str]]:
    if cue == "qq":
        return [("qq", digits)] if is_qq(digits) else []
    phone = plans.phone(digits, groups, plus, called)
    if phone is not None and phone.endswith(_PLACEHOLDER):
        return []  # "400-000-0000（示例）", "138 0000 0000": a placeholder, nobody's number
    if phone is not None:
        if cue in ("wechat", "alipay"):
            # "加V 138…": the WeChat account is the number, and the number is a phone a
            # reader can call; both are contacts.
            return [("phone", phone), (cue, phone)]
        return [("phone", phone)]
    if _is_card(digits, groups):
        return [("bank_card", digits)]
    if cue == "contact" and is_qq(digits):
        return [("qq", digits)]
    return []


def _is_card(digits: str, groups: tuple[str, ...]) -> bool:
    """16–19 digits that pass Luhn, laid out as a card (one block, or blocks of four)."""
    return (
        16 <= len(digits) <= 19
        and (len(groups) == 1 or all(len(g) == 4 for g in groups[:-1]))
        and luhn_ok(digits)
    )


def _account_number(text: str, run: DigitRun, cue: str | None, called: bool) -> bool:
    """A number after a bank-account cue in its clause, unless a contact cue or phone word
    stands nearer ("acct: Ngozi, whatsapp 0803…" is a phone)."""
    if called or cue in ("qq", "wechat", "alipay", "contact"):
        return False
    return cues.account_near().search(text, max(0, run.start - 48), run.start) is not None


def _excluded(text: str, run: DigitRun) -> bool:
    """Numbers that are amounts, measures, dates, order or ID numbers rather than contacts."""
    if _UNIT_AFTER.match(text, run.end) or _MONEY_BEFORE.search(
        text, max(0, run.start - 2), run.start
    ):
        return True
    if run.end < len(text) and text[run.end] == "x" and is_id_card(run.digits + "x"):
        return True
    if is_id_card(run.digits):
        return True
    return cues.not_contact_near().search(text, max(0, run.start - 16), run.start) is not None


def _split(
    text: str, run: DigitRun, cue: str | None, plans: NumberingPlans
) -> list[tuple[str, str, int, int]]:
    hits: list[Hit] = []
    count = len(run.groups)
    i = 0
    while i < count:
        # No identifier is longer than 19 digits (a bank card): that bounds the parts tried,
        # so a run of thousands of groups costs linear time, not cubic.
        last, digits = i, len(run.groups[i])
        while last + 1 < count and digits + len(run.groups[last + 1]) <= _LONGEST:
            last += 1
            digits += len(run.groups[last])
        for j in range(last, i - 1, -1):
            groups = run.groups[i : j + 1]
            found = _classify("".join(groups), groups, cue if i == 0 else None, False, plans)
            if found:
                start, end = run.spans[i][0], run.spans[j][1]
                hits.extend((kind, value, start, end) for kind, value in found)
                i = j + 1
                break
        else:
            i += 1
    return hits


def find_number_identifiers(
    text: str, masked: list[tuple[int, int]], region: str = "US", lang: str | None = None
) -> list[Hit]:
    """Identifiers written as digit runs (or spelled out: "five five five") in the
    normalised ``text``.

    ``masked`` spans (e-mails, URLs, WeChat ids already found) are skipped, so the digits of
    ``12345@qq.com`` or ``wang13812345678`` are not reported twice. ``region`` is the plan of
    last resort and ``lang`` the post's language (see :class:`NumberingPlans`). Letters typed
    for digits ("15O-8844-2731") are read as digits, and a number broken over lines (one
    group per line, as in chat posts) is read whole when no line alone holds an identifier.
    """
    text = unmask_lookalikes(text)
    plans = NumberingPlans(text, region, lang)
    hits = _number_hits(text, masked, plans)
    joined = _join_lines(text)
    if joined is not None:
        spans = masked + [(hit[2], hit[3]) for hit in hits]
        for hit in _number_hits(joined, spans, plans):
            if "\n" in text[hit[2] : hit[3]]:
                hits.append(hit)
        hits.sort(key=lambda hit: hit[2])
    return hits


def _join_lines(text: str) -> str | None:
    """``text`` with each line break that stands between two digit-like characters (with at
    most a few symbols beside it: "1⃣️3⃣️7⃣️⏎8⃣️2⃣️…") made a space, or None when there is none."""
    index = text.find("\n")
    if index == -1:
        return None
    chars = list(text)
    changed = False
    while index != -1:  # from line break to line break: a loop over every character costs more
        left = index - 1
        while left >= 0 and index - left <= 4 and _symbol(text[left]):
            left -= 1
        right = index + 1
        while right < len(text) and right - index <= 4 and _symbol(text[right]):
            right += 1
        if (
            left >= 0
            and right < len(text)
            and text[left] in DIGIT_VALUES
            and text[right] in DIGIT_VALUES
        ):
            chars[index] = " "
            changed = True
        index = text.find("\n", index + 1)
    return "".join(chars) if changed else None


def _symbol(char: str) -> bool:
    return char != "\n" and not char.isalnum() and char != "_"


def _number_hits(text: str, masked: list[tuple[int, int]], plans: NumberingPlans) -> list[Hit]:
    hits: list[Hit] = []
    taken = SpanSet(masked)
    # English digit words ("five five five") in an English post; a Chinese post spells its
    # digits in Chinese numerals, which the digit runs read
    spelled = (
        []
        if plans.han
        else [run for run in find_spelled_runs(text) if not taken.overlaps(run.start, run.end)]
    )
    if spelled:
        # "601 five five five 0138": the digit groups inside are parts of the spelled number
        taken = SpanSet(masked + [(run.start, run.end) for run in spelled])
    for run in spelled + find_digit_runs(text, min_digits=5):
        if taken.overlaps(run.start, run.end) and run not in spelled:
            continue
        if _excluded(text, run):
            continue
        cue = _cue_kind(text, run.start)
        plus = _PLUS_BEFORE.search(text, max(0, run.start - 2), run.start) is not None
        called = cues.phone_cue_near().search(text, max(0, run.start - 16), run.start) is not None
        if _account_number(text, run, cue, called or plus):
            # an account number (a Nigerian NUBAN is 10 digits, like a trunk-0 mobile)
            if _is_card(run.digits, run.groups):
                hits.append(("bank_card", run.digits, run.start, run.end))
            continue
        found = _classify(run.digits, run.groups, cue, plus, plans, called)
        if found:
            start = run.start
            if start > 0 and text[start - 1] == "(" and ")" in text[start : run.end]:
                start -= 1  # "(555) 201-3344": the area code's bracket belongs to the number
            hits.extend((kind, value, start, run.end) for kind, value in found)
        elif len(run.groups) > 1:
            hits.extend(_split(text, run, cue, plans))
    return hits


def find_same_number(text: str, hits: list[Hit]) -> list[Hit]:
    """ "微信同号": a WeChat id equal to the post's phone number, nearest phone first.

    The identifier takes the phone's span (its raw text is the number itself); it is not
    added when that phone already has a WeChat identifier at the same span.
    """
    phones = [hit for hit in hits if hit[0] == "phone"]
    if not phones:
        return []
    have = {(hit[2], hit[3]) for hit in hits if hit[0] == "wechat"}
    added: list[Hit] = []
    for match in cues.same_number().finditer(text):
        phone = min(
            phones, key=lambda hit: min(abs(hit[2] - match.end()), abs(match.start() - hit[3]))
        )
        if (phone[2], phone[3]) in have:
            continue
        have.add((phone[2], phone[3]))
        added.append(("wechat", phone[1], phone[2], phone[3]))
    return added
