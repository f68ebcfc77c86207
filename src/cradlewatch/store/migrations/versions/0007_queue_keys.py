"""queue filters read in risk order: queue_keys, and the posting time on findings

A filtered page of the review queue was read from ``ix_findings_queue`` in risk order,
checking each flagged post against the filter until 50 matched. That ends quickly when
matching posts are common near the top of the queue, and scans most of it when they are not:
at 1,000,000 posts, craigslist's flagged posts (at the queue's low-risk end) took 52 ms a
page, a reason common on benign posts but rare in the queue 78 ms, a single day 15 ms (its
posts' large rows read to sort them).

* ``queue_keys`` holds, for each flagged post, one row per platform, reason code and province
  it carries, with its risk and verdict; ``(key, risk, post_id)`` serves such a page as one
  index range in the queue's order. Built here from the stored findings; ``analyze`` keeps it.
* ``findings.posted_at`` copies the post's posting time, so that ``ix_findings_queue`` (now
  covering it) checks a date range without reading the post, and ``ix_findings_posted``
  starts a page of a few days from their findings.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The queue's verdicts as of this migration (cradlewatch.store.queue_keys.QUEUED then).
QUEUED = "('trafficking', 'suspicious')"

#: Each key kind: the value's column and the table it is read from, joined to its finding.
KEY_SOURCES = {
    "platform": ("posts.platform", "posts ON posts.id = findings.post_id"),
    "reason": ("reasons.code", "reasons ON reasons.post_id = findings.post_id"),
    "province": ("places.province", "places ON places.post_id = findings.post_id"),
}


def upgrade() -> None:
    op.add_column("findings", sa.Column("posted_at", sa.String(length=40), nullable=True))
    op.execute(
        "UPDATE findings SET posted_at = "
        "(SELECT posts.posted_at FROM posts WHERE posts.id = findings.post_id)"
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_queue")
        batch_op.create_index(
            "ix_findings_queue", ["risk", "post_id", "verdict", "posted_at"], unique=False
        )
        batch_op.create_index(
            "ix_findings_posted", ["posted_at", "risk", "post_id", "verdict"], unique=False
        )

    op.create_table(
        "queue_keys",
        sa.Column("key", sa.String(length=420), nullable=False),
        sa.Column("post_id", sa.String(length=200), nullable=False),
        sa.Column("risk", sa.Float(), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"]),
        sa.PrimaryKeyConstraint("key", "post_id"),
    )
    for kind, (column, source) in KEY_SOURCES.items():
        op.execute(
            "INSERT INTO queue_keys (key, post_id, risk, verdict) "  # noqa: S608 - constants
            f"SELECT DISTINCT '{kind}:' || {column}, findings.post_id, findings.risk, "
            f"findings.verdict FROM findings JOIN {source} "
            f"WHERE findings.verdict IN {QUEUED} AND {column} IS NOT NULL AND {column} <> ''"
        )
    with op.batch_alter_table("queue_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queue_keys_post_id"), ["post_id"], unique=False)
        batch_op.create_index(
            "ix_queue_keys_order", ["key", "risk", "post_id", "verdict"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("queue_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_queue_keys_order")
        batch_op.drop_index(batch_op.f("ix_queue_keys_post_id"))
    op.drop_table("queue_keys")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_posted")
        batch_op.drop_index("ix_findings_queue")
        batch_op.create_index("ix_findings_queue", ["risk", "post_id", "verdict"], unique=False)
        batch_op.drop_column("posted_at")
