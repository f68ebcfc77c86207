"""Sanity checks for the hand-written development set (posts.jsonl + truth.jsonl).

Run: .venv/bin/python tests/data/dev/check.py
It checks structure and that every truth identifier can be read back from the post by a
human (digits recoverable after undoing the obfuscations listed in README.md). It does not
and must not use cradlewatch's own extractors: the set has to stay independent of them.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

import phonenumbers

HERE = Path(__file__).resolve().parent
VERDICTS = {"trafficking", "suspicious", "benign"}
CATEGORIES = {
    "trafficking": {"supply", "presale", "broker", "documents", "demand", "rehoming", "baby_sale"},
    "suspicious": {"supply", "presale", "broker", "documents", "demand", "rehoming", "baby_sale"},
    "benign": {
        "legal_adoption",
        "family_adoption",
        "foster_care",
        "pet",
        "parenting",
        "news",
        "warning",
        "missing_child",
        "support_group",
        "surrogacy",
        "adoption_scam_warning",
        "charity",
        "secondhand",
        "unrelated",
    },
}
KINDS = {"phone", "qq", "wechat", "email", "url", "alipay", "bank_card"}
CN_DIGITS = dict(
    zip(
        "零〇一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖幺两兩洞拐勾",
        "00123456789122334566789122079",
        strict=True,
    )
)
# 洞 (0), 幺 (1), 两 (2), 拐 (7), 勾 (9) follow the radio-style readings people use.


def digits_of(text: str) -> str:
    """All digits a reader would see, in order, after undoing digit-style obfuscation."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        if ch.isdigit() and ch.isascii():
            out.append(ch)
        elif ch in CN_DIGITS:
            out.append(CN_DIGITS[ch])
        elif ch in "lI":  # "l是1" style substitutions
            out.append("1")
    return "".join(out)


def luhn_ok(number: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(number)):
        n = int(d)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def recoverable(kind: str, value: str, text: str) -> bool:
    spelled = re.sub(r"\s*[\(\[]\s*at\s*[\)\]]\s*|\s+at\s+", "@", text, flags=re.I)
    spelled = re.sub(r"\s*[\(\[]\s*dot\s*[\)\]]\s*|\s+dot\s+", ".", spelled, flags=re.I)
    flat = re.sub(r"[\s\u200b]", "", unicodedata.normalize("NFKC", spelled)).lower()
    if kind in ("phone", "wechat", "alipay") and value.startswith("+"):
        num = phonenumbers.parse(value)
        if not phonenumbers.is_valid_number(num):
            return False
        national = str(num.national_number)
        return national in digits_of(text)
    if kind in ("qq", "bank_card"):
        return value.isdigit() and value in digits_of(text) and (kind == "qq" or luhn_ok(value))
    if kind == "url":
        host = re.sub(r"^https?://", "", value).split("/")[0]
        return value.startswith(("http://", "https://")) and host == host.lower() and host in flat
    return value == value.lower() and value.replace(" ", "") in flat


def main() -> int:
    posts = [json.loads(line) for line in (HERE / "posts.jsonl").open(encoding="utf-8")]
    truth = [json.loads(line) for line in (HERE / "truth.jsonl").open(encoding="utf-8")]
    problems: list[str] = []
    by_id = {}
    for p in posts:
        if not isinstance(p.get("id"), str) or not isinstance(p.get("text"), str) or not p["text"]:
            problems.append(f"post without id/text: {p}")
            continue
        if p["id"] in by_id:
            problems.append(f"duplicate post id {p['id']}")
        by_id[p["id"]] = p
        if "posted_at" in p:
            datetime.fromisoformat(p["posted_at"])
            if p.get("lang") == "zh" and not p["posted_at"].endswith("+08:00"):
                problems.append(f"{p['id']}: Chinese post without +08:00")
    seen = set()
    for t in truth:
        i = t["id"]
        if i in seen:
            problems.append(f"duplicate truth id {i}")
        seen.add(i)
        if i not in by_id:
            problems.append(f"truth id {i} not in posts")
            continue
        if t["verdict"] not in VERDICTS or t["category"] not in CATEGORIES[t["verdict"]]:
            problems.append(f"{i}: bad verdict/category {t['verdict']}/{t['category']}")
        if t["hard_negative"] and t["verdict"] != "benign":
            problems.append(f"{i}: hard_negative on a non-benign post")
        text = by_id[i]["text"] + "\n" + by_id[i].get("title", "")
        for ident in t["identifiers"]:
            if ident["kind"] not in KINDS or not recoverable(ident["kind"], ident["value"], text):
                problems.append(f"{i}: identifier not recoverable: {ident}")
        for c in t["children"]:
            if c["sex"] not in ("male", "female", None):
                problems.append(f"{i}: bad child sex {c}")
        for pr in t["prices"]:
            if not isinstance(pr["amount"], (int, float)) or pr["currency"] not in (
                "CNY",
                "USD",
                "HKD",
                "TWD",
                "GBP",
                "CAD",
                "AUD",
            ):
                problems.append(f"{i}: bad price {pr}")
        if not t["note"]:
            problems.append(f"{i}: empty note")
    for i in by_id:
        if i not in seen:
            problems.append(f"post {i} has no truth record")
    for line in problems:
        print(line)
    counts: dict[str, int] = {}
    for t in truth:
        counts[t["verdict"]] = counts.get(t["verdict"], 0) + 1
    langs: dict[str, int] = {}
    for p in posts:
        langs[p.get("lang", "?")] = langs.get(p.get("lang", "?"), 0) + 1
    print(f"{len(posts)} posts; verdicts {counts}; languages {langs}; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
