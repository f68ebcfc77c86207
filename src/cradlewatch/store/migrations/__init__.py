"""Alembic migrations of the workspace schema, run programmatically by :mod:`cradlewatch.store.db`."""
