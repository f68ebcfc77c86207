"""Sanity checks for the dev2 hand-written set (run: python tests/data/dev2/check.py).

Why: the set is written by hand, so typos in the truth (a phone with one digit too many, an
id missing from posts.jsonl) are the likeliest errors. This script checks structure and that a
human reading the post can recover every truth identifier from its text or title.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERDICTS = {"trafficking", "suspicious", "benign"}
KINDS = {"phone", "qq", "wechat", "email", "url", "alipay", "bank_card"}
DIGITS = {
    **{c: str(i) for i, c in enumerate("零一二三四五六七八九")},
    **{c: str(i) for i, c in enumerate("〇壹贰叁肆伍陆柒捌玖")},
    "幺": "1",
    "两": "2",
    "⓪": "0",
    **{chr(0x2460 + i): str(i + 1) for i in range(9)},
}
COUNTRY_CODES = ("+86", "+852", "+886", "+60", "+65", "+1")


def digit_stream(text: str) -> str:
    """All digits of the text in order, after decoding Chinese, circled and full-width forms."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        ch = DIGITS.get(ch, ch)
        if ch.isascii() and ch.isdigit():
            out.append(ch)
    return "".join(out)


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def national(value: str) -> str:
    for cc in COUNTRY_CODES:
        if value.startswith(cc):
            return value[len(cc) :]  # a landline keeps its area code without the trunk 0
    return value.lstrip("+")


def recoverable(kind: str, value: str, text: str) -> bool:
    flat = unicodedata.normalize("NFKC", text).lower()
    if value.startswith("+"):
        return national(value) in digit_stream(text)
    if kind in {"qq", "bank_card"}:
        return value in digit_stream(text)
    if kind == "url":
        return value.split("://", 1)[1] in flat
    return value in flat


def main() -> int:
    posts = [json.loads(line) for line in (HERE / "posts.jsonl").open(encoding="utf-8")]
    truth = [json.loads(line) for line in (HERE / "truth.jsonl").open(encoding="utf-8")]
    errors = []
    by_id = {p["id"]: p for p in posts}
    if len(by_id) != len(posts):
        errors.append("duplicate post ids")
    if [t["id"] for t in truth] != [p["id"] for p in posts]:
        errors.append("truth ids differ from post ids")
    for p in posts:
        if not isinstance(p.get("text"), str) or not p["text"]:
            errors.append(f"{p['id']}: empty text")
        if "posted_at" in p:
            datetime.fromisoformat(p["posted_at"])
    for t in truth:
        pid = t["id"]
        if t["verdict"] not in VERDICTS:
            errors.append(f"{pid}: bad verdict")
        post = by_id.get(pid)
        if post is None:
            continue
        text = post.get("title", "") + "\n" + post["text"]
        for ident in t["identifiers"]:
            kind, value = ident["kind"], ident["value"]
            if kind not in KINDS:
                errors.append(f"{pid}: bad kind {kind}")
            if kind == "phone" and value.startswith("+861") and len(value) != 14:
                errors.append(f"{pid}: Chinese mobile {value} is not 11 digits")
            if kind == "bank_card" and not luhn_ok(value):
                errors.append(f"{pid}: bank card {value} fails Luhn")
            if not recoverable(kind, value, text):
                errors.append(f"{pid}: {kind} {value} not recoverable from the text")
        for price in t["prices"]:
            if not isinstance(price["amount"], (int, float)) or price["amount"] <= 0:
                errors.append(f"{pid}: bad price {price}")
    for line in errors:
        print(line, file=sys.stderr)
    print(f"{len(posts)} posts, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
