"""``cradlewatch serve``: run the Workbench over a workspace with uvicorn."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import typer

SECRET_ENV = "CRADLEWATCH_WEB_SECRET"
WORKSPACE_ENV = "CRADLEWATCH_WORKSPACE"


def serve(
    directory: Path = typer.Argument(Path("."), help="The workspace directory."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        help="Server processes (2 on 2 cores: pages are CPU-bound Python, one process per core).",
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

    # Upgrade the schema here, once, rather than in every worker at the same time.
    Store.open(directory).close()
    # Several processes import the app by name and build it from the environment: they must
    # share the workspace and the session key, or a cookie signed by one would fail on another.
    os.environ[WORKSPACE_ENV] = str(directory.resolve())
    os.environ[SECRET_ENV] = secret or secrets.token_urlsafe(32)
    uvicorn.run(
        "cradlewatch.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # A worker that misses a health check is killed and restarted; uvicorn's 5 s is
        # shorter than a worker's start-up on a busy 2-core machine, which then never serves.
        timeout_worker_healthcheck=60,
    )


def register(app: typer.Typer, scenario_app: typer.Typer, evaluate_app: typer.Typer) -> None:
    app.command("serve", context_settings={"help_option_names": ["-h", "--help"]})(serve)
