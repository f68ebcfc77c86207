"""The ``cradlewatch`` command line: one Typer app.

Each capability owns its commands in ``cradlewatch/<capability>/commands.py`` and exposes
``register(app, scenario, evaluate)``; this module only assembles them, so that adding a
capability never means editing another one's code. Commands stream JSON Lines and keep to the
exit codes of CONTRACTS.md: 0 when the job ran, 2 for a usage error or unreadable input
(one line on stderr, no traceback), 1 for an internal error.
"""

from __future__ import annotations

import importlib
import sys

import typer

from cradlewatch import __version__

CONTEXT = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="cradlewatch",
    help="Find, link, reunite and watch: a toolkit against child trafficking disguised as adoption.",
    context_settings=CONTEXT,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
scenario_app = typer.Typer(
    help="Generate the synthetic scenario (posts, families, births) with ground truth.",
    context_settings=CONTEXT,
    no_args_is_help=True,
)
evaluate_app = typer.Typer(
    help="Measure a capability against the scenario's ground truth or a labelled set.",
    context_settings=CONTEXT,
    no_args_is_help=True,
)
app.add_typer(scenario_app, name="scenario")
app.add_typer(evaluate_app, name="evaluate")

# The capabilities whose commands are mounted, in the order their help lists them.
CAPABILITIES: tuple[str, ...] = ("find", "find.extract", "link", "watch", "scenario", "reunite", "io", "workspace", "export", "web")


def _mount() -> None:
    for name in CAPABILITIES:
        module = importlib.import_module(f"cradlewatch.{name}.commands")
        module.register(app, scenario_app, evaluate_app)


@app.callback(invoke_without_command=True)
def _main(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()


_mount()


def main() -> None:
    """Entry point. Usage errors and unreadable inputs print one line and exit 2 (CONTRACTS);
    an interrupt exits 130 quietly. Typer's boxed error display is kept for ``--help`` only."""
    try:
        status = app(standalone_mode=False)
    except typer.TyperException as error:  # Click's usage errors, and our UsageError
        message = error.format_message() if hasattr(error, "format_message") else str(error)
        sys.stderr.write(f"cradlewatch: {' '.join(str(message).split())}\n")
        sys.exit(getattr(error, "exit_code", 2) or 2)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    sys.exit(status if isinstance(status, int) else 0)


if __name__ == "__main__":
    main()
