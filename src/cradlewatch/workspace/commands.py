"""Workspace commands: init, ingest, analyze and ``workspace status|import-*|labels``; mounts
the user, audit, decide and case commands of the sibling modules.

Thin wrappers over :mod:`cradlewatch.workspace`; the Workbench calls the same functions.
Listings print JSON Lines on stdout; summaries go to stderr so that stdout stays machine-read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer

from cradlewatch.workspace.cli_common import (
    Workspace,
    add_group,
    emit,
    open_workspace,
    os_user,
    say,
)

if TYPE_CHECKING:
    from cradlewatch.store import Store


@contextmanager
def _counting(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """A Rich bar counting records on stderr when it is a terminal; a no-op otherwise."""
    if not total or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)


def init(
    directory: Annotated[
        Path, typer.Argument(help="Workspace directory (created if missing).")
    ] = Path("."),
) -> None:
    """Create a workspace (SQLite DIR/cradlewatch.db, or $CRADLEWATCH_DATABASE_URL), or upgrade one."""
    from cradlewatch.store import Store
    from cradlewatch.store.db import current_revision

    store = Store.open(directory, create=True)
    revision = current_revision(store.engine)
    url = store.engine.url.render_as_string(hide_password=True)
    store.close()
    say(f"workspace {directory} ready ({url}, schema {revision})")


def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Posts: JSONL(.gz), CSV, HTML, WARC files, directories, or - for stdin."
        ),
    ],
    workspace: Workspace = Path("."),
    rejects: Annotated[
        str | None,
        typer.Option("--rejects", help="Also write rejects here (JSON Lines); default stderr."),
    ] = None,
) -> None:
    """Store posts with their provenance; re-runs add nothing, interrupted runs resume."""
    from cradlewatch.io import RejectWriter, progress_bar, total_input_bytes
    from cradlewatch.workspace.ingest import ingest as run

    store = open_workspace(workspace)
    with (
        RejectWriter(rejects) as on_reject,
        progress_bar(total_input_bytes(inputs), "ingesting") as on_progress,
    ):
        report = run(store, inputs, on_reject, on_progress)
    _audit_cli(
        store,
        "ingest",
        "posts",
        {
            "inputs": list(report.files),
            "new_posts": report.new_posts,
            "new_versions": report.new_versions,
            "rejects": report.rejects,
        },
    )
    say(
        f"ingested {report.new_posts} new posts, {report.new_versions} new versions, "
        f"{report.unchanged} unchanged, {report.rejects} rejected, "
        f"{report.files_skipped} finished files skipped"
    )


def analyze(
    workspace: Workspace = Path("."),
    full: Annotated[
        bool, typer.Option("--full", help="Rescan and relink everything (ring ids kept).")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            help="Scan processes (default: cores - 1, at most 4; 1 scans in this process).",
        ),
    ] = None,
) -> None:
    """Scan what is new and relink into rings, respecting the analysts' decisions."""
    from cradlewatch.workspace.analyze import analyze as run
    from cradlewatch.workspace.analyze import default_workers, pending_count

    store = open_workspace(workspace)
    total = pending_count(store)
    with _counting(total, "analysing") as on_progress:
        report = run(
            store,
            workspace,
            on_progress,
            full=full,
            workers=workers if workers is not None else default_workers(),
        )
    _audit_cli(
        store,
        "analyze",
        f"run:{report.run}",
        {"scanned": report.scanned, "flagged": report.flagged, "rings": report.rings, "full": full},
    )
    say(
        f"run {report.run}: scanned {report.scanned} posts ({report.flagged} flagged), "
        f"{report.rings} rings"
    )


def _audit_cli(store: Store, action: str, target: str, detail: dict[str, Any]) -> None:
    """Record a change to the evidence made from the command line, under the OS user."""
    from cradlewatch.workspace.audit import append

    with store.session() as session:
        append(session, f"cli:{os_user()}", action, target, detail)


def status(workspace: Workspace = Path(".")) -> None:
    """Row counts of the workspace (JSON)."""
    from cradlewatch.store.repository import counts

    with open_workspace(workspace).session() as session:
        emit(counts(session))


