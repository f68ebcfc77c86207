"""``cradlewatch serve``: run the Workbench over a workspace with uvicorn."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import typer

SECRET_ENV = "CRADLEWATCH_WEB_SECRET"


def serve(
    directory: Path = typer.Argument(Path("."), help="The workspace directory."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        help="Server processes, each on its own socket of the port (about two per core: pages"
        " are CPU-bound Python, and more processes even out how connections are spread).",
    ),
) -> None:
    """Serve the Workbench (review queue, posts, rings, search, decisions) over DIRECTORY.

    Sessions are signed with $CRADLEWATCH_WEB_SECRET when set (so they survive a restart),
    else with a random key made at start-up (shared by all --workers).
    """
    import uvicorn

    secret = os.environ.get(SECRET_ENV) or None
    if workers == 1:
        from cradlewatch.web.app import create_app

        uvicorn.run(create_app(directory, secret_key=secret), host=host, port=port)
        return
    from cradlewatch.store import Store
    from cradlewatch.web.processes import serve_processes

    # Upgrade the schema here, once, rather than in every worker at the same time.
    Store.open(directory).close()
    # The processes must share the session key, or a cookie signed by one would fail on another.
    serve_processes(directory.resolve(), host, port, workers, secret or secrets.token_urlsafe(32))


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("serve", context_settings={"help_option_names": ["-h", "--help"]})(serve)
