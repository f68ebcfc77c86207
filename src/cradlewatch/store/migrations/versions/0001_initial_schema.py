"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import cradlewatch.store.crypto

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("clinician", sa.String(length=200), nullable=False),
        sa.Column("hospital", sa.String(length=400), nullable=False),
        sa.Column("signal", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("alert_date", sa.String(length=10), nullable=False),
        sa.Column("alert_birth_id", sa.String(length=200), nullable=False),
        sa.Column("births_seen", sa.Integer(), nullable=False),
        sa.Column("events_seen", sa.Integer(), nullable=False),
        sa.Column("expected_events", sa.Float(), nullable=False),
        sa.Column("statistic", sa.Float(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("chart", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint(
            "clinician", "signal", "outcome", "alert_date", "alert_birth_id", name="uq_alert"
        ),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alerts_clinician"), ["clinician"], unique=False)

    op.create_table(
        "analysis_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", sa.String(length=40), nullable=False),
        sa.Column("finished_at", sa.String(length=40), nullable=True),
        sa.Column("scanned", sa.Integer(), nullable=False),
        sa.Column("rings", sa.Integer(), nullable=False),
        sa.Column("scanner", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("time", sa.String(length=40), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("target", sa.String(length=400), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("hash"),
    )
    op.create_table(
        "captures",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("post_id", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("offset", sa.Integer(), nullable=True),
        sa.Column("captured_at", sa.String(length=40), nullable=True),
        sa.Column("ingested_at", sa.String(length=40), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("post_id", "sha256", name="uq_capture"),
    )
    with op.batch_alter_table("captures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_captures_post_id"), ["post_id"], unique=False)

    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("assignee", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_assignee"), ["assignee"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_status"), ["status"], unique=False)

    op.create_table(
        "decisions",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=400), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("time", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index("ix_decisions_subject", ["kind", "subject", "seq"], unique=False)

    op.create_table(
        "ingest_progress",
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("mtime", sa.Float(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("source"),
    )
    op.create_table(
        "matches",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("child_id", sa.String(length=200), nullable=False),
        sa.Column("case_id", sa.String(length=200), nullable=False),
        sa.Column("references", sa.String(length=100), nullable=False),
        sa.Column("log10_lr", sa.Float(), nullable=False),
        sa.Column("loci_used", sa.Integer(), nullable=False),
        sa.Column("inconsistent_loci", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("detail", cradlewatch.store.crypto.EncryptedJSON(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("child_id", "case_id", name="uq_match"),
    )
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matches_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_matches_child_id"), ["child_id"], unique=False)

    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "posts",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("platform", sa.String(length=100), nullable=True),
        sa.Column("site", sa.String(length=400), nullable=True),
        sa.Column("author", sa.String(length=400), nullable=True),
        sa.Column("account", sa.String(length=400), nullable=True),
        sa.Column("posted_at", sa.String(length=40), nullable=True),
        sa.Column("captured_at", sa.String(length=40), nullable=True),
        sa.Column("thread_id", sa.String(length=400), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("offset", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.String(length=40), nullable=False),
        sa.Column("scanned_sha256", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_posts_account"), ["account"], unique=False)
        batch_op.create_index(batch_op.f("ix_posts_platform"), ["platform"], unique=False)
        batch_op.create_index(batch_op.f("ix_posts_posted_at"), ["posted_at"], unique=False)

    op.create_table(
        "rejects",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=400), nullable=False),
        sa.Column("seen_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("source", "line", "reason", name="uq_reject"),
    )
    op.create_table(
        "rings",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("risk", sa.Float(), nullable=False),
        sa.Column("first_seen", sa.String(length=40), nullable=True),
        sa.Column("last_seen", sa.String(length=40), nullable=True),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("run", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rings_size"), ["size"], unique=False)

    op.create_table(
        "users",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "case_items",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("case_id", "kind", "ref", name="uq_case_item"),
    )
    with op.batch_alter_table("case_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_items_case_id"), ["case_id"], unique=False)

    op.create_table(
        "findings",
        sa.Column("post_id", sa.String(length=200), nullable=False),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("risk", sa.Float(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("run", sa.Integer(), nullable=False),
        sa.Column("scanned_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.PrimaryKeyConstraint("post_id"),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index("ix_findings_queue", ["risk", "post_id", "verdict"], unique=False)

    op.create_table(
        "identifiers",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("post_id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=400), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.create_index("ix_identifiers_key", ["kind", "value"], unique=False)
        batch_op.create_index(batch_op.f("ix_identifiers_post_id"), ["post_id"], unique=False)

    op.create_table(
        "places",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("post_id", sa.String(length=200), nullable=False),
        sa.Column("province", sa.String(length=100), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_places_post_id"), ["post_id"], unique=False)
        batch_op.create_index("ix_places_province", ["province", "post_id"], unique=False)

    op.create_table(
        "reasons",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("post_id", sa.String(length=200), nullable=False),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("field", sa.String(length=20), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
    )
    with op.batch_alter_table("reasons", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reasons_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_reasons_post_id"), ["post_id"], unique=False)

    op.create_table(
        "ring_members",
        sa.Column("post_id", sa.String(length=200), nullable=False),
        sa.Column("ring_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
        ),
        sa.PrimaryKeyConstraint("post_id"),
    )
    with op.batch_alter_table("ring_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ring_members_ring_id"), ["ring_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ring_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ring_members_ring_id"))

    op.drop_table("ring_members")
    with op.batch_alter_table("reasons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reasons_post_id"))
        batch_op.drop_index(batch_op.f("ix_reasons_code"))

    op.drop_table("reasons")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index("ix_places_province")
        batch_op.drop_index(batch_op.f("ix_places_post_id"))

    op.drop_table("places")
    with op.batch_alter_table("identifiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_identifiers_post_id"))
        batch_op.drop_index("ix_identifiers_key")

    op.drop_table("identifiers")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_queue")

    op.drop_table("findings")
    with op.batch_alter_table("case_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_items_case_id"))

    op.drop_table("case_items")
    op.drop_table("users")
    with op.batch_alter_table("rings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rings_size"))

    op.drop_table("rings")
    op.drop_table("rejects")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_posts_posted_at"))
        batch_op.drop_index(batch_op.f("ix_posts_platform"))
        batch_op.drop_index(batch_op.f("ix_posts_account"))

    op.drop_table("posts")
    op.drop_table("meta")
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matches_child_id"))
        batch_op.drop_index(batch_op.f("ix_matches_case_id"))

    op.drop_table("matches")
    op.drop_table("ingest_progress")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_subject")

    op.drop_table("decisions")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_status"))
        batch_op.drop_index(batch_op.f("ix_cases_assignee"))

    op.drop_table("cases")
    with op.batch_alter_table("captures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_captures_post_id"))

    op.drop_table("captures")
    op.drop_table("audit_log")
    op.drop_table("analysis_runs")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_clinician"))

    op.drop_table("alerts")
