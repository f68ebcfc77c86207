"""Sanity checks for the dev5 development set (run: python tests/data/dev5/check.py).

Why: the set is written by hand, so typos in ids, labels or normalised values are the
main risk. This checks structure and that every labelled identifier can really be read
back from its post (digits decoded the way a human reader would), without using any
cradlewatch code, so the set stays independent of the extractors it measures.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERDICTS = {"trafficking", "suspicious", "benign"}
KINDS = {"phone", "qq", "wechat", "email", "url", "alipay", "bank_card"}
DIGITS = dict(
    zip(
        "零〇一壹幺二贰貳两兩三叁參四肆五伍六陆陸七柒八捌九玖",
        "00111222223334455666778899",
        strict=True,
    )
)


def digit_stream(text: str) -> str:
    """All digits of a text in order, after decoding full-width, circled and Chinese forms."""
    norm = unicodedata.normalize("NFKC", text)
    return "".join(DIGITS.get(ch, ch) for ch in norm if ch.isdigit() or ch in DIGITS)


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def recoverable(kind: str, value: str, post: dict[str, str]) -> bool:
    text = post.get("title", "") + "\n" + post["text"]
    low = unicodedata.normalize("NFKC", text).lower()
    if kind in {"phone", "alipay", "wechat"} and value.startswith("+"):
        # The country code is often not written; accept the national part after a 1–3 digit code.
        stream = digit_stream(text)
        return any(value[k:] in stream for k in (2, 3, 4))
    if kind in {"qq", "bank_card"}:
        return value in digit_stream(text) and (kind == "qq" or luhn_ok(value))
    if kind == "url":
        host = value.split("://", 1)[1].split("/", 1)[0]
        return value.startswith(("http://", "https://")) and host.removeprefix("www.") in low
    squeezed = "".join(low.split())
    return value == value.lower() and (value in low or value in squeezed)


def main() -> int:
    posts = [json.loads(line) for line in (HERE / "posts.jsonl").open(encoding="utf-8")]
    truth = [json.loads(line) for line in (HERE / "truth.jsonl").open(encoding="utf-8")]
    errors: list[str] = []
    ids = [p["id"] for p in posts]
    if len(ids) != len(set(ids)):
        errors.append("duplicate post ids")
    by_id = {p["id"]: p for p in posts}
    if [t["id"] for t in truth] != ids:
        errors.append("truth ids differ from post ids (or order)")
    threads: dict[str, str] = {}
    for p in posts:
        if not isinstance(p.get("text"), str) or not p["text"]:
            errors.append(f"{p['id']}: empty text")
        tid = p.get("thread_id")
        if tid and "posted_at" in p:
            if tid in threads and p["posted_at"] < threads[tid]:
                errors.append(f"{p['id']}: reply earlier than its thread parent")
            threads.setdefault(tid, p["posted_at"])
    for t in truth:
        pid = t["id"]
        if t["verdict"] not in VERDICTS:
            errors.append(f"{pid}: bad verdict")
        if t["hard_negative"] and t["verdict"] != "benign":
            errors.append(f"{pid}: hard negative must be benign")
        for ident in t["identifiers"]:
            if ident["kind"] not in KINDS or pid not in by_id:
                errors.append(f"{pid}: bad identifier kind {ident}")
            elif not recoverable(ident["kind"], ident["value"], by_id[pid]):
                errors.append(f"{pid}: identifier not in text {ident}")
        for child in t["children"]:
            if child["sex"] not in {"male", "female", None}:
                errors.append(f"{pid}: bad child sex")
        for price in t["prices"]:
            if not isinstance(price["amount"], (int, float)) or len(price["currency"]) != 3:
                errors.append(f"{pid}: bad price {price}")
        for place in t["places"]:
            if not place["province"].endswith(("省", "市", "自治区", "特别行政区")):
                errors.append(f"{pid}: province not official {place}")
    counts: dict[str, int] = {}
    for t in truth:
        counts[t["verdict"]] = counts.get(t["verdict"], 0) + 1
    print(len(posts), "posts", counts, sum(t["hard_negative"] for t in truth), "hard negatives")
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
