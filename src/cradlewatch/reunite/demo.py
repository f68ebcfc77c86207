"""The Reunite part of ``make demo``: a reunification round on the synthetic families.

Generates families who reported a child missing and rescued children (some belong to a
case, some to none) into ``workdir/reunite/``, builds the on-disk reference index, searches
every child, prints the best candidate of each with its likelihood ratio and the
practitioners' wording, and returns the headline figures (rank-1 rates, false candidates).
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import orjson
from rich.console import Console
from rich.table import Table

from cradlewatch.reunite.engine import Model
from cradlewatch.reunite.evaluation import evaluate_matches
from cradlewatch.reunite.evidence import combined_log10
from cradlewatch.reunite.freqs import read_frequencies
from cradlewatch.reunite.index import build_index, load_index, save_index
from cradlewatch.reunite.profiles import read_dataset
from cradlewatch.reunite.report import conclusion, match_record, write_matches
from cradlewatch.reunite.rounds import run_round
from cradlewatch.reunite.search import SearchSettings
from cradlewatch.scenario.families import generate_families, synthetic_frequencies, write_families

SHOWN = 12


def run_demo(workdir: Path, console: Console) -> dict[str, Any]:
    """Generate, index, search and report; returns the evaluation figures."""
    started = time.perf_counter()
    folder = workdir / "reunite"
    table = synthetic_frequencies()
    families = generate_families(table, cases=1000, found=150, unrelated=50, seed=2014)
    paths = write_families(families, table, folder)
    freqs = read_frequencies(paths["freqs"])
    dataset = read_dataset(paths["profiles"], paths["samples"], freqs)
    save_index(build_index(dataset, freqs, 0.001), folder / "index")
    index = load_index(folder / "index")
    settings = SearchSettings(top=3, min_log10_lr=-math.inf)
    result = run_round(dataset, index, Model(), settings, details=True)

    with (folder / "matches.csv").open("w", encoding="utf-8", newline="") as handle:
        write_matches(result.matches, handle, result.evidence_columns())
    with (folder / "details.jsonl").open("wb") as handle:
        for m in result.matches:
            factors = result.factors[(m.child_id, m.case_id)]
            handle.write(orjson.dumps(match_record(m, factors, result.prior)) + b"\n")

    table_view = Table(
        "child",
        "best case",
        "references",
        "log10 LR",
        "loci",
        "incons.",
        "non-DNA log10",
        "conclusion",
        "truth",
        title=f"Reunite: best candidate of {SHOWN} of {len(dataset.children)} rescued children",
    )
    best = [m for m in result.matches if m.rank == 1]
    for m in best[:SHOWN]:
        truth = families.truth.get(m.child_id, "")
        mark = "[green]✓[/]" if truth == m.case_id else ("no case" if not truth else "[red]✗[/]")
        evidence = combined_log10(result.factors[(m.child_id, m.case_id)])
        table_view.add_row(
            m.child_id,
            m.case_id,
            m.references,
            f"{m.log10_lr:.2f}",
            str(m.loci_used),
            str(m.inconsistent_loci),
            f"{evidence:+.2f}",
            conclusion(m),
            mark,
        )
    console.print(table_view)
    figures: dict[str, Any] = dict(
        evaluate_matches(result.matches, families.truth, families.structure).summary()
    )
    figures["seconds"] = round(time.perf_counter() - started, 2)
    figures["workdir"] = str(folder)
    console.print(
        f"rank 1: both parents {figures['rank1_both_parents']:.1%}, one parent "
        f"{figures['rank1_single_parent']:.1%}, all {figures['rank1_all']:.1%}; unrelated "
        f"children with a candidate at LR ≥ 10,000: {figures['unrelated_false_candidate_rate']:.1%}"
        f" ({figures['seconds']} s; files in {folder})"
    )
    return figures
