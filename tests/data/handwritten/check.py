"""Sanity checks for the hand-written evaluation set (run: python check.py).

Checks only form, not judgement: valid JSON, unique ids, posts and truth aligned,
labels from the documented vocabularies, identifiers normalised as CONTRACTS §2 says
and recoverable by a human reading the text (digits decoded from Chinese numerals,
circled/full-width forms and separators), bank cards pass Luhn, phones are valid.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import phonenumbers

HERE = Path(__file__).resolve().parent
VERDICTS = {"trafficking", "suspicious", "benign"}
CATEGORIES = {
    "trafficking": {"supply", "presale", "broker", "documents", "demand", "rehoming"},
    "suspicious": {"supply", "presale", "broker", "documents", "demand", "rehoming"},
    "benign": {"legal_adoption", "pet", "parenting", "dispute", "news", "warning",
               "missing_child", "support_group", "surrogacy", "unrelated"},
}
KINDS = {"phone", "qq", "wechat", "email", "url", "alipay", "bank_card"}
DIGIT_MAP = str.maketrans({
    **{c: str(i) for i, c in enumerate("零一二三四五六七八九")},
    **{c: str(i) for i, c in enumerate("〇壹贰叁肆伍陆柒捌玖")},
    "幺": "1", "两": "2", "叄": "3", "貳": "2", "參": "3", "陸": "6", "〇": "0", "o": "0", "O": "0",
    **{c: str(i + 1) for i, c in enumerate("❶❷❸❹❺❻❼❽❾")},
    **{c: str(i + 1) for i, c in enumerate("⓵⓶⓷⓸⓹⓺⓻⓼⓽")},
})


def digits_of(text: str) -> str:
    """All digits a reader would decode from the text, in order, separators dropped."""
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text).translate(DIGIT_MAP))


def luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def check_identifier(ident: dict, text: str, where: str) -> list[str]:
    kind, value = ident.get("kind"), ident.get("value", "")
    errs = []
    if kind not in KINDS:
        return [f"{where}: unknown kind {kind}"]
    flat = unicodedata.normalize("NFKC", text).lower()
    compact = re.sub(r"[\s\-_.·]", "", flat)
    if kind in {"phone", "alipay", "wechat"} and value.startswith("+"):
        num = phonenumbers.parse(value)
        if not phonenumbers.is_valid_number(num):
            errs.append(f"{where}: invalid phone {value}")
        national = str(num.national_number)
        if national not in digits_of(text):
            errs.append(f"{where}: phone digits {national} not in text")
    elif kind in {"qq", "bank_card"}:
        if not value.isdigit():
            errs.append(f"{where}: {kind} not digits-only")
        if value not in digits_of(text):
            errs.append(f"{where}: {kind} {value} not in text")
        if kind == "bank_card" and not luhn_ok(value):
            errs.append(f"{where}: bank card fails Luhn")
    elif kind == "url":
        m = re.match(r"https?://([^/]+)", value)
        if not m or m.group(1) != m.group(1).lower():
            errs.append(f"{where}: url not normalised {value}")
        elif m.group(1).removeprefix("www.") not in flat:
            errs.append(f"{where}: url host not in text")
    else:  # wechat id, email, alipay email
        if value != value.lower():
            errs.append(f"{where}: {kind} not lower-cased")
        if value not in flat and value.replace("_", "") not in compact:
            errs.append(f"{where}: {kind} {value} not in text")
    return errs


def main() -> int:
    posts = [json.loads(x) for x in (HERE / "posts.jsonl").read_text("utf-8").splitlines() if x]
    truth = [json.loads(x) for x in (HERE / "truth.jsonl").read_text("utf-8").splitlines() if x]
    errs: list[str] = []
    ids = [p["id"] for p in posts]
    errs += [f"duplicate id {i}" for i, c in Counter(ids).items() if c > 1]
    by_id = {p["id"]: p for p in posts}
    if [t["id"] for t in truth] != ids:
        errs.append("truth ids do not match post ids one to one, in order")
    for p in posts:
        if not isinstance(p.get("text"), str) or not p["text"]:
            errs.append(f"{p['id']}: empty text")
    for t in truth:
        where = t["id"]
        post = by_id.get(where)
        if post is None:
            errs.append(f"{where}: truth without post")
            continue
        if t["verdict"] not in VERDICTS or t["category"] not in CATEGORIES[t["verdict"]]:
            errs.append(f"{where}: bad verdict/category {t['verdict']}/{t['category']}")
        if t["hard_negative"] and t["verdict"] != "benign":
            errs.append(f"{where}: hard negative must be benign")
        text = post["text"] + "\n" + post.get("title", "")
        for ident in t["identifiers"]:
            errs += check_identifier(ident, text, where)
        for c in t["children"]:
            if c["sex"] not in {"male", "female", None} or not (
                    c["age_days"] is None or isinstance(c["age_days"], int)):
                errs.append(f"{where}: bad child {c}")
        for pr in t["prices"]:
            if not isinstance(pr["amount"], (int, float)) or not pr.get("currency"):
                errs.append(f"{where}: bad price {pr}")
        for pl in t["places"]:
            if not pl["province"].endswith(("省", "市", "自治区", "特别行政区")):
                errs.append(f"{where}: province not official {pl}")
        if not t["note"]:
            errs.append(f"{where}: empty note")
    for e in errs:
        print(e)
    verdicts = Counter(t["verdict"] for t in truth)
    cats = Counter((t["verdict"], t["category"]) for t in truth)
    langs = Counter(p.get("lang", "?") for p in posts)
    print(len(posts), "posts;", dict(verdicts), dict(langs),
          "hard negatives:", sum(t["hard_negative"] for t in truth))
    for (v, c), n in sorted(cats.items()):
        print(f"  {v:12} {c:15} {n}")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
