"""Workspace commands: init, ingest, analyze, user, audit, decide, case and workspace tools.

Thin wrappers over :mod:`cradlewatch.workspace`; the Workbench calls the same functions.
Listings print JSON Lines on stdout; summaries go to stderr so that stdout stays machine-read.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer

from cradlewatch.errors import UsageError

if TYPE_CHECKING:
    from cradlewatch.store import Store

CONTEXT = {"help_option_names": ["-h", "--help"]}
ENV_WORKSPACE = "CRADLEWATCH_WORKSPACE"

Workspace = Annotated[
    Path,
    typer.Option(
        "--workspace",
        "-w",
        envvar=ENV_WORKSPACE,
        help="Workspace directory (default: $CRADLEWATCH_WORKSPACE or the current directory).",
    ),
]
UserName = Annotated[str, typer.Option("--user", "-u", help="Who decides (a workspace user).")]
Note = Annotated[str, typer.Option("--note", help="Why: kept with the decision.")]


def _emit(record: Any) -> None:
    data = (
        dataclasses.asdict(record)
        if dataclasses.is_dataclass(record) and not isinstance(record, type)
        else record
    )
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE))
    sys.stdout.flush()


def _say(message: str) -> None:
    sys.stderr.write(f"{message}\n")


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
    _say(f"workspace {directory} ready ({url}, schema {revision})")


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

    store = _open(workspace)
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
    _say(
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

    store = _open(workspace)
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
    _say(
        f"run {report.run}: scanned {report.scanned} posts ({report.flagged} flagged), "
        f"{report.rings} rings"
    )


def _audit_cli(store: Store, action: str, target: str, detail: dict[str, Any]) -> None:
    """Record a change to the evidence made from the command line, under the OS user."""
    from cradlewatch.workspace.audit import append

    with store.session() as session:
        append(session, f"cli:{_os_user()}", action, target, detail)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return str(password)


def user_add(
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[
        str, typer.Option("--role", help="viewer, analyst, supervisor, reunification or admin.")
    ],
    workspace: Workspace = Path("."),
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of stdin."),
    ] = False,
) -> None:
    """Add a Workbench user (the password is stored as an argon2 hash)."""
    from cradlewatch.workspace.users import add_user

    password = _password(password_stdin)
    store = _open(workspace)
    with store.session() as session:
        user = add_user(session, name, role, password, by=f"cli:{_os_user()}")
    _say(f"user {user.name} added with role {user.role}")


def user_list(workspace: Workspace = Path(".")) -> None:
    """List users and roles (JSON Lines)."""
    from cradlewatch.workspace.users import list_users

    with _open(workspace).session() as session:
        for user in list_users(session):
            _emit(user)


def user_role(
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[str, typer.Option("--role", help="The new role.")],
    by: UserName,
    workspace: Workspace = Path("."),
) -> None:
    """Change a user's role (needs manage_users)."""
    from cradlewatch.workspace.users import acting_user, set_role

    with _open(workspace).session() as session:
        admin = acting_user(session, by, "manage_users")
        user = set_role(session, name, role, admin.name)
    _say(f"user {user.name} now has role {user.role}")


def _open(directory: Path) -> Store:
    """The workspace store (imported here: SQLAlchemy need not load for every command)."""
    from cradlewatch.store import Store

    return Store.open(directory)


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def audit_verify(
    workspace: Workspace = Path("."),
    head: Annotated[
        str | None,
        typer.Option(
            "--head",
            help="A head (SEQ:HASH or HASH) recorded earlier that must still be in the log.",
        ),
    ] = None,
) -> None:
    """Recompute the audit hash chain: exit 0 when intact, 1 naming the first broken row."""
    from cradlewatch.workspace.audit import verify

    with _open(workspace).session() as session:
        result = verify(session, head)
    if result.intact:
        _say(f"audit log intact: {result.rows} rows, head {result.rows}:{result.head}")
        return
    _say(f"audit log broken at row {result.broken_seq}: {result.reason}")
    raise typer.Exit(1)


def audit_head(workspace: Workspace = Path(".")) -> None:
    """Print the newest row's SEQ:HASH, to record outside the workspace."""
    from cradlewatch.workspace.audit import head

    with _open(workspace).session() as session:
        typer.echo(head(session))


