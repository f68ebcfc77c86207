"""audit log read by target and by user, newest first

The sign-in throttle now counts a user's recent failed attempts in the audit log (shared by
every server process, where a count in each process's memory gave an attacker N times the
attempts under ``serve --workers N``), and the audit page filters by target or user. Both read
one target's or one user's rows newest first; without an index either read scanned the whole
log, which grows by a row per page view. ``(target, seq)`` and ``(user, seq)`` serve them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_target", ["target", "seq"], unique=False)
        batch_op.create_index("ix_audit_user", ["user", "seq"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_user")
        batch_op.drop_index("ix_audit_target")
