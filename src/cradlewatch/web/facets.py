"""The queue's filter choices, kept for a short while per server process.

The platforms, provinces and reason codes change only when new posts are analysed, yet
reading them was a tenth of every queue page's cost at a million posts. A value at most
``FACET_SECONDS`` old is what an analyst would see anyway had they opened the page a moment
earlier; the filters themselves are applied to the current data.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy.orm import Session

from cradlewatch.store import repository

FACET_SECONDS = 30.0


class FacetCache:
    """``repository.facet_values`` refreshed at most every ``FACET_SECONDS`` seconds."""

    def __init__(self, seconds: float = FACET_SECONDS) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._values: dict[str, list[str]] | None = None
        self._read_at = 0.0

    def get(self, session: Session) -> dict[str, list[str]]:
        with self._lock:
            now = time.monotonic()
            if self._values is None or now - self._read_at > self.seconds:
                self._values = repository.facet_values(session)
                self._read_at = now
            return self._values
