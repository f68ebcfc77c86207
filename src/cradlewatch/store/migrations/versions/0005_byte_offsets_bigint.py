"""byte offsets and file sizes as 64-bit integers on PostgreSQL

A capture's byte offset in a WARC file and a source file's size (``ingest_progress``) pass
2**31 once a file passes 2 GiB, which crawls do. PostgreSQL's ``integer`` is 32-bit, so such an
ingest failed there with "integer out of range"; these columns become ``bigint``. SQLite's
INTEGER is 64-bit already, and altering a column there means rebuilding the table (``posts``
carries the search index's triggers), so SQLite is left as it is.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = [
    ("posts", "offset", True),
    ("captures", "offset", True),
    ("ingest_progress", "size", False),
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, nullable in COLUMNS:
        op.alter_column(
            table,
            column,
            existing_type=sa.Integer(),
            type_=sa.BigInteger(),
            existing_nullable=nullable,
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, nullable in COLUMNS:
        op.alter_column(
            table,
            column,
            existing_type=sa.BigInteger(),
            type_=sa.Integer(),
            existing_nullable=nullable,
        )
