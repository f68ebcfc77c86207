"""Commands of the extractors: ``extract`` (facts without a verdict) and ``evaluate extract``.

``extract`` is for the analyst who wants the contacts, prices, places and children in a crawl
— to seed a watch list, or to check what ``scan`` will see — without scoring it.
``evaluate extract`` measures the extractors on labelled posts, or on a generated scenario
corpus when no posts are given (see ``docs/text-and-extractors.md`` §7).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import typer

from cradlewatch.errors import UsageError
from cradlewatch.find.extract import Extraction, extract_post
from cradlewatch.find.extract.evaluation import ExtractionReport, score_extractions
from cradlewatch.find.labelled import labelled_posts
from cradlewatch.io import JsonlWriter, RejectWriter, progress_bar, read_posts, total_input_bytes
from cradlewatch.model import Post


def extract_command(
    inputs: list[str] = typer.Argument(
        ..., help="Posts: JSONL(.gz), CSV, HTML, WARC files, directories, or - for stdin."
    ),
    out: str = typer.Option("-", "--out", "-o", help="Where to write (JSON Lines); - for stdout."),
    rejects: str | None = typer.Option(
        None, "--rejects", help="Where to write rejected records (JSON Lines); default stderr."
    ),
    region: str = typer.Option(
        "US", "--region", help="Numbering plan for phones written without a + or Chinese form."
    ),
) -> None:
    """Write each post's identifiers, prices, places and children (no verdict), with spans."""
    with (
        RejectWriter(rejects) as on_reject,
        progress_bar(total_input_bytes(inputs), "extracting") as on_progress,
        JsonlWriter(out) as writer,
    ):
        for post in read_posts(inputs, on_reject, on_progress):
            found = extract_post(post, region=region)
            writer.write(
                {
                    "id": post.id,
                    "identifiers": found.identifiers,
                    "prices": found.prices,
                    "places": found.places,
                    "children": found.children,
                }
            )


def _only(post: Post, fields: set[str]) -> Post:
    """The post with only the labelled fields, so the score compares like with like."""
    return Post(
        id=post.id,
        text=post.text if "text" in fields else "",
        title=post.title if "title" in fields else None,
        posted_at=post.posted_at,
        lang=post.lang,
    )


def _in_fields(truth: dict[str, Any], chosen: set[str]) -> dict[str, Any]:
    """The truth record without the facts it places in fields that are not scored."""
    kept = dict(truth)
    for kind in ("identifiers", "prices", "places", "children"):
        records = truth.get(kind) or []
        kept[kind] = [r for r in records if r.get("field", "text") in chosen or "field" not in r]
    return kept


def _print(report: ExtractionReport, show: int) -> None:
    typer.echo(f"extractors on {report.name}: {report.posts} posts")
    typer.echo(
        f"{'kind':24s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'tp':>6s} {'fp':>5s} {'fn':>5s}"
    )
    for kind, score in sorted(report.scores.items()):
        typer.echo(
            f"{kind:24s} {score.precision:9.3f} {score.recall:7.3f} {score.f1:6.3f}"
            f" {score.tp:6d} {score.fp:5d} {score.fn:5d}"
        )
    for miss in report.misses[:show]:
        typer.echo(f"  {miss.post_id} {miss.kind}: missed {miss.missed} extra {miss.extra}")


def evaluate_extract(
    inputs: list[str] = typer.Argument(
        None, help="Labelled posts; omit to generate a scenario corpus."
    ),
    truth: str | None = typer.Option(
        None, "--truth", help="Ground truth JSON Lines (one record per post id)."
    ),
    fields: str | None = typer.Option(
        None,
        "--fields",
        help="Post fields to score, comma-separated (default title,text); truth records "
        "that name another field are left out.",
    ),
    seed: int = typer.Option(20140219, "--seed", help="Seed of the generated corpus."),
    size: int = typer.Option(3000, "--size", help="Posts in the generated corpus."),
    templates: str = typer.Option("heldout", "--templates", help="Phrase split of the corpus."),
    region: str = typer.Option("US", "--region", help="Numbering plan, as for extract."),
    json_out: str | None = typer.Option(None, "--json", help="Also write the figures as JSON."),
    show: int = typer.Option(5, "--show", help="List this many posts with differences."),
) -> None:
    """Precision, recall and F1 of identifiers (also per kind), prices, places and children."""
    corpus = labelled_posts(inputs, truth, seed, size, templates)
    posts, labels, name = corpus.posts, corpus.labels, corpus.name
    chosen = {f.strip() for f in (fields or "title,text").split(",") if f.strip()}
    if not chosen or not chosen <= {"title", "text"}:
        raise UsageError(f"--fields: expected title and/or text, got {fields!r}")
    triples: list[tuple[str, Extraction, dict[str, Any]]] = [
        (p.id, extract_post(_only(p, chosen), region=region), _in_fields(labels[p.id], chosen))
        for p in posts
    ]
    report = score_extractions(name, triples)
    _print(report, show)
    if json_out:
        Path(json_out).write_bytes(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2))


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Mount ``extract`` and ``evaluate extract``."""
    app.command("extract")(extract_command)
    evaluate_app.command("extract")(evaluate_extract)
