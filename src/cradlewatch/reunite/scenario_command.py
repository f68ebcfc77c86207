"""``cradlewatch scenario families`` and ``cradlewatch evaluate reunite``."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.console import Console
from rich.table import Table

from cradlewatch.reunite.engine import Model
from cradlewatch.reunite.evaluation import evaluate_matches
from cradlewatch.reunite.freqs import read_frequencies
from cradlewatch.reunite.index import build_index
from cradlewatch.reunite.profiles import read_dataset
from cradlewatch.reunite.rounds import run_round
from cradlewatch.reunite.search import SearchSettings
from cradlewatch.scenario.families import generate_families, synthetic_frequencies, write_families


def families(
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory for the generated CSV files.")
    ],
    cases: Annotated[
        int, typer.Option("--cases", help="Families who reported a child missing.")
    ] = 500,
    found: Annotated[
        int, typer.Option("--found", help="Rescued children who belong to a case.")
    ] = 200,
    unrelated: Annotated[
        int, typer.Option("--unrelated", help="Rescued children of no case.")
    ] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 7,
    freqs: Annotated[
        Path | None,
        typer.Option("--freqs", help="Frequency table to draw from (default: the synthetic one)."),
    ] = None,
    mutation_rate: Annotated[
        float, typer.Option("--mutation-rate", help="Equal-model rate μ.")
    ] = 0.002,
) -> None:
    """Generate families, their typed relatives and rescued children, with ground truth."""
    table = read_frequencies(freqs) if freqs is not None else synthetic_frequencies()
    generated = generate_families(table, cases, found, unrelated, seed, mutation_rate)
    paths = write_families(generated, table, out)
    typer.echo(" ".join(str(p) for p in paths.values()), err=True)


def evaluate(
    directory: Annotated[Path, typer.Argument(help="A directory written by 'scenario families'.")],
    theta: Annotated[float, typer.Option("--theta", help="Balding–Nichols θ.")] = 0.0,
    mutation_rate: Annotated[
        float, typer.Option("--mutation-rate", help="Equal-model rate μ.")
    ] = 0.002,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the figures as JSON.")
    ] = None,
) -> None:
    """Rank-1 rates and the false-candidate rate of a reunification round."""
    table = read_frequencies(directory / "freqs.csv")
    dataset = read_dataset(directory / "profiles.csv", directory / "samples.csv", table)
    with (directory / "truth.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    truth = {r["child_id"]: r["case_id"] for r in rows}
    structure = {r["case_id"]: r["structure"] for r in rows if r["case_id"]}
    index = build_index(dataset, table, 0.001)
    result = run_round(
        dataset, index, Model(theta, mutation_rate), SearchSettings(top=1, min_log10_lr=-math.inf)
    )
    summary = evaluate_matches(result.matches, truth, structure).summary()
    grid = Table("figure", "value", title="evaluate reunite")
    for key, value in summary.items():
        grid.add_row(key, f"{value:.4g}")
    Console().print(grid)
    if out is not None:
        out.write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2))
