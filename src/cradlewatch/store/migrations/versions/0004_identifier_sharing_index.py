"""identifier sharing index covers post_id

The post page shows, for each identifier it carries, how many posts share it
(``COUNT(DISTINCT post_id) WHERE kind = ? AND value = ?``). With the index on ``(kind, value)``
alone every matching row was read from the table to find its ``post_id``: tens of thousands of
rows for a hub number in a 1,000,000-post workspace, on every view of a post that carries it.
``(kind, value, post_id)`` answers the count from the index alone (rows in ``post_id`` order,
so the distinct count needs no sort) and still serves every lookup the old index served, which
it replaces.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.create_index("ix_identifiers_key_post", ["kind", "value", "post_id"])
        batch_op.drop_index("ix_identifiers_key")


def downgrade() -> None:
    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.create_index("ix_identifiers_key", ["kind", "value"])
        batch_op.drop_index("ix_identifiers_key_post")
