"""What the workspace and export commands share: options, output and opening a workspace."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer

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


def emit(record: Any) -> None:
    data = (
        dataclasses.asdict(record)
        if dataclasses.is_dataclass(record) and not isinstance(record, type)
        else record
    )
    sys.stdout.buffer.write(orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE))
    sys.stdout.flush()


def say(message: str) -> None:
    sys.stderr.write(f"{message}\n")


def open_workspace(directory: Path) -> Store:
    """The workspace store (imported here: SQLAlchemy need not load for every command)."""
    from cradlewatch.store import Store

    return Store.open(directory)


def os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def add_group(app: typer.Typer, name: str, help_text: str) -> typer.Typer:
    group = typer.Typer(help=help_text, context_settings=CONTEXT, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group
