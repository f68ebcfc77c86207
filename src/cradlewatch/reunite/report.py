"""Output of a reunification round: the CONTRACTS §4 CSV, per-match reasons, and the wording.

Practitioners' conventions (China's anti-trafficking DNA database and the kinship literature
it follows): a combined LR of 10,000 or more *supports* the relationship; three or more
inconsistent loci, with mutation considered, point to *exclusion*; anything between is
inconclusive and calls for more loci or more relatives. The verbal scale for the strength
of the LR follows the ENFSI guideline (2015).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from cradlewatch.reunite.evidence import EvidenceFactor, combined_log10, posterior
from cradlewatch.reunite.search import Match

COLUMNS = [
    "child_id",
    "case_id",
    "references",
    "log10_lr",
    "loci_used",
    "inconsistent_loci",
    "rank",
]
EVIDENCE_COLUMNS = ["evidence_log10_lr", "posterior"]
SUPPORT_LOG10 = 4.0
EXCLUSION_LOCI = 3
_VERBAL = [
    (6, "extremely strong"),
    (4, "very strong"),
    (3, "strong"),
    (2, "moderately strong"),
    (1, "moderate"),
    (0, "weak"),
]


def format_log10(value: float) -> str:
    """At least 10 significant digits, or the exact short form (``0``, ``1.5``); ``-inf``/``nan``."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    if value == 0:
        return "0"
    text = repr(float(value)).removesuffix(".0")
    digits = len(text.lstrip("-").split("e")[0].replace(".", "").lstrip("0"))
    if digits >= 10 or Decimal(text) == Decimal(value):
        return text  # enough digits, or the short string is the double's exact value
    return f"{value:.17g}"


def conclusion(match: Match) -> str:
    """The practitioners' wording for one match, DNA only."""
    if math.isnan(match.log10_lr):
        return "references inconsistent with each other: check sample labels"
    if match.inconsistent_loci >= EXCLUSION_LOCI:
        return f"exclusion: {match.inconsistent_loci} inconsistent loci (mutation considered)"
    if match.log10_lr >= SUPPORT_LOG10:
        return "supports the relationship (LR ≥ 10,000)"
    return "inconclusive: type more loci or more relatives"


def verbal_strength(log10_lr: float) -> str:
    """ENFSI verbal equivalent of an LR above 1; 'against' phrasing below 1."""
    if math.isnan(log10_lr):
        return "undefined"
    if log10_lr < 0:
        return f"{verbal_strength(-log10_lr)} support against the relationship"
    for floor, words in _VERBAL:
        if log10_lr >= floor:
            return f"{words} support"
    return "no support"


def write_matches(
    matches: Iterable[Match],
    out: IO[str],
    evidence: dict[tuple[str, str], tuple[float, float]] | None = None,
) -> None:
    """The CONTRACTS §4 CSV; with ``evidence`` two optional trailing columns."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS + (EVIDENCE_COLUMNS if evidence is not None else []))
    for m in matches:
        row = [
            m.child_id,
            m.case_id,
            m.references,
            format_log10(m.log10_lr),
            m.loci_used,
            m.inconsistent_loci,
            m.rank,
        ]
        if evidence is not None:
            ev, post = evidence[(m.child_id, m.case_id)]
            row += [format_log10(ev), f"{post:.6g}"]
        writer.writerow(row)


def match_record(match: Match, factors: list[EvidenceFactor], prior: float) -> dict[str, Any]:
    """Everything behind one match, for the JSON Lines details file and for ``--explain``."""
    evidence = combined_log10(factors)
    return {
        "child_id": match.child_id,
        "case_id": match.case_id,
        "rank": match.rank,
        "references": match.references,
        "log10_lr": format_log10(match.log10_lr),
        "loci_used": match.loci_used,
        "inconsistent_loci": [d.locus for d in match.loci if not d.consistent],
        "conclusion": conclusion(match),
        "strength": verbal_strength(match.log10_lr),
        "loci": [
            {
                "locus": d.locus,
                "child": d.child,
                "references": d.references,
                "log10_lr": format_log10(d.log10_lr),
                "consistent": d.consistent,
            }
            for d in match.loci
        ],
        "evidence": [
            {"attribute": f.attribute, "lr": f.ratio, "reason": f.reason} for f in factors
        ],
        "evidence_log10_lr": format_log10(evidence),
        "prior": prior,
        "posterior_dna": posterior(match.log10_lr, prior),
        "posterior_with_evidence": posterior(match.log10_lr + evidence, prior),
    }


def render_explanation(record: dict[str, Any], console: Console) -> None:
    """A readable report of one child–case comparison."""
    console.print(
        f"[bold]{record['child_id']}[/] vs case [bold]{record['case_id']}[/] "
        f"({record['references'] or 'no reference typed at a common locus'})"
    )
    table = Table("locus", "child", "references", "LR", "log10 LR", "consistent")
    for locus in record["loci"]:
        refs = ", ".join(f"{k} {v}" for k, v in locus["references"].items())
        mark = "yes" if locus["consistent"] else "[red]NO[/]"
        value = float(locus["log10_lr"])
        table.add_row(
            locus["locus"], locus["child"], refs, f"{10**value:.4g}", f"{value:.4f}", mark
        )
    console.print(table)
    console.print(
        f"combined log10 LR = {record['log10_lr']} over {record['loci_used']} loci "
        f"({record['strength']})"
    )
    bad = record["inconsistent_loci"]
    console.print(f"inconsistent loci: {len(bad)}" + (f" ({', '.join(bad)})" if bad else ""))
    console.print(f"conclusion: [bold]{record['conclusion']}[/]")
    for factor in record["evidence"]:
        console.print(
            f"non-DNA evidence: {factor['attribute']}: LR {factor['lr']:.3g} ({factor['reason']})"
        )
    console.print(
        f"prior P(H1) = {record['prior']:.3g}; posterior from DNA = {record['posterior_dna']:.6g}; "
        f"with non-DNA evidence (log10 {float(record['evidence_log10_lr']):+.3f}, capped) = "
        f"{record['posterior_with_evidence']:.6g}"
    )
