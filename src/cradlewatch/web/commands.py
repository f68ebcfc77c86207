"""``cradlewatch serve``: run the Workbench over a workspace with uvicorn."""

from __future__ import annotations

import os
from pathlib import Path

import typer

SECRET_ENV = "CRADLEWATCH_WEB_SECRET"


def serve(
    directory: Path = typer.Argument(Path("."), help="The workspace directory."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Serve the Workbench (review queue, posts, rings, search, decisions) over DIRECTORY.

    Sessions are signed with $CRADLEWATCH_WEB_SECRET when set (so they survive a restart),
    else with a random key made at start-up.
    """
    import uvicorn

    from cradlewatch.web.app import create_app

    app = create_app(directory, secret_key=os.environ.get(SECRET_ENV) or None)
    uvicorn.run(app, host=host, port=port, log_level="info")


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("serve", context_settings={"help_option_names": ["-h", "--help"]})(serve)
