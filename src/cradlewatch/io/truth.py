"""Ground truth and labels: JSON Lines records keyed by post id, shared by every evaluation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from cradlewatch.errors import UsageError


def read_truth(path: str | Path) -> dict[str, dict[str, Any]]:
    """Records keyed by their ``id``; an unreadable file or a bad line is a usage error."""
    truth: dict[str, dict[str, Any]] = {}
    try:
        lines = Path(path).read_bytes().splitlines()
    except OSError as error:
        raise UsageError(f"{path}:0: cannot read truth: {error.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            raise UsageError(f"{path}:{number}: invalid JSON: {error}") from None
        if not isinstance(record, dict) or "id" not in record:
            raise UsageError(f"{path}:{number}: a truth record needs an id")
        truth[str(record["id"])] = record
    return truth
