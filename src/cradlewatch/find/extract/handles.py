"""Text identifiers: e-mail addresses, URLs, WeChat ids and Alipay accounts.

All patterns run on the normalised text (lower case, NFKC), and return spans in it; the
caller maps them back to the captured text. E-mails are found before URLs so that the
domain of an address never becomes a URL, and URLs need a scheme, ``www.`` or a known
top-level domain, so that decimals (``3.5``) and file names never become URLs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from cradlewatch.find.extract import cues
from cradlewatch.find.extract.spans import SpanSet

Hit = tuple[str, str, int, int]  # kind, normalised value, start, end (in the normalised text)

# Top-level domains a bare "name.tld" must end in; "example"/"test" are the reserved
# documentation domains (RFC 2606) that synthetic data uses. After "www." any TLD goes.
_TLDS = (
    "com|cn|net|org|edu|gov|info|biz|cc|top|xyz|vip|club|site|online|shop|me|io|tv|co|uk|us|"
    "hk|tw|mo|jp|kr|in|de|fr|ru|au|ca|za|ke|ng|gh|ph|my|sg|pk|nz|ie|app|link|wang|ltd|work|"
    "asia|mobi|example|test"
)
_AT_WORD = r"(?:\s?[(\[{<]\s?at\s?[)\]}>]\s?|\s+at\s+)"
_DOT_WORD = r"(?:\s?[(\[{<]\s?dot\s?[)\]}>]\s?|\s+dot\s+|点)"
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_EMAIL = re.compile(
    r"(?<![a-z0-9._%+\-])(?P<local>[a-z0-9][a-z0-9._%+\-]{0,63})"
    rf"(?:(?P<at>@)|(?P<hash>#)|(?P<word>{_AT_WORD}))"
    rf"(?P<domain>{_LABEL}(?:(?:\.|{_DOT_WORD}){_LABEL})*(?:\.|{_DOT_WORD})(?P<tld>[a-z]{{2,10}}))"
    r"(?![a-z0-9\-])"
)
_KNOWN_TLD = re.compile(f"(?:{_TLDS})")
_DOT_VARIANTS = re.compile(_DOT_WORD)
_URL_CHARS = r"[a-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
_URL = re.compile(
    rf"(?P<scheme>https?://){_URL_CHARS}+"
    rf"|(?<![@a-z0-9_.\-])(?:www\.{_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,24}}"
    rf"|{_LABEL}(?:\.{_LABEL})*\.(?:{_TLDS}))(?![a-z0-9\-])"
    rf"(?::\d{{1,5}})?(?:/{_URL_CHARS}*)?"
)
_URL_TRAILING = ".,;:!?)]'\"*~"
# A site name with its dots spelled out to dodge link filters: "littlemiraclesplacement dot
# net", "hope(dot)org", "baobei点com". A plain " dot " needs a name of 6+ characters, so
# "polka dot com" stays prose; the bracketed and 点 forms are never prose.
_SPOKEN_TLD = "com|net|org|info|cn|co|io|me|uk|ph|ng|my|in|sg|hk|tw|top|xyz|vip"
_SPOKEN_DOT = r"(?:\s?[(\[{<]\s?dot\s?[)\]}>]\s?|点)"
_SPOKEN_URL = re.compile(
    rf"(?<![@a-z0-9_.\-])(?:www(?:\.|{_SPOKEN_DOT}|\s+dot\s+))?"
    rf"(?:{_LABEL}(?:{_SPOKEN_DOT}|\.)(?:{_LABEL}(?:{_SPOKEN_DOT}|\.))*"
    rf"|[a-z0-9][a-z0-9\-]{{4,61}}[a-z0-9]\s+dot\s+)"
    rf"(?:{_SPOKEN_TLD})(?![a-z0-9\-])(?:/{_URL_CHARS}*)?"
)
# every spelled-out dot stands right before its top-level domain (after a bracket or space)
_SPOKEN_HINT = re.compile(rf"(?:dot[\s)\]}}>]{{0,3}}|点)(?:{_SPOKEN_TLD})(?![a-z])")
_SPOKEN_DOTS = re.compile("dot|点")

# Anchors that every address or URL contains; each is found at C speed (they start with a
# literal or a class), and the full pattern is then tried only from the start they imply.
_AT_SIGN = re.compile("[@#]")
_AT_TOKEN = re.compile("at(?<![a-z]at)(?![a-z])")
_URL_HINT = re.compile(rf"https?://|www\.|\.(?:{_TLDS})(?![a-z0-9\-])")
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")


def _back(text: str, i: int, chars: frozenset[str], lead: str) -> int:
    """Start of the run of ``chars`` ending at ``i``, without leading ``lead`` characters."""
    while i > 0 and text[i - 1] in chars:
        i -= 1
    while i < len(text) and text[i] in lead:
        i += 1
    return i


def _matches(
    pattern: re.Pattern[str],
    text: str,
    starts: set[int],
    accept: Callable[[re.Match[str]], bool] = lambda match: True,
) -> list[re.Match[str]]:
    """Non-overlapping accepted matches of ``pattern`` tried at ``starts`` from left to right
    (a rejected match does not hide a later one inside it: "email me at jo@x.com")."""
    found = []
    covered = 0
    for start in sorted(starts):
        if start < covered:
            continue
        match = pattern.match(text, start)
        if match is not None and accept(match):
            found.append(match)
            covered = match.end()
    return found


def _plain_word_at(match: re.Match[str]) -> bool:
    """ "Learn more at www.x.org", "visit us at hope.com": a bare " at " before a domain with
    real dots is English, not an address; that form needs an obfuscated dot or a bracketed
    at ("jane at example dot com", "jane(at)example.com")."""
    word = match.group("word")
    if word is None or any(bracket in word for bracket in "([{<"):
        return False
    return _DOT_VARIANTS.search(match.group("domain")) is None


def _email_ok(match: re.Match[str]) -> bool:
    if match.group("at") is None and not _KNOWN_TLD.fullmatch(match.group("tld")):
        return False  # an obfuscated address must end in a known top-level domain
    if _plain_word_at(match):
        return False
    return match.group("hash") is None or "." in match.group("domain")


def find_emails(text: str) -> list[Hit]:
    """Plain and obfuscated addresses (``name at example dot com``, ``name#qq.com``).

    Obfuscated forms must end in a known top-level domain, which keeps "meet at noon" and
    "#hashtag" out; a bare " at " also needs an obfuscated dot (see :func:`_plain_word_at`).
    """
    starts = {_back(text, m.start(), _LOCAL_CHARS, "._%+-") for m in _AT_SIGN.finditer(text)}
    for token in _AT_TOKEN.finditer(text):
        i = token.start()
        while i > 0 and (text[i - 1].isspace() or text[i - 1] in "([{<"):
            i -= 1
        starts.add(_back(text, i, _LOCAL_CHARS, "._%+-"))
    hits: list[Hit] = []
    for match in _matches(_EMAIL, text, starts, _email_ok):
        domain = _DOT_VARIANTS.sub(".", match.group("domain"))
        hits.append(("email", f"{match.group('local')}@{domain}", match.start(), match.end()))
    return hits


def url_value(raw: str) -> str:
    """``www.X.com/Abc`` → ``http://www.x.com/Abc``: scheme added, host lower-cased, path kept;
    dots spelled out in the host ("hope dot org") are dots."""
    raw = unicodedata.normalize("NFKC", raw)
    host_end = min((raw.find(char) for char in "/?#" if char in raw), default=len(raw))
    if "://" not in raw and _SPOKEN_HINT.search(raw.lower(), 0, host_end) is not None:
        raw = _DOT_VARIANTS.sub(".", raw[:host_end].lower()) + raw[host_end:]
    scheme, sep, rest = raw.partition("://")
    if not sep:
        scheme, rest = "http", raw
    cut = len(rest)
    for char in "/?#":
        position = rest.find(char)
        if position != -1:
            cut = min(cut, position)
    return f"{scheme.lower()}://{rest[:cut].lower()}{rest[cut:]}"


def find_urls(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of URLs in ``text`` that do not overlap ``taken`` (e-mail spans).

    The value is built from the captured text by :func:`url_value`, because the normalised
    text has lost the case of the path.
    """
    emails = SpanSet(taken)
    starts = set()
    # every hint holds a dot or "://": most Chinese posts have neither, and need no scan
    hints = _URL_HINT.finditer(text) if "." in text or "://" in text else ()
    for hint in hints:
        starts.add(hint.start())
        if not hint.group().startswith("http"):
            # a host may start before the hint: "abc.com", and "awww.com" (whose ".com" the
            # "www." hint consumed)
            starts.add(_back(text, hint.start(), _HOST_CHARS, ".-"))
    spans: list[tuple[int, int]] = []
    for match in _matches(_URL, text, starts):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAILING:
            end -= 1
        if emails.overlaps(start, end):
            continue
        spans.append((start, end))
    if ("dot" in text or "点" in text) and _SPOKEN_HINT.search(text) is not None:
        spans.extend(_spoken_urls(text, SpanSet(taken + spans)))
        spans.sort()
    return spans


def _spoken_urls(text: str, taken: SpanSet) -> list[tuple[int, int]]:
    """Spans of site names written with spelled-out dots that no e-mail or URL covers."""
    starts = set()
    for hint in _SPOKEN_DOTS.finditer(text):
        i = hint.start()
        while i > 0 and (text[i - 1].isspace() or text[i - 1] in "([{<"):
            i -= 1
        starts.add(_back(text, i, _HOST_CHARS, ".-"))
    found = []
    for match in _matches(_SPOKEN_URL, text, starts):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAILING:
            end -= 1
        if _DOT_VARIANTS.search(text, start, end) is not None and not taken.overlaps(start, end):
            found.append((start, end))
    return found


@cache
def _phone_words() -> frozenset[str]:
    """Phone words ("tel", "call"): before a digit block they announce a number, not an id."""
    return frozenset(cues.cue_lists()["phone"])


def find_handles(text: str) -> list[Hit]:
    """WeChat ids and Alipay account names after their cues (``vx：wang_li88``).

    Alipay accounts that are phones or e-mails are found by the digit-run and e-mail
    extractors; here only letter-first account names are taken. A Latin cue glued to the
    id (``vxwei7146``) counts only when the id holds a digit, so that English words that
    start like a cue ("verifies", "vxxx") are not read as ids; so does an id on the line
    after its cue, and one a few Chinese words after it ("加我v 要男孩 lw_dache1985"). An id
    typed in two blocks, letters then digits ("威 hnzm 2580"), is one id.
    """
    hits: list[Hit] = []
    for kind in ("wechat", "alipay"):
        for match in cues.handle_after(kind).finditer(text):
            group = next(name for name in ("id", "spaced", "split") if match.group(name))
            handle = match.group(group).replace(" ", "")
            digit = any(ch.isdigit() for ch in handle)
            glued = not match.group("sep") and match.group("cue").isascii()
            if glued and (group != "id" or not digit):
                continue  # "vx 1 9 9 …" is the cue vx before a number, not v + "x 1 9 9 …"
            if group == "split" and match.group(group).split(" ")[0] in _phone_words():
                continue  # "vx, call 1860…": a phone word before a number, not an id
            if ("\n" in match.group("sep") or match.group("gap")) and not digit:
                continue  # a cue ending its line, then a line of prose ("加v⏎welcome")
            hits.append((kind, handle, match.start(group), match.end(group)))
    return hits
