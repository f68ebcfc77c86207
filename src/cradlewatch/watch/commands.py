"""Watch's commands: ``watch`` (CONTRACTS §5), ``scenario births`` and ``evaluate watch``."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from cradlewatch.errors import UsageError
from cradlewatch.io import RejectWriter

STAGES = 5  # case-mix, design, CUSUM, rules, funnels


@contextmanager
def _stages(description: str) -> Iterator[Callable[[str], None]]:
    """A Rich progress display on stderr (only on a terminal) advanced once per stage."""
    if not sys.stderr.isatty():
        yield lambda _stage: None
        return
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task(description, total=STAGES)

    def advance(stage: str) -> None:
        progress.update(task, description=f"{description}: {stage}", advance=1)

    with progress:
        yield advance


def _check(arl0: float, odds_ratio: float) -> None:
    if arl0 <= 1:
        raise UsageError(f"--arl0 must be greater than 1, got {arl0:g}")
    if odds_ratio <= 1:
        raise UsageError(f"--odds-ratio must be greater than 1 (deterioration), got {odds_ratio:g}")


def watch_command(
    births: Path = typer.Argument(..., help="Births CSV (CONTRACTS §5).", show_default=False),
    out: str = typer.Option(..., "--out", "-o", help="Alerts CSV to write; - for stdout."),
    arl0: float = typer.Option(
        1_000_000.0,
        "--arl0",
        help="In-control average run length, in births, of one clinician's charts together.",
    ),
    odds_ratio: float = typer.Option(
        2.0, "--odds-ratio", help="Odds ratio the CUSUM tests against 1."
    ),
    rejects: str | None = typer.Option(
        None, "--rejects", help="Where to write rejected rows (JSON Lines); default stderr."
    ),
    report: Path | None = typer.Option(
        None, "--report", help="Folder for report.html, summary.json and the charts (PNG)."
    ),
) -> None:
    """Monitor clinicians' birth outcomes: record rules, risk-adjusted CUSUM and funnel plots."""
    from cradlewatch.watch.alerts import write_alerts
    from cradlewatch.watch.births import read_births
    from cradlewatch.watch.monitor import watch
    from cradlewatch.watch.report import write_report

    _check(arl0, odds_ratio)
    table, rejected = read_births(births)
    with RejectWriter(rejects) as on_reject:
        for reject in rejected:
            on_reject(reject)
    if len(table) == 0:
        raise UsageError(f"{births}: no valid births to monitor ({len(rejected)} rejected)")
    with _stages("watching") as progress:
        result = watch(table, arl0=arl0, odds_ratio=odds_ratio, progress=progress)
    write_alerts(result.alerts, out)
    if report is not None:
        write_report(result, report)
    flagged = len({alert.clinician for alert in result.alerts})
    sys.stderr.write(
        f"watch: {len(table):,} births, {len(rejected):,} rejected, {len(result.alerts):,} alerts "
        f"on {flagged:,} clinicians; expected false CUSUM alarms "
        f"{result.expected_false_alarms_per_year:.3g}/year\n"
    )


def births_command(
    out: Path = typer.Option(
        Path("scenario-births"), "--out", "-o", help="Folder for births.csv and births_truth.json."
    ),
    seed: int = typer.Option(20140217, "--seed", help="Random seed."),
    scale: float = typer.Option(
        1.0,
        "--scale",
        help="Multiplies the number of hospitals (1 ≈ 240 clinicians, 240,000 births).",
    ),
) -> None:
    """Generate synthetic births with Zhang-like clinicians and ground truth."""
    from cradlewatch.scenario.births import write_births

    if scale <= 0:
        raise UsageError(f"--scale must be positive, got {scale:g}")
    csv_path, truth_path = write_births(out, seed=seed, scale=scale)
    sys.stderr.write(f"wrote {csv_path} and {truth_path}\n")


def evaluate_command(
    births: Path | None = typer.Option(
        None, "--births", help="Births CSV; default: generate the scenario."
    ),
    truth: Path | None = typer.Option(None, "--truth", help="Ground truth JSON of those births."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the scores as JSON here."),
    arl0: float = typer.Option(
        1_000_000.0, "--arl0", help="In-control ARL per clinician, in births."
    ),
    odds_ratio: float = typer.Option(
        2.0, "--odds-ratio", help="Odds ratio the CUSUM tests against 1."
    ),
    seed: int = typer.Option(20140217, "--seed", help="Scenario seed when births are generated."),
) -> None:
    """Detection delay and false-alarm clinicians of Watch, its signals, and a raw-rate ranking."""
    _check(arl0, odds_ratio)
    if (births is None) != (truth is None):
        raise UsageError("give both --births and --truth, or neither to generate the scenario")
    if births is None or truth is None:
        from cradlewatch.scenario.births import write_births

        with tempfile.TemporaryDirectory() as folder:
            births_path, truth_path = write_births(folder, seed=seed)
            scores = _evaluate(births_path, truth_path, arl0, odds_ratio)
    else:
        scores = _evaluate(births, truth, arl0, odds_ratio)
    _print_scores(scores)
    if out is not None:
        out.write_bytes(orjson.dumps(scores, option=orjson.OPT_INDENT_2))


def _evaluate(births: Path, truth: Path, arl0: float, odds_ratio: float) -> dict[str, Any]:
    from cradlewatch.watch.births import read_births
    from cradlewatch.watch.evaluate import evaluate
    from cradlewatch.watch.monitor import watch

    try:
        facts = orjson.loads(truth.read_bytes())
    except (OSError, orjson.JSONDecodeError) as error:
        raise UsageError(f"{truth}:1: cannot read ground truth ({error})") from None
    table, _ = read_births(births)
    with _stages("evaluating") as progress:
        result = watch(table, arl0=arl0, odds_ratio=odds_ratio, progress=progress)
    return evaluate(result, facts).as_dict()


def _print_scores(scores: dict[str, Any]) -> None:
    table = Table(title="Watch on the births scenario")
    for column in (
        "method",
        "detected",
        "delay per fraudulent clinician (events)",
        "false-alarm clinicians",
        "cluster flagged",
    ):
        table.add_column(column)
    for method in scores["methods"]:
        delays = ", ".join("—" if v is None else str(v) for v in method["delays"].values())
        table.add_row(
            method["method"],
            f"{method['detected']}/{method['fraudulent']}",
            delays,
            f"{len(method['false_alarm_clinicians'])}/{method['honest']} "
            f"({method['false_alarm_rate']:.1%})",
            "yes" if method["cluster_flagged"] else "no",
        )
    Console().print(table)
    facts = scores["facts"]
    Console().print(
        f"{facts['births']:,} births, {facts['clinicians']} clinicians, {facts['fraud_events']} "
        f"fabricated diagnoses; expected false CUSUM alarms "
        f"{facts['expected_false_alarms_per_year']:.3g}/year"
    )


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Mount Watch's commands on the cradlewatch CLI."""
    app.command("watch")(watch_command)
    scenario_app.command("births")(births_command)
    evaluate_app.command("watch")(evaluate_command)
