"""Sanity checks for the dev3 set: run `python tests/data/dev3/check.py`.

Why: the set is hand-written, so typos in the truth file are the main risk. This checks
JSON validity, unique ids, that posts and truth line up, that each truth identifier can be
read back from the post (digits after undoing the usual obfuscations), and Luhn for cards.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIGITS = dict(zip("零〇一二三四五六七八九", "00123456789", strict=True))
DIGITS.update(zip("壹贰叁肆伍陆柒捌玖", "123456789", strict=True))
DIGITS.update({"幺": "1", "两": "2", "洞": "0", "⓪": "0", "⓿": "0"})
for _first in ("⓵", "❶", "➀", "➊"):  # double-circled and negative circled 1-9 (NFKC keeps them)
    DIGITS.update({chr(ord(_first) + i): str(i + 1) for i in range(9)})
DIGITS.update(zip("貳參陸", "236", strict=True))
VERDICTS = {"trafficking", "suspicious", "benign"}
KINDS = {"phone", "qq", "wechat", "email", "url", "alipay", "bank_card"}


def digit_stream(text: str) -> str:
    """All digits of the text, in order, with Chinese numerals mapped to digits."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(DIGITS.get(ch, ch) for ch in text if ch.isdigit() or ch in DIGITS)


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def recoverable(kind: str, value: str, text: str) -> bool:
    if kind in {"phone", "qq", "bank_card"} or (kind in {"wechat", "alipay"} and value.startswith("+")):
        digits = re.sub(r"\D", "", value)
        stream = digit_stream(text)
        if not value.startswith("+"):
            return digits in stream
        # Any country-code length (1-3 digits); a trunk 0 may precede the national part.
        return any(digits[k:] in stream for k in (1, 2, 3))
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()
    bare = re.sub(r"^https?://", "", value)
    return bare in flat or bare.replace("www.", "", 1) in flat


def main() -> int:
    posts = [json.loads(line) for line in (HERE / "posts.jsonl").read_text("utf-8").splitlines()]
    truth = [json.loads(line) for line in (HERE / "truth.jsonl").read_text("utf-8").splitlines()]
    errors: list[str] = []
    ids = [p["id"] for p in posts]
    if len(ids) != len(set(ids)):
        errors.append("duplicate post ids")
    by_id = {p["id"]: p for p in posts}
    if {t["id"] for t in truth} != set(ids):
        errors.append("truth ids differ from post ids")
    for t in truth:
        post = by_id.get(t["id"])
        if post is None:
            continue
        if not isinstance(post.get("text"), str) or not post["text"]:
            errors.append(f"{t['id']}: empty text")
        if t["verdict"] not in VERDICTS:
            errors.append(f"{t['id']}: bad verdict {t['verdict']}")
        text = post.get("title", "") + "\n" + post["text"]
        for ident in t["identifiers"]:
            if ident["kind"] not in KINDS:
                errors.append(f"{t['id']}: bad kind {ident['kind']}")
            if not recoverable(ident["kind"], ident["value"], text):
                errors.append(f"{t['id']}: {ident['kind']} {ident['value']} not found in text")
            if ident["kind"] == "bank_card" and not luhn_ok(ident["value"]):
                errors.append(f"{t['id']}: bank card fails Luhn")
    for e in errors:
        print(e)
    counts: dict[str, int] = {}
    for t in truth:
        counts[t["verdict"]] = counts.get(t["verdict"], 0) + 1
    print(len(posts), "posts", counts, "hard negatives:", sum(t["hard_negative"] for t in truth))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
