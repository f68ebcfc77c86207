"""One validator for the hand-written labelled sets under tests/data/ (posts.jsonl + truth.jsonl).

Why: the labels are typed by hand, so a typo (an id missing from posts.jsonl, a phone that lost a
digit, a bank card that fails Luhn) would silently corrupt every evaluation that uses a set. This
checks form, never judgement: valid JSON Lines, unique ids, one truth record per post in the same
order, labels of the documented shapes, identifiers normalised as CONTRACTS §2 says, and every
truth identifier recoverable by a human reading the post's title and text. It imports no
cradlewatch code on purpose: the sets must stay independent of the extractors they measure.

Run: .venv/bin/python tests/data/check_labelled.py tests/data/dev tests/data/dev2 ...
(add --thread-order for sets that keep a thread's parent before its replies, like dev5).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import phonenumbers

VERDICTS = {"trafficking", "suspicious", "benign"}
KINDS = {"phone", "qq", "wechat", "email", "url", "alipay", "bank_card"}
SEXES = {"male", "female", None}
# Official names of Chinese province-level divisions end with one of these.
PROVINCE_SUFFIXES = ("省", "市", "自治区", "特别行政区")
# Chinese numerals a reader decodes as digits: plain, 大写 (simplified and traditional) and the
# radio-style readings 洞 0, 幺 1, 两 2, 拐 7, 勾 9. Circled, keycap and full-width digits need no
# table: NFKC or unicodedata.digit() already decodes them.
CJK_DIGITS = {
    **dict.fromkeys("零〇洞", "0"),
    **dict.fromkeys("一壹幺", "1"),
    **dict.fromkeys("二贰貳两兩", "2"),
    **dict.fromkeys("三叁參叄", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆陸", "6"),
    **dict.fromkeys("七柒拐", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖勾", "9"),
}
# Look-alike letters ("l是1", "o是0") and spelled English digits: writers use them, but read
# everywhere they would put digits into ordinary words, so they count only in extra readings.
LOOKALIKES = {"l": "1", "I": "1", "o": "0", "O": "0"}
EN_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
EN_VALUES = {**{w: str(i) for i, w in enumerate(EN_WORDS)}, "oh": "0"}
EN_DIGITS = re.compile(rf"\b({'|'.join(EN_VALUES)})\b", re.I)
SEPARATORS = re.compile(r"[\s\u200b-\u200d\u2060\ufeff\-_.·]")
SPELLED_AT = re.compile(r"\s*[(\[]\s*at\s*[)\]]\s*|\s+at\s+", re.I)
SPELLED_DOT = re.compile(r"\s*[(\[]\s*dot\s*[)\]]\s*|\s+dot\s+", re.I)
E164 = re.compile(r"\+[1-9]\d{7,14}")

Record = dict[str, Any]


def digit_streams(text: str) -> list[str]:
    """Every digit a reader sees, in order, under each reading (strict, letters, words, both).

    A labelled number is recoverable when it is a contiguous run of one of these streams: the
    separators, spacing and emoji between its digits do not count, the digits' script does not.
    """
    worded = EN_DIGITS.sub(lambda m: EN_VALUES[m.group(1).lower()], text)
    streams = []
    for source in (text, worded):
        norm = unicodedata.normalize("NFKC", source)
        for table in ({}, LOOKALIKES):
            out = []
            for ch in norm:
                if ch in CJK_DIGITS:
                    out.append(CJK_DIGITS[ch])
                elif ch in table:
                    out.append(table[ch])
                elif ch.isdigit():
                    out.append(str(unicodedata.digit(ch)))
            streams.append("".join(out))
    return streams


def flat_texts(text: str) -> list[str]:
    """The text lower-cased without separators, as written and with spelled "at"/"dot" decoded."""
    norm = unicodedata.normalize("NFKC", text).lower()
    spelled = SPELLED_DOT.sub(".", SPELLED_AT.sub("@", norm))
    return [SEPARATORS.sub("", norm), SEPARATORS.sub("", spelled)]


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def identifier_problems(kind: str, value: str, text: str) -> list[str]:
    """Why one labelled identifier is malformed or cannot be read back from its post."""
    if kind not in KINDS:
        return [f"unknown identifier kind {kind!r}"]
    if kind == "phone" and not E164.fullmatch(value):
        return [f"phone {value} is not E.164"]
    if kind in ("phone", "wechat", "alipay") and value.startswith("+"):
        try:
            number = phonenumbers.parse(value)
        except phonenumbers.NumberParseException:
            return [f"{kind} {value} does not parse as a phone number"]
        # Possible, not valid: writers use reserved fiction ranges (UK 07700 900xxx) on purpose.
        if not phonenumbers.is_possible_number(number):
            return [f"{kind} {value} has the wrong length for its country"]
        # The country code and trunk 0 are often not written; the national number must be.
        wanted = str(number.national_number)
        ok = any(wanted in s for s in digit_streams(text))
        return [] if ok else [f"{kind} {value}: digits {wanted} not in the post"]
    if kind in ("qq", "bank_card"):
        if not value.isdigit():
            return [f"{kind} {value} is not digits only"]
        if kind == "bank_card" and not luhn_ok(value):
            return [f"bank card {value} fails Luhn"]
        ok = any(value in s for s in digit_streams(text))
        return [] if ok else [f"{kind} {value} not in the post"]
    if kind == "url":
        m = re.match(r"https?://([^/?#]+)", value)
        if not m or m.group(1) != m.group(1).lower():
            return [f"url {value} not normalised (scheme, lower-case host)"]
        host = SEPARATORS.sub("", m.group(1).removeprefix("www."))
        ok = any(host in flat for flat in flat_texts(text))
        return [] if ok else [f"url host of {value} not in the post"]
    if value != value.lower():
        return [f"{kind} {value} not lower-cased"]
    wanted = SEPARATORS.sub("", value)
    ok = bool(wanted) and any(wanted in flat for flat in flat_texts(text))
    return [] if ok else [f"{kind} {value} not in the post"]


def read_jsonl(path: Path, problems: list[str]) -> list[tuple[int, Record]]:
    """The file's JSON objects with their line numbers; bad lines become problems."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        problems.append(f"{path}: unreadable ({e})")
        return []
    records = []
    for n, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{path}:{n}: invalid JSON ({e.msg})")
            continue
        if isinstance(record, dict):
            records.append((n, record))
        else:
            problems.append(f"{path}:{n}: not a JSON object")
    return records


