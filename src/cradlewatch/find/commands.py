"""Find's commands: ``scan`` (CONTRACTS §2), ``evaluate scan`` and ``train scan``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson
import typer

from cradlewatch.errors import UsageError
from cradlewatch.find.evaluation import scan_and_score
from cradlewatch.find.labelled import labelled_posts, training_labels
from cradlewatch.find.training import LABEL_WEIGHT, REGULARISATION_C
from cradlewatch.io import (
    JsonlWriter,
    RejectWriter,
    progress_bar,
    read_posts,
    total_input_bytes,
)
from cradlewatch.model import Post


def scan(
    inputs: list[str] = typer.Argument(
        ..., help="Posts: JSONL(.gz), CSV, HTML, WARC files, directories, or - for stdin."
    ),
    out: str = typer.Option(
        "-", "--out", "-o", help="Where to write findings (JSON Lines); - for stdout."
    ),
    rejects: str | None = typer.Option(
        None, "--rejects", help="Where to write rejected records (JSON Lines); default stderr."
    ),
    model: Path | None = typer.Option(
        None,
        "--model",
        help="A text model saved by 'cradlewatch train scan' (default: the shipped one).",
    ),
    explain: str | None = typer.Option(
        None,
        "--explain",
        metavar="POST_ID",
        help="Show why one post got its verdict instead of scanning all.",
    ),
) -> None:
    """Flag posts that sell or seek a child, with reasons, evidence spans and extracted facts."""
    from cradlewatch.find.scanner import Scanner

    scanner = Scanner(model=_load_model(model) if model else True)
    with RejectWriter(rejects) as on_reject:
        if explain is not None:
            _explain(scanner, inputs, explain, on_reject)
            return
        with (
            progress_bar(total_input_bytes(inputs), "scanning") as on_progress,
            JsonlWriter(out) as writer,
        ):
            posts = read_posts(inputs, on_reject, on_progress)
            for _, finding in scanner.scan_many(posts):
                writer.write(finding)  # orjson writes the dataclass directly


def _explain(scanner: Any, inputs: list[str], post_id: str, on_reject: Any) -> None:
    from cradlewatch.find.explain import render_explanation

    # Scan the posts before it too: a reply's verdict depends on its thread's first post.
    batch: list[Post] = []
    for post in read_posts(inputs, on_reject):
        batch.append(post)
        if post.id == post_id:
            analysis = scanner.analyse(batch)[-1]
            render_explanation(analysis, scanner)
            return
        if len(batch) >= 256:
            scanner.analyse(batch)
            batch = []
    raise UsageError(f"no post with id {post_id!r} in {', '.join(inputs)}")


def evaluate_scan(
    inputs: list[str] = typer.Argument(
        None, help="Labelled posts; omit to generate a held-out scenario corpus."
    ),
    truth: str | None = typer.Option(
        None, "--truth", help="Ground truth JSON Lines (one record per post id)."
    ),
    seed: int = typer.Option(20140219, "--seed", help="Seed of the generated held-out corpus."),
    size: int = typer.Option(5000, "--size", help="Posts in the generated held-out corpus."),
    templates: str = typer.Option(
        "heldout", "--templates", help="Phrase split of the generated corpus."
    ),
    json_out: str | None = typer.Option(
        None, "--json", help="Also write the figures as JSON to this file."
    ),
    show: int = typer.Option(
        5, "--show", help="List this many missed and falsely flagged post ids."
    ),
) -> None:
    """Flag recall, trafficking precision, hard-negative false flags, identifier F1, price recall."""
    from cradlewatch.find.report import print_scan_report

    report = scan_and_score(labelled_posts(inputs, truth, seed, size, templates))
    print_scan_report(report, show)
    if json_out:
        Path(json_out).write_bytes(orjson.dumps(report.as_dict(), option=orjson.OPT_INDENT_2))


def train_scan(
    seed: int = typer.Option(1, "--seed", help="Seed of the generated training corpus."),
    size: int = typer.Option(40000, "--size", help="Posts in the training corpus."),
    templates: str = typer.Option(
        "train", "--templates", help="Phrase split to train on (never the held-out one)."
    ),
    out: Path = typer.Option(
        Path("src/cradlewatch/find/data/text_model.npz"), "--out", help="Where to save the model."
    ),
    c: float = typer.Option(REGULARISATION_C, "--C", help="Inverse regularisation strength."),
    labelled: list[str] = typer.Option(
        [],
        "--labels",
        help="Posts labelled by people: a JSON Lines file of posts with 'label' 1 or 0 (e.g. "
        "from 'cradlewatch workspace labels'), or a labelled set's directory (posts.jsonl and "
        "truth.jsonl, as tests/data/dev); repeatable. Held-out sets are refused.",
    ),
    label_weight: float = typer.Option(
        LABEL_WEIGHT,
        "--label-weight",
        help="Weight of one post labelled by a person against one generated post.",
    ),
) -> None:
    """Train Find's text model on the scenario's training split and on posts labelled by
    people (analysts' decisions, development sets), and save it."""
    from cradlewatch.find.lexicon import Lexicon
    from cradlewatch.find.training import generated_examples, labelled_examples, train_text_model

    if templates == "heldout":
        raise UsageError("training on the held-out templates would make the evaluation meaningless")
    labelled_by_source = {path: labelled_examples(training_labels(path)) for path in labelled}
    people = sum(len(examples.labels) for examples in labelled_by_source.values())
    meta = {
        "version": f"{Lexicon.default().version}+seed{seed}-{size}-{templates}"
        + (f"+{people}labels" if people else ""),
        "seed": seed,
        "size": size,
        "templates": templates,
    }
    generated = generated_examples(seed, size, templates)
    model = train_text_model(generated, labelled_by_source, meta, label_weight, c)
    model.save(out)
    positive, total = model.meta["n_positive"], model.meta["n_train"]
    sys.stderr.write(f"saved {out} ({model.version}, {positive} positive of {total})\n")


def _load_model(path: Path) -> Any:
    from cradlewatch.find.text_model import TextModel

    try:
        return TextModel.load(path)
    except (OSError, ValueError, KeyError) as error:
        raise UsageError(
            f"{path}: not a text model saved by 'cradlewatch train scan' ({error})"
        ) from None


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("scan")(scan)
    evaluate_app.command("scan")(evaluate_scan)
    train_app = typer.Typer(
        help="Train the learned parts of a capability.",
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    train_app.command("scan")(train_scan)
    app.add_typer(train_app, name="train")
