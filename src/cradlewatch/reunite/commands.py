"""``cradlewatch reunite`` (CONTRACTS §4), ``reunite index``, ``reunite power``,
``scenario families`` and ``evaluate reunite``: thin wrappers over the Python API."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import IO, Annotated

import orjson
import typer
from rich.console import Console

from cradlewatch.errors import UsageError
from cradlewatch.reunite.engine import Model
from cradlewatch.reunite.evidence import evidence_factors
from cradlewatch.reunite.freqs import read_frequencies
from cradlewatch.reunite.index import (
    ReferenceIndex,
    build_index,
    load_index,
    merge_cases,
    save_index,
)
from cradlewatch.reunite.profiles import Dataset, read_dataset
from cradlewatch.reunite.report import match_record, render_explanation, write_matches
from cradlewatch.reunite.rounds import (
    default_prior,
    explain_pair,
    index_frequencies,
    run_round,
)
from cradlewatch.reunite.search import SearchSettings

CONTEXT = {"help_option_names": ["-h", "--help"]}

reunite_app = typer.Typer(
    help="Match unidentified children to families who reported a child missing (STR kinship LR).",
    context_settings=CONTEXT,
)


def _model(theta: float, mutation_rate: float) -> Model:
    if not 0 <= theta < 1:
        raise UsageError(f"--theta:0: must be in [0, 1), got {theta}")
    if not 0 <= mutation_rate < 1:
        raise UsageError(f"--mutation-rate:0: must be in [0, 1), got {mutation_rate}")
    return Model(theta=theta, mutation_rate=mutation_rate)


def _open_out(out: Path) -> IO[str]:
    if str(out) == "-":
        return sys.stdout
    try:
        return out.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise UsageError(f"{out}:0: cannot write ({error.strerror})") from None


@reunite_app.callback(invoke_without_command=True)
def reunite(
    ctx: typer.Context,
    profiles: Annotated[
        Path | None, typer.Option("--profiles", help="STR profiles CSV (long format).")
    ] = None,
    samples: Annotated[
        Path | None, typer.Option("--samples", help="Samples CSV: sample_id,case_id,role.")
    ] = None,
    freqs: Annotated[
        Path | None, typer.Option("--freqs", help="Allele frequencies (CSV or block text).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output CSV ('-' = stdout).")] = Path(
        "-"
    ),
    index: Annotated[
        Path | None,
        typer.Option(
            "--index",
            help="A reference index from 'reunite index' (replaces the sheets' references).",
        ),
    ] = None,
    theta: Annotated[float, typer.Option("--theta", help="Balding–Nichols θ.")] = 0.0,
    mutation_rate: Annotated[
        float, typer.Option("--mutation-rate", help="Equal-model rate μ.")
    ] = 0.002,
    rare_freq: Annotated[
        float, typer.Option("--rare-freq", help="Frequency of unlisted alleles.")
    ] = 0.001,
    top: Annotated[int, typer.Option("--top", help="Cases reported per child.")] = 5,
    min_log10_lr: Annotated[
        float, typer.Option("--min-log10-lr", help="Keep log10_lr >= X.")
    ] = 0.0,
    report_all: Annotated[
        bool, typer.Option("--all", help="Report every child–case pair.")
    ] = False,
    shortlist: Annotated[
        int,
        typer.Option(
            "--shortlist", help="Cases per child evaluated exactly after the screen (0 = all)."
        ),
    ] = 100,
    evidence: Annotated[
        bool,
        typer.Option(
            "--evidence", help="Add evidence_log10_lr and posterior columns (non-DNA evidence)."
        ),
    ] = False,
    prior: Annotated[
        float | None,
        typer.Option(
            "--prior", help="Prior P(H1) per pair for posteriors (default 1/number of cases)."
        ),
    ] = None,
    details: Annotated[
        Path | None,
        typer.Option(
            "--details", help="JSON Lines with every reported match's reasons (per-locus LRs)."
        ),
    ] = None,
    explain: Annotated[
        tuple[str, str] | None,
        typer.Option("--explain", metavar="CHILD_ID CASE_ID", help="Explain one comparison."),
    ] = None,
) -> None:
    """Rank candidate families for every unidentified child (CONTRACTS §4)."""
    if ctx.invoked_subcommand is not None:
        return
    if profiles is None and samples is None and freqs is None and index is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(0)
    if profiles is None or samples is None or (freqs is None and index is None):
        raise UsageError("reunite:0: --profiles, --samples and --freqs (or --index) are required")
    model = _model(theta, mutation_rate)
    if not 0 < rare_freq <= 1:
        raise UsageError(f"--rare-freq:0: must be in (0, 1], got {rare_freq}")
    if index is not None:
        if freqs is not None:
            raise UsageError(
                f"{freqs}:0: an index carries the frequency table it was built with; "
                "rebuild it with 'reunite index' to change the table"
            )
        references = load_index(index)
        dataset = read_dataset(profiles, samples, index_frequencies(references))
        if dataset.cases:
            sys.stderr.write(
                f"cradlewatch: {samples}: {len(dataset.cases)} case(s) listed; with --index the "
                "references come from the index and these are ignored\n"
            )
    else:
        assert freqs is not None
        table = read_frequencies(freqs)
        dataset = read_dataset(profiles, samples, table)
        references = build_index(dataset, table, rare_freq)
    if prior is not None and not 0 < prior < 1:
        raise UsageError(f"--prior:0: must be in (0, 1), got {prior}")
    if explain is not None:
        _explain(dataset, references, model, explain, prior)
        return
    settings = SearchSettings(top, min_log10_lr, report_all, shortlist)
    result = run_round(dataset, references, model, settings, prior, details=details is not None)
    for m in result.matches:
        if math.isnan(m.log10_lr):
            sys.stderr.write(
                f"cradlewatch: warning: case {m.case_id}: references impossible even as "
                f"unrelated to {m.child_id} (log10_lr nan)\n"
            )
    handle = _open_out(out)
    try:
        write_matches(result.matches, handle, result.evidence_columns() if evidence else None)
    finally:
        if handle is not sys.stdout:
            handle.close()
    if details is not None:
        with details.open("wb") as sink:
            for m in result.matches:
                record = match_record(m, result.factors[(m.child_id, m.case_id)], result.prior)
                sink.write(orjson.dumps(record) + b"\n")


def _explain(
    dataset: Dataset,
    references: ReferenceIndex,
    model: Model,
    explain: tuple[str, str],
    prior: float | None,
) -> None:
    child_id, case_id = explain
    match = explain_pair(dataset, references, model, child_id, case_id)
    if match is None:
        raise UsageError(f"--explain:0: unknown child {child_id!r} or case {case_id!r}")
    case_number = references.case_ids.index(case_id)
    factors = evidence_factors(
        dataset.child_attributes.get(child_id, {}), references.case_attributes[case_number]
    )
    record = match_record(match, factors, prior if prior is not None else default_prior(references))
    render_explanation(record, Console(soft_wrap=True))


@reunite_app.command("index")
def index_command(
    profiles: Annotated[Path, typer.Option("--profiles", help="STR profiles CSV.")],
    samples: Annotated[
        Path, typer.Option("--samples", help="Samples CSV (references are indexed).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Index directory to write.")],
    freqs: Annotated[
        Path | None, typer.Option("--freqs", help="Allele frequencies (not with --append).")
    ] = None,
    rare_freq: Annotated[
        float, typer.Option("--rare-freq", help="Frequency of unlisted alleles.")
    ] = 0.001,
    append: Annotated[
        bool,
        typer.Option("--append", help="Add these cases to the index in --out (same id: replaced)."),
    ] = False,
) -> None:
    """Build (or extend) the memory-mapped reference index of every case's relatives."""
    if append:
        if freqs is not None:
            raise UsageError(f"{freqs}:0: --append keeps the index's own frequency table")
        existing = load_index(out)
        dataset = read_dataset(profiles, samples, index_frequencies(existing))
        built = merge_cases(existing, dataset)
    else:
        if freqs is None:
            raise UsageError("reunite index:0: --freqs is required to build a new index")
        table = read_frequencies(freqs)
        dataset = read_dataset(profiles, samples, table)
        built = build_index(dataset, table, rare_freq)
    save_index(built, out)
    sys.stderr.write(
        f"indexed {len(built.ref_ids)} references of {len(built.case_ids)} cases "
        f"at {len(built.loci)} loci into {out}\n"
    )


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Mount ``reunite`` (with ``index`` and ``power``), ``scenario families``, ``evaluate reunite``."""
    from cradlewatch.reunite import power_command, scenario_command

    power_command.register(reunite_app)
    app.add_typer(reunite_app, name="reunite")
    scenario_app.command("families")(scenario_command.families)
    evaluate_app.command("reunite")(scenario_command.evaluate)
