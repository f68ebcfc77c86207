"""Throwaway PostgreSQL databases, so that tests and benchmarks run on PostgreSQL as well.

SQLite is what the test suite uses by default; the same tests run against PostgreSQL when
``CRADLEWATCH_TEST_POSTGRES_URL`` names a database on a scratch server (the URL printed by
``scripts/postgres-test-server``). Each test gets a database of its own, so tests never see
each other's rows; the URL's user must be allowed to create databases.

Running the migrations costs about half a second per database, so the first request migrates
one *template* database and each scratch database is a copy of it (``CREATE DATABASE ...
TEMPLATE``, about 80 ms). The template's name carries a digest of the migration scripts, so
a changed migration gets a fresh template instead of a stale copy.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, delete, text
from sqlalchemy.engine import URL, make_url

from cradlewatch.store.db import ENV_URL, MIGRATIONS, Store, make_engine, upgrade
from cradlewatch.store.schema import Base

TEST_SERVER_ENV = "CRADLEWATCH_TEST_POSTGRES_URL"
SKIP_REASON = (
    f"PostgreSQL: set {TEST_SERVER_ENV} (e.g. from scripts/postgres-test-server) "
    "to run this case against PostgreSQL too"
)
BACKENDS = ("sqlite", "postgresql")

_templates: set[str] = set()


def server_url() -> str | None:
    """The scratch server's URL from the environment, or None when PostgreSQL is not set up."""
    return os.environ.get(TEST_SERVER_ENV) or None


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def _admin(url: URL) -> Engine:
    """An autocommit engine on the server's maintenance database (CREATE DATABASE needs it)."""
    return create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _template_name() -> str:
    digest = hashlib.sha256()
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    return f"cradlewatch_template_{digest.hexdigest()[:16]}"


def _ensure_template(url: URL, admin: Engine) -> str:
    name = _template_name()
    if name in _templates:
        return name
    with admin.connect() as connection:
        exists = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        )
        if not exists:
            building = f"{name}_{uuid.uuid4().hex[:8]}"
            connection.execute(text(f'CREATE DATABASE "{building}"'))
            engine = make_engine(_render(url.set(database=building)))
            try:
                upgrade(engine)
            finally:
                engine.dispose()
            # Renamed only once complete, so an interrupted run never leaves a half template.
            connection.execute(text(f'ALTER DATABASE "{building}" RENAME TO "{name}"'))
    _templates.add(name)
    return name


@contextmanager
def scratch_database(url: str, *, migrated: bool = True) -> Iterator[str]:
    """A new database on the server of ``url``, dropped afterwards; yields its URL.

    ``migrated`` copies the template at the head revision; without it the database is empty,
    for tests of the migrations themselves.
    """
    server = make_url(url)
    admin = _admin(server)
    name = f"cradlewatch_scratch_{uuid.uuid4().hex[:12]}"
    try:
        template = f' TEMPLATE "{_ensure_template(server, admin)}"' if migrated else ""
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{template}'))
        try:
            yield _render(server.set(database=name))
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def workspace_backend(backend: str) -> Iterator[str | None]:
    """Point ``CRADLEWATCH_DATABASE_URL`` at a fresh database of ``backend`` meanwhile.

    ``sqlite`` clears the variable (each workspace directory gets its own file) and yields
    None; ``postgresql`` yields the URL of a scratch database. The previous value is restored.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; expected one of {BACKENDS}")
    previous = os.environ.pop(ENV_URL, None)
    try:
        if backend == "sqlite":
            yield None
        else:
            url = server_url()
            if url is None:
                raise RuntimeError(SKIP_REASON)
            with scratch_database(url) as database:
                os.environ[ENV_URL] = database
                yield database
    finally:
        os.environ.pop(ENV_URL, None)
        if previous is not None:
            os.environ[ENV_URL] = previous


def empty_tables(store: Store) -> None:
    """Delete every row of every model table (children first), keeping the schema.

    Property tests run many examples on one database: emptying it costs a few milliseconds,
    a new PostgreSQL database a few hundred.
    """
    with store.session() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))
