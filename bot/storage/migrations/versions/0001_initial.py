"""Initial leads schema: screenings, contacts, referrals, audit and funnel events.

Revision ID: 0001
Revises:
Create Date: 2025-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

OUTCOMES = "'likely_eligible', 'not_eligible', 'needs_review'"
STATUSES = "'new', 'contacted', 'visit_booked', 'enrolled', 'not_enrolled', 'could_not_reach'"
ACTIONS = "'viewed', 'changed', 'exported', 'erased', 'purged', 'created'"


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(128), nullable=False),
        sa.Column("screening_key", sa.String(128), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("unknowns", sa.JSON(), nullable=False),
        sa.Column("criteria_version", sa.String(64), nullable=True),
        sa.Column("consent_at", _utc(), nullable=True),
        sa.Column("consent_version", sa.String(64), nullable=True),
        sa.Column("is_handoff", sa.Boolean(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
        sa.UniqueConstraint("conversation_id", "screening_key", name=op.f("uq_screenings_conversation_key")),
        sa.CheckConstraint(f"outcome IS NULL OR outcome IN ({OUTCOMES})", name=op.f("ck_screenings_outcome")),
        sa.CheckConstraint(
            "is_handoff OR outcome IS NOT NULL", name=op.f("ck_screenings_outcome_or_handoff")
        ),
    )
    op.create_index(op.f("ix_screenings_conversation_id"), "screenings", ["conversation_id"])
    op.create_index(op.f("ix_screenings_created_at"), "screenings", ["created_at"])

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("name_token", sa.Text(), nullable=False),
        sa.Column("email_token", sa.Text(), nullable=True),
        sa.Column("phone_token", sa.Text(), nullable=True),
        sa.Column("preferred_time_token", sa.Text(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.ForeignKeyConstraint(
            ["screening_id"],
            ["screenings.id"],
            name=op.f("fk_contacts_screening_id_screenings"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("screening_id", name=op.f("uq_contacts_screening_id")),
    )

    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("notified_at", _utc(), nullable=True),
        sa.Column("notify_attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
        sa.ForeignKeyConstraint(
            ["screening_id"],
            ["screenings.id"],
            name=op.f("fk_referrals_screening_id_screenings"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("screening_id", name=op.f("uq_referrals_screening_id")),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f("ck_referrals_status")),
    )
    op.create_index(op.f("ix_referrals_notified_at"), "referrals", ["notified_at"])

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("target_type", sa.String(40), nullable=False),
        sa.Column("target_id", sa.String(64), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.CheckConstraint(f"action IN ({ACTIONS})", name=op.f("ck_audit_events_action")),
    )
    op.create_index(op.f("ix_audit_events_at"), "audit_events", ["at"])

    op.create_table(
        "funnel_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_ref", sa.String(64), nullable=False),
        sa.Column("event", sa.String(80), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funnel_events")),
    )
    op.create_index(op.f("ix_funnel_events_session_ref"), "funnel_events", ["session_ref"])
    op.create_index(op.f("ix_funnel_events_event"), "funnel_events", ["event"])
    op.create_index(op.f("ix_funnel_events_at"), "funnel_events", ["at"])


def downgrade() -> None:
    for table in ("funnel_events", "audit_events", "referrals", "contacts", "screenings"):
        op.drop_table(table)
