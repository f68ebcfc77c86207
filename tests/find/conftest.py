"""Fixtures of the Find tests."""

from __future__ import annotations

import pytest

from cradlewatch.find.scanner import Scanner


@pytest.fixture(scope="session")
def scanner() -> Scanner:
    """One default scanner for every scoring test (loading the model and lexicon takes seconds)."""
    return Scanner()
