"""Opening a workspace database and bringing its schema up to date.

SQLite (one file, ``DIR/cradlewatch.db``) is the default because an analyst's laptop has no
database server; a team sets ``CRADLEWATCH_DATABASE_URL`` (any SQLAlchemy URL, e.g.
``postgresql+pg8000://user@host/cradlewatch``; pg8000 is the driver cradlewatch installs, being
BSD-licensed and pure Python) and every command uses that instead. The schema is created and
upgraded only through the Alembic migrations in :mod:`cradlewatch.store.migrations`, run
programmatically, so that a workspace made by an older version is upgraded in place.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from cradlewatch.errors import UsageError

if TYPE_CHECKING:
    from alembic.config import Config

ENV_URL = "CRADLEWATCH_DATABASE_URL"
DB_FILE = "cradlewatch.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(directory: Path) -> str:
    """The URL of the workspace in ``directory``: the environment's, else its SQLite file."""
    url = os.environ.get(ENV_URL)
    if url:
        return url
    return f"sqlite:///{(directory / DB_FILE).resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    """WAL lets the Workbench read while an ingest writes; foreign keys keep rows honest.

    Reads go through a memory map and a 32 MB page cache per connection rather than a read
    call per 4 KB page (SQLite's 2 MB default): at a million posts the queue's indexes no
    longer fit the default cache, and every page view paid for re-reading them."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get WAL and foreign keys."""
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError, ValueError) as error:
        raise UsageError(f"{ENV_URL}:0: cannot use database URL: {error}") from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.driver == "pg8000":
        # pg8000's executemany sends one INSERT per row; SQLAlchemy's "insertmanyvalues" sends
        # multi-row VALUES pages instead (2-3x faster for ingest's and analyze's bulk inserts).
        engine.dialect.use_insertmanyvalues_wo_returning = True
    return engine


#: Objects a migration creates outside the models, which autogenerate must not offer to drop:
#: the SQLite full-text index and its shadow tables, and PostgreSQL's trigram index.
SEARCH_TABLE = "posts_fts"
SEARCH_INDEX = "ix_posts_search_trgm"


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic filter: leave the search index's tables and index out of model comparisons."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(SEARCH_TABLE)
    return not (type_ == "index" and name == SEARCH_INDEX)


def _alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest migration shipped with this version of cradlewatch."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(
        _alembic_config(create_engine("sqlite://"))
    ).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply every migration the database has not had yet (a no-op when up to date)."""
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Undo migrations down to ``revision`` (``base``: no tables), for rollbacks and tests."""
    from alembic import command

    command.downgrade(_alembic_config(engine), revision)


class Store:
    """A workspace database: an engine plus a session factory, schema checked on open."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, directory: Path, *, create: bool = False) -> Store:
        """Open the workspace in ``directory``; ``create`` makes (or upgrades) it first.

        Without ``create``, a directory that holds no workspace is a usage error, so that a
        mistyped ``--workspace`` never silently makes an empty one.
        """
        url = database_url(directory)
        if create:
            directory.mkdir(parents=True, exist_ok=True)
        elif url.startswith("sqlite:///") and not (directory / DB_FILE).exists():
            raise UsageError(f"{directory}:0: not a workspace (run 'cradlewatch init {directory}')")
        engine = make_engine(url)
        try:
            if create or current_revision(engine) != head_revision():
                upgrade(engine)
        except SQLAlchemyError as error:
            raise UsageError(f"{url.split('@')[-1]}:0: cannot open database: {error}") from error
        return cls(engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()
