"""``cradlewatch reunite power``: LR distributions and false candidates for a locus set."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import orjson
import typer
from rich.console import Console
from rich.table import Table

from cradlewatch.errors import UsageError
from cradlewatch.reunite.engine import Model
from cradlewatch.reunite.freqs import read_frequencies
from cradlewatch.reunite.loci import CODIS20, canonical_locus
from cradlewatch.reunite.power import RELATIONSHIPS, exact_tail, simulate_pairs


def power(
    freqs: Annotated[Path, typer.Option("--freqs", help="Allele frequencies (CSV or block text).")],
    loci: Annotated[
        str, typer.Option("--loci", help="'CODIS20' or comma-separated names.")
    ] = "CODIS20",
    relationship: Annotated[
        str, typer.Option("--relationship", help=", ".join(RELATIONSHIPS))
    ] = "parent",
    database_size: Annotated[
        int, typer.Option("--database-size", help="References of that kind per child's search.")
    ] = 1_000_000,
    threshold: Annotated[
        float, typer.Option("--threshold", help="log10 LR reporting threshold.")
    ] = 4.0,
    pairs: Annotated[
        int, typer.Option("--pairs", help="Simulated true and unrelated pairs.")
    ] = 20_000,
    theta: Annotated[
        float, typer.Option("--theta", help="Balding–Nichols θ of the likelihood.")
    ] = 0.0,
    mutation_rate: Annotated[
        float, typer.Option("--mutation-rate", help="Equal-model rate μ.")
    ] = 0.002,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the simulation.")] = 1,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the figures as JSON.")
    ] = None,
) -> None:
    """Simulate true and unrelated pairs; expected false candidates per child."""
    if relationship not in RELATIONSHIPS:
        raise UsageError(f"--relationship:0: expected one of {', '.join(RELATIONSHIPS)}")
    table = read_frequencies(freqs)
    names = (
        list(CODIS20)
        if loci.upper() == "CODIS20"
        else [canonical_locus(x) for x in loci.split(",")]
    )
    missing = [name for name in names if name not in table.loci]
    if missing:
        raise UsageError(f"{freqs}:0: loci not in the table: {', '.join(missing)}")
    model = Model(theta, mutation_rate)
    true_lr, false_lr = simulate_pairs(table, names, relationship, model, pairs, seed)
    figures: dict[str, object] = {
        "relationship": relationship,
        "loci": len(names),
        "threshold": threshold,
        "database_size": database_size,
        "pairs": pairs,
        "simulated_true_rate": float(np.mean(true_lr >= threshold)),
        "simulated_false_rate": float(np.mean(false_lr >= threshold)),
        "true_log10_lr_quantiles": dict(
            zip(("5%", "50%", "95%"), np.quantile(true_lr, [0.05, 0.5, 0.95]).tolist(), strict=True)
        ),
        "unrelated_log10_lr_quantiles": dict(
            zip(
                ("5%", "50%", "95%"), np.quantile(false_lr, [0.05, 0.5, 0.95]).tolist(), strict=True
            )
        ),
    }
    if relationship != "both_parents":
        tail = exact_tail(table, names, relationship, model, threshold)
        figures["exact_true_rate"] = tail.true_rate
        figures["exact_false_rate"] = tail.false_rate
        figures["expected_false_candidates_per_child"] = tail.false_rate * database_size
    else:
        figures["expected_false_candidates_per_child"] = (
            figures["simulated_false_rate"] * database_size  # type: ignore[operator]
        )
    console = Console()
    grid = Table("figure", "value", title=f"reunite power: {relationship}, {len(names)} loci")
    for key, value in figures.items():
        if isinstance(value, dict):
            text = ", ".join(f"{q}: {v:.2f}" for q, v in value.items())
        else:
            text = f"{value:.4g}" if isinstance(value, float) else str(value)
        grid.add_row(key, text)
    console.print(grid)
    if out is not None:
        out.write_bytes(orjson.dumps(figures, option=orjson.OPT_INDENT_2))


def register(reunite_app: typer.Typer) -> None:
    """Add ``power`` to the ``reunite`` group."""
    reunite_app.command("power")(power)