def post_problems(post: Record, thread_start: dict[str, datetime] | None) -> list[str]:
    """Form of one post; `thread_start`, when given, holds the time of each thread's first post
    in the file (its parent), and a later reply may not be earlier than that."""
    out = []
    if not isinstance(post.get("text"), str) or not post["text"].strip():
        out.append("empty or missing text")
    if not isinstance(post.get("title", ""), str):
        out.append("title is not a string")
    if "posted_at" in post:
        try:
            when = datetime.fromisoformat(post["posted_at"])
        except (TypeError, ValueError):
            return [*out, f"posted_at {post['posted_at']!r} is not ISO 8601"]
        if when.utcoffset() is None:
            out.append("posted_at without a UTC offset")
        elif post.get("lang") == "zh" and post["posted_at"][-6:] != "+08:00":
            out.append("Chinese post without +08:00")
        thread = post.get("thread_id")
        if thread_start is not None and isinstance(thread, str) and when.utcoffset() is not None:
            if thread in thread_start and when < thread_start[thread]:
                out.append(f"reply earlier than its thread {thread}'s parent")
            thread_start.setdefault(thread, when)
    return out


def truth_problems(truth: Record, post: Record) -> list[str]:
    """Form of one truth record, and that its identifiers can be read back from its post."""
    out = []
    verdict = truth.get("verdict")
    if verdict not in VERDICTS:
        out.append(f"bad verdict {verdict!r}")
    if not isinstance(truth.get("category"), str) or not re.fullmatch(
        r"[a-z][a-z0-9_]*", truth["category"]
    ):
        out.append(f"bad category {truth.get('category')!r}")
    if not isinstance(truth.get("hard_negative"), bool):
        out.append("hard_negative is not true/false")
    elif truth["hard_negative"] and verdict != "benign":
        out.append("hard negative must be benign")
    if not isinstance(truth.get("note"), str) or not truth["note"].strip():
        out.append("empty note")
    text = f"{post.get('title') or ''}\n{post.get('text') or ''}"
    try:
        for ident in truth["identifiers"]:
            out += identifier_problems(ident["kind"], ident["value"], text)
        for price in truth["prices"]:
            amount = price["amount"]
            if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
                out.append(f"bad price amount {price}")
            if not re.fullmatch(r"[A-Z]{3}", price["currency"]):
                out.append(f"bad currency {price}")
        for child in truth["children"]:
            age = child["age_days"]
            if child["sex"] not in SEXES or not (age is None or type(age) is int):
                out.append(f"bad child {child}")
        for place in truth["places"]:
            if not place["province"].endswith(PROVINCE_SUFFIXES):
                out.append(f"province not an official name {place}")
    except (KeyError, TypeError, AttributeError) as e:
        out.append(f"malformed identifiers/prices/children/places ({type(e).__name__}: {e})")
    return out


