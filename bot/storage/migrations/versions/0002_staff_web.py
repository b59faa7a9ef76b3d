"""Staff web side: users, sessions, API tokens, login throttling and FAQ edit versions.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ROLES = "'coordinator', 'staff', 'admin'"
EDIT_ACTIONS = "'created', 'edited', 'rolled_back'"


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
    )


def _hashed_token_table(table: str, *columns: sa.Column) -> None:
    """Sessions and API tokens share their shape: a unique token hash belonging to a user."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("token_hash", name=op.f(f"uq_{table}_token_hash")),
        _user_fk(table),
    )
    op.create_index(op.f(f"ix_{table}_user_id"), table, ["user_id"])


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("last_login_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.CheckConstraint(f"role IN ({ROLES})", name=op.f("ck_users_role")),
    )
    _hashed_token_table("web_sessions", sa.Column("expires_at", _utc(), nullable=False))
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"])
    _hashed_token_table(
        "api_tokens",
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("last_used_at", _utc(), nullable=True),
        sa.Column("revoked_at", _utc(), nullable=True),
    )
    op.create_table(
        "login_throttles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", _utc(), nullable=True),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_throttles")),
        sa.UniqueConstraint("email", name=op.f("uq_login_throttles_email")),
    )
    op.create_table(
        "faq_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(64), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor", sa.String(254), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("rollback_of", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_edits")),
        sa.CheckConstraint(f"action IN ({EDIT_ACTIONS})", name=op.f("ck_faq_edits_action")),
    )
    op.create_index(op.f("ix_faq_edits_entry_id"), "faq_edits", ["entry_id"])
    op.create_index(op.f("ix_faq_edits_at"), "faq_edits", ["at"])


def downgrade() -> None:
    for table in ("faq_edits", "login_throttles", "api_tokens", "web_sessions", "users"):
        op.drop_table(table)
