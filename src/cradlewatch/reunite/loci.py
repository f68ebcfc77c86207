"""Locus names and allele designations, normalised the way CONTRACTS §4 fixes them.

Laboratories write the same marker many ways (``Penta D``, ``PENTA_D``, ``PentaD``) and the
same allele as ``9.3`` or ``9.30``; comparing raw strings would silently split one allele
into two, which changes both the frequencies used and the mutation model's allele count.
Aliases that are more than a spelling variant live in ``loci.yaml`` for experts to edit.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import yaml

# The 20 CODIS core loci (FBI, 2017): the default locus set of ``reunite power``.
CODIS20: tuple[str, ...] = (
    "CSF1PO",
    "D3S1358",
    "D5S818",
    "D7S820",
    "D8S1179",
    "D13S317",
    "D16S539",
    "D18S51",
    "D21S11",
    "FGA",
    "TH01",
    "TPOX",
    "vWA",
    "D1S1656",
    "D2S441",
    "D2S1338",
    "D10S1248",
    "D12S391",
    "D19S433",
    "D22S1045",
)

_NUMERIC = re.compile(r"\d+(\.\d+)?")
_SEPARATORS = re.compile(r"[\s_\-]+")


def locus_key(name: str) -> str:
    """The comparison key of a locus name: upper case without spaces, ``_`` or ``-``."""
    return _SEPARATORS.sub("", name).upper()


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    text = resources.files("cradlewatch.reunite").joinpath("loci.yaml").read_text("utf-8")
    table: dict[str, list[str]] = yaml.safe_load(text)
    out: dict[str, str] = {}
    for canonical, aliases in table.items():
        for name in [canonical, *(aliases or [])]:
            out[locus_key(name)] = canonical
    return out


def canonical_locus(name: str) -> str:
    """The name a locus is reported under: the YAML's canonical name, else the input's key."""
    key = locus_key(name)
    return _aliases().get(key, key)


def canonical_allele(raw: str) -> str | None:
    """The comparison form of an allele, or ``None`` when the designation is malformed.

    Numeric designations compare as numbers (``9.3`` = ``9.30``, ``10`` = ``10.0``); others
    (``X``, ``OL``, ``>20``) compare as case-insensitive strings.
    """
    text = raw.strip()
    if not text:
        return None
    if _NUMERIC.fullmatch(text):
        try:
            value = Decimal(text).normalize()
        except InvalidOperation:
            return None
        return format(value, "f")
    if any(ch in text for ch in ",;/\t") or " " in text:
        return None
    return text.upper()