def import_reunite(
    matches: Annotated[Path, typer.Argument(help="reunite output CSV (CONTRACTS §4).")],
    workspace: Workspace = Path("."),
    details: Annotated[
        Path | None,
        typer.Option(
            "--details", help="reunite --details JSON Lines (per-locus LRs; stored encrypted)."
        ),
    ] = None,
) -> None:
    """Store Reunite candidate matches."""
    from cradlewatch.io import RejectWriter
    from cradlewatch.store.crypto import ENV_KEY
    from cradlewatch.workspace.imports import import_reunite as run

    with RejectWriter(None) as on_reject:
        stored = run(open_workspace(workspace), matches, details, on_reject)
    say(
        f"stored {stored} matches"
        + (
            ""
            if os.environ.get(ENV_KEY)
            else f" (warning: {ENV_KEY} is not set, match detail is stored unencrypted)"
        )
    )


def import_watch(
    alerts: Annotated[Path, typer.Argument(help="watch output CSV (CONTRACTS §5).")],
    workspace: Workspace = Path("."),
    report: Annotated[
        Path | None,
        typer.Option("--report", help="The folder watch --report wrote (charts are linked)."),
    ] = None,
) -> None:
    """Store Watch alerts with their charts."""
    from cradlewatch.io import RejectWriter
    from cradlewatch.workspace.imports import import_watch as run

    with RejectWriter(None) as on_reject:
        stored = run(open_workspace(workspace), alerts, report, on_reject)
    say(f"stored {stored} alerts")


def labels(
    workspace: Workspace = Path("."),
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="JSON Lines: the post record plus 'label' (1 confirmed, 0 false positive).",
        ),
    ] = Path("-"),
) -> None:
    """Export analysts' confirmed post verdicts as labelled posts for retraining Find."""
    from cradlewatch.workspace.decisions import confirmed_labels

    with open_workspace(workspace).session() as session:
        rows = confirmed_labels(session)
    data = b"".join(
        orjson.dumps({**record, "label": label}, option=orjson.OPT_APPEND_NEWLINE)
        for record, label in rows
    )
    if str(out) == "-":
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)
    say(f"{len(rows)} labelled posts")


def demo(
    demo_dir: Annotated[
        Path, typer.Argument(help="The folder 'make demo' wrote (default demo-workspace).")
    ] = Path("demo-workspace"),
) -> None:
    """Load make demo's posts, matches and alerts into DEMO_DIR/workspace, with one user per role."""
    from cradlewatch.workspace.demo import build_demo_workspace

    summary = build_demo_workspace(demo_dir)
    emit(summary)
    say(
        f"demo workspace {summary['workspace']}: {summary['posts']} posts, {summary['rings']} "
        f"rings, {summary['matches']} matches, {summary['alerts']} alerts; users: "
        + ", ".join(f"{u}/{p}" for u, p in summary["users"].items())
    )


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    from cradlewatch.workspace.decide_commands import (
        case_add,
        case_create,
        case_list,
        case_remove,
        case_update,
        decide_alert,
        decide_history,
        decide_join,
        decide_match,
        decide_post,
        decide_ring,
    )
    from cradlewatch.workspace.people_commands import (
        audit_head,
        audit_log,
        audit_verify,
        user_add,
        user_list,
        user_role,
    )

    app.command("init")(init)
    app.command("ingest")(ingest)
    app.command("analyze")(analyze)
    users = add_group(app, "user", "Workbench users and roles.")
    users.command("add")(user_add)
    users.command("list")(user_list)
    users.command("role")(user_role)
    audit = add_group(app, "audit", "The hash-chained audit log.")
    audit.command("verify")(audit_verify)
    audit.command("head")(audit_head)
    audit.command("log")(audit_log)
    decide = add_group(app, "decide", "Record analysts' decisions (reversible with 'clear').")
    decide.command("post")(decide_post)
    decide.command("join")(decide_join)
    decide.command("ring")(decide_ring)
    decide.command("match")(decide_match)
    decide.command("alert")(decide_alert)
    decide.command("history")(decide_history)
    cases = add_group(app, "case", "Cases: rings and posts gathered for an investigation.")
    cases.command("create")(case_create)
    cases.command("add")(case_add)
    cases.command("remove")(case_remove)
    cases.command("update")(case_update)
    cases.command("list")(case_list)
    tools = add_group(
        app, "workspace", "Workspace status, imports of Reunite/Watch results, labels."
    )
    tools.command("status")(status)
    tools.command("import-reunite")(import_reunite)
    tools.command("import-watch")(import_watch)
    tools.command("labels")(labels)
    tools.command("demo")(demo)
