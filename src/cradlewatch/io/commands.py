"""``cradlewatch posts``: read posts from any supported input and write them as JSON Lines.

Saved pages, WARC captures and spreadsheets become the canonical post records of CONTRACTS §1,
with the provenance of each one (file, line or byte offset, SHA-256 of the bytes as captured),
so that they can be checked, piped into ``scan -`` or ``rings -``, or handed to another tool.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cradlewatch.io.posts import dedupe_ids, read_posts, total_input_bytes
from cradlewatch.io.progress import progress_bar
from cradlewatch.io.records import post_to_record
from cradlewatch.io.writers import JsonlWriter, RejectWriter


def posts_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Posts: JSONL(.gz), CSV, HTML, WARC files, directories, or - for stdin."
        ),
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Where to write posts (JSON Lines); - for stdout.")
    ] = "-",
    rejects: Annotated[
        str | None,
        typer.Option(
            "--rejects", help="Where to write rejected records (JSON Lines); default stderr."
        ),
    ] = None,
    dedupe: Annotated[
        bool,
        typer.Option(
            "--dedupe",
            help="Keep the first post of each id, reject the others (holds all ids in memory).",
        ),
    ] = False,
    provenance: Annotated[
        bool,
        typer.Option(
            "--provenance/--no-provenance",
            help="Add each post's provenance (source, line, offset, sha256, captured_at).",
        ),
    ] = True,
) -> None:
    """Read posts (JSONL, CSV, HTML, WARC) and write them as canonical JSON Lines, in input order."""
    with RejectWriter(rejects) as on_reject:
        total = total_input_bytes(inputs)
        with progress_bar(total, "reading") as on_progress, JsonlWriter(out) as writer:
            posts = read_posts(inputs, on_reject, on_progress)
            if dedupe:
                posts = dedupe_ids(posts, on_reject)
            for post in posts:
                writer.write(post_to_record(post, provenance=provenance))


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    """Mount ``cradlewatch posts``."""
    app.command("posts")(posts_command)