def audit_log(
    workspace: Workspace = Path("."),
    by: Annotated[
        str, typer.Option("--user", "-u", help="Who reads the log (needs view_audit).")
    ] = "",
    limit: Annotated[int, typer.Option("--limit", help="Newest rows to show.")] = 100,
) -> None:
    """Print the newest audit rows (JSON Lines); reading the log is itself audited."""
    from cradlewatch.workspace.audit import append, events
    from cradlewatch.workspace.users import acting_user

    with _open(workspace).session() as session:
        reader = acting_user(session, by, "view_audit")
        rows = events(session, limit=limit)
        append(session, reader.name, "view", "audit_log", {"limit": limit})
    for row in rows:
        _emit(row)


def _decide(
    workspace: Path,
    user: str,
    kind: str,
    subject: str,
    action: str,
    note: str,
    payload: dict[str, Any] | None = None,
) -> None:
    from cradlewatch.workspace.decisions import PERMISSION, record_decision
    from cradlewatch.workspace.users import acting_user

    with _open(workspace).session() as session:
        actor = acting_user(session, user, PERMISSION[kind])
        _emit(record_decision(session, actor, kind, subject, action, note, payload))


def decide_post(
    post: Annotated[str, typer.Argument(help="Post id.")],
    verdict: Annotated[str, typer.Argument(help="confirmed, false_positive, unsure, or clear.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Record a verdict on a post (used as a training label for Find)."""
    _decide(workspace, user, "post", post, verdict, note)


def decide_join(
    a: Annotated[str, typer.Argument(help="post:ID, account:PLATFORM:ID or KIND:VALUE.")],
    b: Annotated[str, typer.Argument(help="The other end.")],
    action: Annotated[str, typer.Argument(help="confirm, reject, or clear.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Confirm or reject a join between two posts, accounts or identifiers (Link respects it)."""
    from cradlewatch.workspace.decisions import join_subject

    _decide(workspace, user, "join", join_subject(a, b), action, note)


def decide_ring(
    action: Annotated[str, typer.Argument(help="merge or split (clear: withdraw one).")],
    posts: Annotated[
        list[str], typer.Argument(help="Post ids: merge their rings, or split them out.")
    ],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
    withdraw: Annotated[
        str | None,
        typer.Option(
            "--withdraw", help="With 'clear': the action (merge/split) to withdraw for these posts."
        ),
    ] = None,
) -> None:
    """Merge the rings of posts, or split posts into a ring of their own, at the next analyze."""
    from cradlewatch.workspace.decisions import ring_subject

    if action == "clear":
        if withdraw not in ("merge", "split"):
            raise UsageError("--withdraw:0: say which decision to withdraw: merge or split")
        _decide(workspace, user, "ring", ring_subject(withdraw, posts), "clear", note)
        return
    _decide(
        workspace,
        user,
        "ring",
        ring_subject(action, posts),
        action,
        note,
        {"posts": sorted(set(posts))},
    )


def decide_match(
    child: Annotated[str, typer.Argument(help="Child sample id.")],
    case: Annotated[str, typer.Argument(help="Family case id.")],
    action: Annotated[str, typer.Argument(help="confirm, reject, or clear.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Confirm or reject a Reunite candidate match (reunification role or admin)."""
    from cradlewatch.workspace.decisions import match_subject

    _decide(workspace, user, "match", match_subject(child, case), action, note)


def decide_alert(
    alert: Annotated[
        str,
        typer.Argument(
            help="Alert key: CLINICIAN|SIGNAL|OUTCOME|DATE|BIRTH_ID (see 'workspace alerts')."
        ),
    ],
    action: Annotated[str, typer.Argument(help="acknowledge, escalate, or clear.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Acknowledge or escalate a Watch alert."""
    _decide(workspace, user, "alert", alert, action, note)


def decide_history(
    workspace: Workspace = Path("."),
    kind: Annotated[
        str | None, typer.Option("--kind", help="post, join, ring, match or alert.")
    ] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="One subject only.")] = None,
) -> None:
    """Every decision, oldest first (JSON Lines): the full, reversible chain."""
    from cradlewatch.store.repository import decision_history

    with _open(workspace).session() as session:
        for record in decision_history(session, kind, subject):
            _emit(record)


def case_create(
    title: Annotated[str, typer.Option("--title", help="Case title.")],
    user: UserName,
    workspace: Workspace = Path("."),
    assignee: Annotated[
        str | None, typer.Option("--assignee", help="User the case is assigned to.")
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="Notes.")] = "",
) -> None:
    """Open a case."""
    from cradlewatch.workspace.cases import create_case
    from cradlewatch.workspace.users import acting_user

    with _open(workspace).session() as session:
        _emit(
            create_case(session, acting_user(session, user, "manage_cases"), title, assignee, notes)
        )


def case_add(
    case: Annotated[int, typer.Argument(help="Case id.")],
    kind: Annotated[str, typer.Argument(help="ring or post.")],
    refs: Annotated[list[str], typer.Argument(help="Ring or post ids.")],
    user: UserName,
    workspace: Workspace = Path("."),
    note: Note = "",
) -> None:
    """Add rings or posts to a case."""
    from cradlewatch.workspace.cases import add_item
    from cradlewatch.workspace.users import acting_user

    with _open(workspace).session() as session:
        actor = acting_user(session, user, "manage_cases")
        for ref in refs:
            record = add_item(session, actor, case, kind, ref, note)
        _emit(record)


def case_update(
    case: Annotated[int, typer.Argument(help="Case id.")],
    user: UserName,
    workspace: Workspace = Path("."),
    status: Annotated[
        str | None, typer.Option("--status", help="open, in_progress, referred or closed.")
    ] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="New assignee.")] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Replace the notes.")] = None,
) -> None:
    """Change a case's status, assignee or notes."""
    from cradlewatch.workspace.cases import update_case
    from cradlewatch.workspace.users import acting_user

    with _open(workspace).session() as session:
        _emit(
            update_case(
                session,
                acting_user(session, user, "manage_cases"),
                case,
                status=status,
                assignee=assignee,
                notes=notes,
            )
        )


def case_list(
    workspace: Workspace = Path("."),
    status: Annotated[
        str | None, typer.Option("--status", help="Only cases with this status.")
    ] = None,
) -> None:
    """List cases (JSON Lines)."""
    from cradlewatch.workspace.cases import list_cases

    with _open(workspace).session() as session:
        for record in list_cases(session, status):
            _emit(record)


def status(workspace: Workspace = Path(".")) -> None:
    """Row counts of the workspace (JSON)."""
    from cradlewatch.store.repository import counts

    with _open(workspace).session() as session:
        _emit(counts(session))


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
        stored = run(_open(workspace), matches, details, on_reject)
    _say(
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
        stored = run(_open(workspace), alerts, report, on_reject)
    _say(f"stored {stored} alerts")


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

    with _open(workspace).session() as session:
        rows = confirmed_labels(session)
    data = b"".join(
        orjson.dumps({**record, "label": label}, option=orjson.OPT_APPEND_NEWLINE)
        for record, label in rows
    )
    if str(out) == "-":
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)
    _say(f"{len(rows)} labelled posts")


def _group(app: typer.Typer, name: str, help_text: str) -> typer.Typer:
    group = typer.Typer(help=help_text, context_settings=CONTEXT, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("ingest")(ingest)
    app.command("analyze")(analyze)
    users = _group(app, "user", "Workbench users and roles.")
    users.command("add")(user_add)
    users.command("list")(user_list)
    users.command("role")(user_role)
    audit = _group(app, "audit", "The hash-chained audit log.")
    audit.command("verify")(audit_verify)
    audit.command("head")(audit_head)
    audit.command("log")(audit_log)
    decide = _group(app, "decide", "Record analysts' decisions (reversible with 'clear').")
    decide.command("post")(decide_post)
    decide.command("join")(decide_join)
    decide.command("ring")(decide_ring)
    decide.command("match")(decide_match)
    decide.command("alert")(decide_alert)
    decide.command("history")(decide_history)
    cases = _group(app, "case", "Cases: rings and posts gathered for an investigation.")
    cases.command("create")(case_create)
    cases.command("add")(case_add)
    cases.command("update")(case_update)
    cases.command("list")(case_list)
    tools = _group(app, "workspace", "Workspace status, imports of Reunite/Watch results, labels.")
    tools.command("status")(status)
    tools.command("import-reunite")(import_reunite)
    tools.command("import-watch")(import_watch)
    tools.command("labels")(labels)
