"""``cradlewatch export ftm|graphml|gexf|csv|report --workspace DIR [--case ID|--ring ID] --out F``.

Every export is audited (who exported what, to where, with the audit head at that moment),
because evidence leaving the workspace is an event a supervisor must be able to trace.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cradlewatch.errors import UsageError
from cradlewatch.workspace.cli_common import CONTEXT, Workspace, open_workspace, os_user

if TYPE_CHECKING:
    from cradlewatch.export.selection import Selection


CaseOpt = Annotated[int | None, typer.Option("--case", help="Export this case's rings and posts.")]
RingOpt = Annotated[str | None, typer.Option("--ring", help="Export this ring.")]
UserOpt = Annotated[
    str | None,
    typer.Option(
        "--user",
        "-u",
        help="Workspace user exporting (checked for the export permission); "
        "default: recorded as the operating-system user.",
    ),
]


def _run(
    fmt: str,
    workspace: Path,
    case: int | None,
    ring: str | None,
    out: Path,
    user: str | None,
    table: str = "posts",
    pdf: Path | None = None,
) -> None:
    from cradlewatch.export.selection import gather
    from cradlewatch.workspace.audit import append
    from cradlewatch.workspace.users import acting_user

    store = open_workspace(workspace)
    with store.session() as session:
        who = acting_user(session, user, "export").name if user else f"cli:{os_user()}"
        selection = gather(session, case, ring)
        count = _write(fmt, selection, out, table, pdf)
        append(
            session,
            who,
            "export",
            f"case:{case}"
            if case is not None
            else f"ring:{ring}"
            if ring is not None
            else "workspace",
            {
                "format": fmt,
                "out": str(out),
                "items": count,
                "posts": len(selection.posts),
                "head": selection.audit_head,
            },
        )
    sys.stderr.write(
        f"exported {count} {_unit(fmt)} ({len(selection.posts)} posts, "
        f"{len(selection.rings)} rings) to {out}\n"
    )


def _unit(fmt: str) -> str:
    return {"ftm": "entities", "graphml": "nodes", "gexf": "nodes", "csv": "rows"}.get(fmt, "files")


def _write(fmt: str, selection: Selection, out: Path, table: str, pdf: Path | None) -> int:
    try:
        if fmt == "ftm":
            from cradlewatch.export.ftm import write_ftm

            if str(out) == "-":
                return write_ftm(selection, sys.stdout.buffer)
            with out.open("wb") as sink:
                return write_ftm(selection, sink)
        if fmt in ("graphml", "gexf"):
            from cradlewatch.export.graph import write_gexf, write_graphml

            graph = (write_graphml if fmt == "graphml" else write_gexf)(selection, out)
            return int(graph.number_of_nodes())
        if fmt == "csv":
            from cradlewatch.export.tables import write_csv

            if str(out) == "-":
                return write_csv(selection, table, sys.stdout)
            with out.open("w", encoding="utf-8", newline="") as sink:
                return write_csv(selection, table, sink)
        from cradlewatch.export.report import write_html, write_pdf

        if out.suffix.lower() == ".pdf":
            write_pdf(selection, out)
        else:
            write_html(selection, out)
            if pdf is not None:
                write_pdf(selection, pdf)
        return 1 + (pdf is not None)
    except OSError as error:
        raise UsageError(f"{out}:0: cannot write: {error.strerror}") from error


def export_ftm(
    workspace: Workspace = Path("."),
    case: CaseOpt = None,
    ring: RingOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="FtM JSON Lines; - for stdout.")] = Path(
        "-"
    ),
    user: UserOpt = None,
) -> None:
    """FollowTheMoney entities (Message, UserAccount, Person, Mention, Note, ...) as JSON Lines."""
    _run("ftm", workspace, case, ring, out, user)


def export_graphml(
    workspace: Workspace = Path("."),
    case: CaseOpt = None,
    ring: RingOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="GraphML file.")] = Path(
        "export.graphml"
    ),
    user: UserOpt = None,
) -> None:
    """Posts, accounts, identifiers and rings as a GraphML graph with reasons on every edge."""
    _run("graphml", workspace, case, ring, out, user)


def export_gexf(
    workspace: Workspace = Path("."),
    case: CaseOpt = None,
    ring: RingOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="GEXF file.")] = Path("export.gexf"),
    user: UserOpt = None,
) -> None:
    """The same graph as GEXF (Gephi)."""
    _run("gexf", workspace, case, ring, out, user)


def export_csv(
    workspace: Workspace = Path("."),
    case: CaseOpt = None,
    ring: RingOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="CSV file; - for stdout.")] = Path("-"),
    table: Annotated[
        str, typer.Option("--table", help="posts, identifiers, rings or decisions.")
    ] = "posts",
    user: UserOpt = None,
) -> None:
    """One CSV table of the selection."""
    from cradlewatch.export.tables import TABLES

    if table not in TABLES:
        raise UsageError(f"--table:0: one of {', '.join(TABLES)}")
    _run("csv", workspace, case, ring, out, user, table=table)


def export_report(
    workspace: Workspace = Path("."),
    case: CaseOpt = None,
    ring: RingOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="report.html, or a .pdf file.")] = Path(
        "report.html"
    ),
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Also write the PDF here.")] = None,
    user: UserOpt = None,
) -> None:
    """The case report: every post with capture time, source and SHA-256, and the decisions."""
    _run("report", workspace, case, ring, out, user, pdf=pdf)


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    group = typer.Typer(
        help="Export a case, a ring or the workspace to other tools and courts.",
        context_settings=CONTEXT,
        no_args_is_help=True,
    )
    group.command("ftm")(export_ftm)
    group.command("graphml")(export_graphml)
    group.command("gexf")(export_gexf)
    group.command("csv")(export_csv)
    group.command("report")(export_report)
    app.add_typer(group, name="export")
