"""Link's commands: ``rings`` (CONTRACTS §3) and ``evaluate rings``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated

import orjson
import typer

from cradlewatch.errors import UsageError
from cradlewatch.link.config import LinkConfig
from cradlewatch.link.judgements import read_judgements
from cradlewatch.link.pipeline import RingBuilder
from cradlewatch.link.scan import scan_prepared
from cradlewatch.model import Post, Reject


def _config(path: Path | None) -> LinkConfig:
    return LinkConfig.from_yaml(path) if path else LinkConfig()


def default_workers() -> int:
    """Scan processes: the machine's cores, at most 4 (the parent also works)."""
    return max(1, min(4, os.cpu_count() or 1))


def read_into(builder: RingBuilder, inputs: list[str], on_reject: Callable[[Reject], None],
              workers: int) -> int:
    """Read, scan and add every post of ``inputs``; returns how many posts were new."""
    from cradlewatch.io import dedupe_ids, progress_bar, read_posts, total_input_bytes

    added = 0
    with progress_bar(total_input_bytes(inputs), "linking") as on_progress:
        posts = dedupe_ids(read_posts(inputs, on_reject, on_progress), on_reject)
        for prepared in scan_prepared(posts, builder.config, workers):
            added += builder.add(prepared)
    return added


def rings(
    inputs: Annotated[list[str], typer.Argument(help="Posts: JSONL(.gz), CSV, HTML, WARC files, directories, or - for stdin.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Where to write rings (JSON Lines, largest first); - for stdout.")] = "-",
    rejects: Annotated[str | None, typer.Option("--rejects", help="Where to write rejected records (JSON Lines); default stderr.")] = None,
    judgements: Annotated[Path | None, typer.Option("--judgements", help="Analysts' decisions (JSON Lines: confirm/reject/merge/split with user and time).")] = None,
    state: Annotated[Path | None, typer.Option("--state", help="Incremental state directory: new posts update the rings kept there, persisting rings keep their ids.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="YAML overrides of the link weights and thresholds.")] = None,
    workers: Annotated[int, typer.Option("--workers", help="Scan processes.")] = default_workers(),
) -> None:
    """Group every flagged post into exactly one ring, with the reasons for every join."""
    from cradlewatch.io import JsonlWriter, RejectWriter
    from cradlewatch.link.state import load_state, save_state

    with RejectWriter(rejects) as on_reject:
        builder = RingBuilder(config=_config(config))
        if judgements is not None:
            builder.judgements = read_judgements(judgements, on_reject)
        if state is not None:
            load_state(state, builder)
        read_into(builder, inputs, on_reject, workers)
        profiles = builder.build()
        with JsonlWriter(out) as writer:
            for profile in profiles:
                writer.write(profile)
        if state is not None:
            save_state(state, builder)


def _generated(seed: int, size: int, templates: str) -> tuple[Iterator[Post], dict[str, str]]:
    from cradlewatch.scenario.posts import generate_posts

    known = set(Post.__dataclass_fields__) - {"extra", "provenance"}
    posts: list[Post] = []
    truth: dict[str, str] = {}
    for record, label in generate_posts(seed, size, templates):
        fields = {k: v for k, v in record.items() if k in known}
        posts.append(Post(**fields, extra={k: v for k, v in record.items() if k not in known}))
        if label.get("ring"):
            truth[str(label["id"])] = str(label["ring"])
    return iter(posts), truth


def evaluate_rings(
    inputs: Annotated[list[str] | None, typer.Argument(help="Posts with ground truth; omit to generate a held-out scenario corpus.")] = None,
    truth: Annotated[Path | None, typer.Option("--truth", help="Ground truth JSON Lines (id, ring) for the given posts.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the generated held-out corpus.")] = 20140219,
    size: Annotated[int, typer.Option("--size", help="Posts in the generated held-out corpus.")] = 20000,
    templates: Annotated[str, typer.Option("--templates", help="Phrase split of the generated corpus.")] = "heldout",
    config: Annotated[Path | None, typer.Option("--config", help="YAML overrides of the link weights and thresholds.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON to this file.")] = None,
    workers: Annotated[int, typer.Option("--workers", help="Scan processes.")] = default_workers(),
) -> None:
    """B-cubed and pairwise F1 of the rings against ground truth, beside connected components."""
    from cradlewatch.io import RejectWriter
    from cradlewatch.link.evaluate import read_truth
    from cradlewatch.link.report import evaluate_builder, print_evaluation

    builder = RingBuilder(config=_config(config))
    with RejectWriter(None) as on_reject:
        if inputs:
            if truth is None:
                raise UsageError("--truth is required with posts given")
            labels = read_truth(truth)
            read_into(builder, inputs, on_reject, workers)
            name = ", ".join(inputs)
        else:
            posts, labels = _generated(seed, size, templates)
            _add_all(builder, posts, workers)
            name = f"scenario seed {seed}, {size} posts, {templates} templates"
    figures = evaluate_builder(builder, labels)
    print_evaluation(name, figures)
    if json_out is not None:
        json_out.write_bytes(orjson.dumps(figures, option=orjson.OPT_INDENT_2))


def _add_all(builder: RingBuilder, posts: Iterable[Post], workers: int) -> None:
    for prepared in scan_prepared(posts, builder.config, workers):
        builder.add(prepared)


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("rings")(rings)
    evaluate_app.command("rings")(evaluate_rings)
