"""Watch chart series and alert reasons

The Workbench draws each alerted clinician's CUSUM chart and the funnel plots itself, from the
series Watch writes next to its alerts (``series.json``); the workspace holds no birth records
to recompute them from. ``alerts.reason`` keeps Watch's optional reason column, which the
alert page shows, and ``alerts.threshold`` may be empty: a record-rule alert has none
(Watch leaves the cell blank), and such alerts were rejected on import before.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_series",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("kind", "key", name="uq_watch_series"),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.alter_column("threshold", existing_type=sa.Float(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.alter_column("threshold", existing_type=sa.Float(), nullable=False)
        batch_op.drop_column("reason")
    op.drop_table("watch_series")
