"""search index on posts.search_text

Substring search over normalised post text (``LIKE '%...%'``) would read every post; this
adds a trigram index that answers it: an FTS5 table with the ``trigram`` tokenizer on SQLite
(kept in step with ``posts`` by triggers), a ``pg_trgm`` GIN index on PostgreSQL. Other
databases keep the plain scan.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlite3

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE posts_fts USING fts5(search_text, content='posts', "
    "content_rowid='rowid', tokenize='trigram')",
    "CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN "
    "INSERT INTO posts_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN "
    "INSERT INTO posts_fts(posts_fts, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER posts_fts_update AFTER UPDATE OF search_text ON posts BEGIN "
    "INSERT INTO posts_fts(posts_fts, rowid, search_text) "
    "VALUES ('delete', old.rowid, old.search_text); "
    "INSERT INTO posts_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS posts_fts_update",
    "DROP TRIGGER IF EXISTS posts_fts_delete",
    "DROP TRIGGER IF EXISTS posts_fts_insert",
    "DROP TABLE IF EXISTS posts_fts",
]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite" and sqlite3.sqlite_version_info >= (3, 34):  # trigram tokenizer
        for statement in SQLITE_UP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_posts_search_trgm ON posts USING gin (search_text gin_trgm_ops)"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_posts_search_trgm")