def check(folder: Path, *, thread_order: bool = False) -> list[str]:
    """All problems found in folder/posts.jsonl and folder/truth.jsonl (empty when clean).

    `thread_order` adds one writer's convention (dev5): a thread's parent is its first post in
    the file and no reply is dated before it. Other sets quote a thread's parent after replies.
    """
    problems: list[str] = []
    posts_path, truth_path = folder / "posts.jsonl", folder / "truth.jsonl"
    posts = read_jsonl(posts_path, problems)
    truths = read_jsonl(truth_path, problems)
    by_id: dict[str, Record] = {}
    thread_start: dict[str, datetime] | None = {} if thread_order else None
    for n, post in posts:
        pid = post.get("id")
        if not isinstance(pid, str) or not pid:
            problems.append(f"{posts_path}:{n}: post without an id")
            continue
        if pid in by_id:
            problems.append(f"{posts_path}:{n}: duplicate post id {pid}")
        by_id[pid] = post
        problems += [f"{posts_path}:{n}: {pid}: {p}" for p in post_problems(post, thread_start)]
    seen: set[str] = set()
    for n, truth in truths:
        tid = truth.get("id")
        where = f"{truth_path}:{n}: {tid}"
        if not isinstance(tid, str) or tid in seen:
            problems.append(f"{where}: missing or duplicate truth id")
            continue
        seen.add(tid)
        if tid not in by_id:
            problems.append(f"{where}: truth without a post")
            continue
        problems += [f"{where}: {p}" for p in truth_problems(truth, by_id[tid])]
    problems += [
        f"{posts_path}: post {pid} has no truth record" for pid in by_id if pid not in seen
    ]
    if [t.get("id") for _, t in truths] != [p.get("id") for _, p in posts]:
        problems.append(f"{truth_path}: truth ids are not the post ids in the same order")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Check hand-written labelled data sets.")
    parser.add_argument("folders", nargs="+", type=Path, help="folders with posts/truth.jsonl")
    parser.add_argument(
        "--thread-order", action="store_true", help="also require parents before their replies"
    )
    args = parser.parse_args(argv)
    failed = False
    for folder in args.folders:
        problems = check(folder, thread_order=args.thread_order)
        for line in problems:
            print(line)
        posts = folder / "posts.jsonl"
        count = len(posts.read_text("utf-8").splitlines()) if posts.is_file() else 0
        print(f"{folder}: {count} posts, {len(problems)} problems")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
