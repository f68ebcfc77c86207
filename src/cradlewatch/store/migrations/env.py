"""Alembic environment: migrations run on the engine :mod:`cradlewatch.store.db` passes in."""

from __future__ import annotations

from alembic import context

from cradlewatch.store.db import include_name
from cradlewatch.store.schema import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
