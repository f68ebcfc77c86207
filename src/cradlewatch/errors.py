"""Errors that the CLI reports as one line on stderr with exit status 2 (usage or unreadable input)."""

from __future__ import annotations

import sys
from typing import NoReturn


class UsageError(Exception):
    """A usage error or an input that cannot be read at all: CONTRACTS exit status 2."""


def fail(message: str) -> NoReturn:
    """Print ``message`` as one line on stderr and exit with status 2."""
    sys.stderr.write(f"cradlewatch: {message}\n")
    raise SystemExit(2)
