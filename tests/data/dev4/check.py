"""Sanity checks for the dev4 hand-written set: run `python tests/data/dev4/check.py`.

Why: the labels are typed by hand, so a typo in an id, a phone that lost a digit or a
bank card that fails Luhn would silently corrupt every evaluation that uses this set.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"phone", "qq", "wechat", "email", "url", "alipay", "bank_card"}
VERDICTS = {"trafficking", "suspicious", "benign"}
CN_DIGITS = {
    "零": "0",
    "〇": "0",
    "一": "1",
    "幺": "1",
    "壹": "1",
    "二": "2",
    "两": "2",
    "贰": "2",
    "三": "3",
    "叁": "3",
    "四": "4",
    "肆": "4",
    "五": "5",
    "伍": "5",
    "六": "6",
    "陆": "6",
    "七": "7",
    "柒": "7",
    "八": "8",
    "捌": "8",
    "九": "9",
    "玖": "9",
}
EN_DIGITS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}


def luhn_ok(digits: str) -> bool:
    """Standard Luhn checksum, so bank card labels are at least plausible card numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def digit_stream(text: str) -> str:
    """All digits a human reader would see, in order, whatever script they are written in."""
    text = unicodedata.normalize("NFKC", text).lower()
    for word, d in EN_DIGITS.items():
        text = re.sub(rf"\b{word}\b", d, text)
    out = []
    for ch in text:
        if ch in CN_DIGITS:
            out.append(CN_DIGITS[ch])
        elif ch.isdigit():
            out.append(str(unicodedata.digit(ch)))
    return "".join(out)


def core_digits(kind: str, value: str) -> str:
    """The digits of a label that must appear in the post (country codes may be implicit)."""
    d = re.sub(r"\D", "", value)
    if kind in ("phone", "wechat", "alipay") and value.startswith("+"):
        for cc in ("86", "1", "44", "234", "63", "60", "91", "852", "886", "65"):
            if d.startswith(cc):
                return d[len(cc) :].lstrip("0")
    return d


def main() -> int:
    posts = [json.loads(line) for line in (HERE / "posts.jsonl").read_text("utf-8").splitlines()]
    truth = [json.loads(line) for line in (HERE / "truth.jsonl").read_text("utf-8").splitlines()]
    errors: list[str] = []
    ids = [p["id"] for p in posts]
    if len(ids) != len(set(ids)):
        errors.append("duplicate post ids")
    by_id = {p["id"]: p for p in posts}
    for t in truth:
        p = by_id.get(t["id"])
        if p is None:
            errors.append(f"{t['id']}: truth without post")
            continue
        if t["verdict"] not in VERDICTS:
            errors.append(f"{t['id']}: bad verdict {t['verdict']}")
        whole = (p.get("title") or "") + "\n" + p["text"]
        stream = digit_stream(whole)
        low = unicodedata.normalize("NFKC", whole).lower()
        for ident in t["identifiers"]:
            kind, value = ident["kind"], ident["value"]
            if kind not in KINDS:
                errors.append(f"{t['id']}: bad kind {kind}")
            if kind == "bank_card" and not luhn_ok(value):
                errors.append(f"{t['id']}: bank card fails Luhn {value}")
            if kind == "phone" and not re.fullmatch(r"\+\d{8,15}", value):
                errors.append(f"{t['id']}: phone not E.164 {value}")
            digits = core_digits(kind, value)
            if value.startswith("+") or kind in ("qq", "bank_card"):
                if digits not in stream:
                    errors.append(f"{t['id']}: {kind} digits {digits} not in text")
            elif kind == "wechat":
                squeezed = re.sub(r"[\s_\-]", "", low)
                if re.sub(r"[_\-]", "", value) not in squeezed:
                    errors.append(f"{t['id']}: wechat {value} not in text")
            if kind in ("wechat", "email", "url") and value != value.lower() and kind != "url":
                errors.append(f"{t['id']}: {kind} not lower-cased")
    missing = set(ids) - {t["id"] for t in truth}
    if missing:
        errors.append(f"posts without truth: {sorted(missing)}")
    for e in errors:
        print(e)
    counts = Counter(t["verdict"] for t in truth)
    cats = Counter((t["verdict"], t["category"]) for t in truth)
    langs = Counter("en" if p.get("lang", "").startswith("en") else "other" for p in posts)
    print(len(posts), "posts", dict(counts), dict(langs))
    for (v, c), n in sorted(cats.items()):
        print(f"  {v:12} {c:16} {n}")
    print("hard negatives:", sum(t["hard_negative"] for t in truth))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
