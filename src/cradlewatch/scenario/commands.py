"""The scenario's ``posts`` command (``families`` and ``births`` are registered by their owners)."""

from __future__ import annotations

import typer

from cradlewatch.scenario.phrasebank import TEMPLATE_CHOICES


def posts_command(
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed gives the same bytes."),
    size: int = typer.Option(..., "--size", help="Number of posts to generate.", show_default=False),
    templates: str = typer.Option("train", "--templates", help=f"Phrase-bank half: {'|'.join(TEMPLATE_CHOICES)}."),
    out: str = typer.Option("-", "--out", "-o", help="Posts as JSON Lines; - for stdout."),
    truth: str | None = typer.Option(None, "--truth", help="Ground truth as JSON Lines, one record per post."),
    start_date: str = typer.Option("2013-01-01", "--start-date", help="First day of posted_at (+08:00)."),
    days: int | None = typer.Option(None, "--days", help="Days covered from --start-date [default: up to 2014-02-19]."),
) -> None:
    """Generate synthetic posts (CONTRACTS §1) and their ground truth, deterministically."""
    from cradlewatch.scenario.output import write_corpus

    write_corpus(seed=seed, size=size, templates=templates, out=out, truth=truth,
                 start_date=start_date, days=days)


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Mount ``cradlewatch scenario posts``."""
    scenario_app.command("posts")(posts_command)
