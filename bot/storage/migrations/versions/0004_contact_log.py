"""Coordinators' worklist: contact log, status history, assignment and follow-up date.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KINDS = "'call', 'email', 'voicemail', 'note'"


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _referral_child(table: str, *columns: sa.Column, checks: tuple[sa.CheckConstraint, ...] = ()) -> None:
    """Log tables share their shape: rows of one referral, deleted with it, with a time and an author."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("author", sa.String(254), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f(f"fk_{table}_referral_id_referrals"),
            ondelete="CASCADE",
        ),
        *checks,
    )
    op.create_index(op.f(f"ix_{table}_referral_id"), table, ["referral_id"])


def upgrade() -> None:
    with op.batch_alter_table("referrals") as batch:
        batch.add_column(sa.Column("assigned_to", sa.String(254), nullable=True))
        batch.add_column(sa.Column("follow_up_on", sa.Date(), nullable=True))
        batch.create_index(op.f("ix_referrals_follow_up_on"), ["follow_up_on"])
    _referral_child(
        "contact_entries",
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text_token", sa.Text(), nullable=True),
        checks=(sa.CheckConstraint(f"kind IN ({KINDS})", name=op.f("ck_contact_entries_kind")),),
    )
    _referral_child(
        "status_changes",
        sa.Column("from_status", sa.String(20), nullable=True),
        sa.Column("to_status", sa.String(20), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("status_changes")
    op.drop_table("contact_entries")
    with op.batch_alter_table("referrals") as batch:
        batch.drop_index(op.f("ix_referrals_follow_up_on"))
        batch.drop_column("follow_up_on")
        batch.drop_column("assigned_to")
