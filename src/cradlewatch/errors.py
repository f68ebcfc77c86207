"""Errors that the CLI reports as one line on stderr with exit status 2 (usage or unreadable input).

``UsageError`` is Typer's own usage exception (``typer.BadParameter``, exit code 2), so any command that raises it (directly or from a library
function it calls) exits with status 2 and one line, no traceback, as CONTRACTS.md requires;
the Python API raises the same exception for callers to catch.
"""

from __future__ import annotations

import sys
from typing import IO, NoReturn

import typer


class UsageError(typer.BadParameter):
    """A usage error or an input that cannot be read at all: CONTRACTS exit status 2."""

    exit_code = 2

    def format_message(self) -> str:
        return str(self.message)

    def show(self, file: IO[str] | None = None) -> None:
        (file or sys.stderr).write(f"cradlewatch: {self.format_message()}\n")


def fail(message: str) -> NoReturn:
    """Print ``message`` as one line on stderr and exit with status 2."""
    raise UsageError(message)
