"""Non-genetic evidence (sex, age, dates, province) as a stated, capped likelihood ratio.

Investigators know more than a DNA profile: the sex of the missing child, its birth date,
when and where it disappeared; for a rescued child, an age estimate, when and where it was
found. Each attribute present on both sides contributes a likelihood ratio whose parameters
live in ``evidence.yaml``. The product is clipped to [1/cap, cap] (default 100) and reported
*beside* the DNA likelihood ratio: DNA alone decides the ``supports``/``exclusion`` wording,
so a fitting age and province can reorder near-ties but never make a match.

Attributes (optional columns of the samples sheet): on a child row ``sex``, ``age_years``
(estimate at ``event_date`` = rescue date), ``birth_date`` if known, ``province`` of rescue;
on any reference row of a case, the missing child's ``sex``, ``birth_date``, ``event_date``
(disappearance) and ``province`` of disappearance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_YEAR = 365.2425


@dataclass(slots=True)
class EvidenceFactor:
    """One attribute's contribution, with the observation that produced it."""

    attribute: str
    ratio: float
    reason: str


@lru_cache(maxsize=1)
def parameters() -> dict[str, Any]:
    """The stated assumptions of ``evidence.yaml``."""
    text = resources.files("cradlewatch.reunite").joinpath("evidence.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def evidence_factors(child: dict[str, str], case: dict[str, str]) -> list[EvidenceFactor]:
    """The likelihood ratio of each attribute present for both the child and the case."""
    params = parameters()
    out: list[EvidenceFactor] = []
    sex_c, sex_k = child.get("sex", "").lower()[:1], case.get("sex", "").lower()[:1]
    if sex_c in "mf" and sex_k in "mf" and sex_c and sex_k:
        error, share = params["sex"]["recording_error"], params["sex"]["share_male"]
        prior = share if sex_k == "m" else 1 - share
        if sex_c == sex_k:
            out.append(EvidenceFactor("sex", (1 - error) / prior, f"both {child['sex']}"))
        else:
            out.append(
                EvidenceFactor("sex", error / prior, f"child {child['sex']}, case {case['sex']}")
            )
    found, missing = _date(child.get("event_date")), _date(case.get("event_date"))
    if found and missing and found < missing:
        ratio = params["timing"]["found_before_missing"]
        out.append(EvidenceFactor("dates", ratio, f"found {found} before missing {missing}"))
    age = _age_factor(child, case, params["age"])
    if age is not None:
        out.append(age)
    prov_c, prov_k = child.get("province", ""), case.get("province", "")
    if prov_c and prov_k:
        same = params["province"]["same_if_related"]
        unrelated = 1 / params["province"]["provinces"]
        if prov_c == prov_k:
            out.append(EvidenceFactor("province", same / unrelated, f"both {prov_c}"))
        else:
            ratio = (1 - same) / (1 - unrelated)
            out.append(EvidenceFactor("province", ratio, f"child {prov_c}, case {prov_k}"))
    return out


def _age_factor(
    child: dict[str, str], case: dict[str, str], params: dict[str, float]
) -> EvidenceFactor | None:
    born_case = _date(case.get("birth_date"))
    if born_case is None:
        return None
    born_child = _date(child.get("birth_date"))
    estimate, found = _float(child.get("age_years")), _date(child.get("event_date"))
    if born_child is not None:
        gap, stated = (born_child - born_case).days / _YEAR, f"born {born_child} vs {born_case}"
        sd = params["sd_years_min"]
    elif estimate is not None and found is not None:
        expected = (found - born_case).days / _YEAR
        gap, stated = estimate - expected, f"age ≈{estimate:g} y vs {expected:.1f} y expected"
        sd = max(params["sd_years_min"], params["sd_fraction"] * estimate)
    else:
        return None
    density = math.exp(-0.5 * (gap / sd) ** 2) / (sd * math.sqrt(2 * math.pi))
    return EvidenceFactor("age", density * params["range_years"], stated)


def combined_log10(factors: list[EvidenceFactor]) -> float:
    """log10 of the product of the factors, clipped to ±log10(cap)."""
    cap = math.log10(parameters()["cap"])
    total = sum(math.log10(max(f.ratio, 1e-300)) for f in factors)
    return max(-cap, min(cap, total))


def posterior(log10_lr: float, prior: float) -> float:
    """P(H1 | evidence) from a combined log10 LR and the prior P(H1) of the pair."""
    if math.isnan(log10_lr):
        return math.nan
    if log10_lr == -math.inf:
        return 0.0
    log_odds = math.log10(prior / (1 - prior)) + log10_lr
    if log_odds > 300:
        return 1.0
    odds = 10.0**log_odds
    return odds / (1 + odds)
