"""Tables for leads (screenings, contact, referral, audit and funnel events) and for the staff web side
(users, sessions, API tokens, login throttling, FAQ edit versions).

Contact fields hold Fernet tokens (see ``bot.leads.crypto``), never plaintext. Audit and funnel rows
hold ids and counts only, so they can outlive the leads they describe. Session and API tokens are
stored as SHA-256 hashes, so a copy of the database lets nobody in.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.types import TypeDecorator

from bot.outcomes import OUTCOMES

REFERRAL_STATUSES = ("new", "contacted", "visit_booked", "enrolled", "not_enrolled", "could_not_reach")
AUDIT_ACTIONS = ("viewed", "changed", "exported", "erased", "purged", "created")
USER_ROLES = ("coordinator", "staff", "admin")
FAQ_EDIT_ACTIONS = ("created", "edited", "rolled_back")
CONTACT_KINDS = ("call", "email", "voicemail", "note")
TABLE_NAMES = (
    "screenings",
    "contacts",
    "referrals",
    "audit_events",
    "funnel_events",
    "users",
    "web_sessions",
    "api_tokens",
    "login_throttles",
    "faq_edits",
    "contact_entries",
    "status_changes",
)
VERSION_TABLE = "leads_alembic_version"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Any: SQLAlchemy 1.4 (pinned by Rasa) ships no type information for its declarative base.
Base: Any = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes on every backend (SQLite would otherwise hand back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Screening(Base):
    """One completed pre-screen (or a handoff request); one row per (conversation, screening key)."""

    __tablename__ = "screenings"
    __table_args__ = (
        UniqueConstraint("conversation_id", "screening_key", name="uq_screenings_conversation_key"),
        CheckConstraint(f"outcome IS NULL OR {_in('outcome', OUTCOMES)}", name="outcome"),
        CheckConstraint("is_handoff OR outcome IS NOT NULL", name="outcome_or_handoff"),
    )

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(128), nullable=False, index=True)
    screening_key = Column(String(128), nullable=False)
    outcome = Column(String(20), nullable=True)
    answers: Any = Column(JSON, nullable=False, default=dict)
    reasons: Any = Column(JSON, nullable=False, default=list)
    unknowns: Any = Column(JSON, nullable=False, default=list)
    criteria_version = Column(String(64), nullable=True)
    consent_at = Column(UtcDateTime, nullable=True)
    consent_version = Column(String(64), nullable=True)
    # The conversation's language ("en", "fr"): the language the person used, shown to coordinators.
    language = Column(String(8), nullable=False, default="en", server_default="en")
    is_handoff = Column(Boolean, nullable=False, default=False)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow, index=True)

    contact = relationship("Contact", back_populates="screening", uselist=False, passive_deletes=True)
    referral = relationship("Referral", back_populates="screening", uselist=False, passive_deletes=True)


class Contact(Base):
    """How to reach the person; every field is a Fernet token."""

    __tablename__ = "contacts"

    id = Column(Integer, primary_key=True)
    screening_id = Column(
        Integer, ForeignKey("screenings.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    name_token = Column(Text, nullable=False)
    email_token = Column(Text, nullable=True)
    phone_token = Column(Text, nullable=True)
    preferred_time_token = Column(Text, nullable=True)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    updated_at = Column(UtcDateTime, nullable=False, default=utcnow, onupdate=utcnow)

    screening = relationship("Screening", back_populates="contact")


class Referral(Base):
    """The coordinators' work item for a lead, and whether they have been told about it."""

    __tablename__ = "referrals"
    __table_args__ = (CheckConstraint(_in("status", REFERRAL_STATUSES), name="status"),)

    id = Column(Integer, primary_key=True)
    screening_id = Column(
        Integer, ForeignKey("screenings.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    status = Column(String(20), nullable=False, default="new")
    notes = Column(Text, nullable=False, default="")
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    updated_at = Column(UtcDateTime, nullable=False, default=utcnow, onupdate=utcnow)
    notified_at = Column(UtcDateTime, nullable=True, index=True)
    notify_attempts = Column(Integer, nullable=False, default=0)
    last_error = Column(String(200), nullable=True)
    assigned_to = Column(String(254), nullable=True)  # a coordinator's sign-in email
    follow_up_on = Column(Date, nullable=True, index=True)

    screening = relationship("Screening", back_populates="referral")
    entries = relationship("ContactEntry", order_by="ContactEntry.at, ContactEntry.id", viewonly=True)
    status_changes = relationship("StatusChange", order_by="StatusChange.at, StatusChange.id", viewonly=True)


class ContactEntry(Base):
    """One line of a referral's contact log (a call, an e-mail, a voicemail, a note); the text is a
    Fernet token like the contact fields, the author a staff account's email."""

    __tablename__ = "contact_entries"
    __table_args__ = (CheckConstraint(_in("kind", CONTACT_KINDS), name="kind"),)

    id = Column(Integer, primary_key=True)
    referral_id = Column(Integer, ForeignKey("referrals.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(UtcDateTime, nullable=False, default=utcnow)
    author = Column(String(254), nullable=False)
    kind = Column(String(20), nullable=False)
    text_token = Column(Text, nullable=True)


class StatusChange(Base):
    """A referral's status history: who moved it from what to what, and when (no personal data)."""

    __tablename__ = "status_changes"

    id = Column(Integer, primary_key=True)
    referral_id = Column(Integer, ForeignKey("referrals.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(UtcDateTime, nullable=False, default=utcnow)
    author = Column(String(254), nullable=False)
    from_status = Column(String(20), nullable=True)
    to_status = Column(String(20), nullable=False)


class AuditEvent(Base):
    """Who did what to which lead; ids and counts only, never personal data."""

    __tablename__ = "audit_events"
    __table_args__ = (CheckConstraint(_in("action", AUDIT_ACTIONS), name="action"),)

    id = Column(Integer, primary_key=True)
    at = Column(UtcDateTime, nullable=False, default=utcnow, index=True)
    actor = Column(String(100), nullable=False)
    action = Column(String(20), nullable=False)
    target_type = Column(String(40), nullable=False)
    target_id = Column(String(64), nullable=True)
    details: Any = Column(JSON, nullable=False, default=dict)


class FunnelEvent(Base):
    """One step of a conversation, keyed by a hash of the sender id, for drop-off counts."""

    __tablename__ = "funnel_events"

    id = Column(Integer, primary_key=True)
    session_ref = Column(String(64), nullable=False, index=True)
    event = Column(String(80), nullable=False, index=True)
    at = Column(UtcDateTime, nullable=False, default=utcnow, index=True)


class User(Base):
    """A staff account: coordinators work the inbox, staff edit content, admins do both and manage users."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", USER_ROLES), name="role"),)

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(20), nullable=False)
    is_active = Column(Boolean, nullable=False, default=True)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    last_login_at = Column(UtcDateTime, nullable=True)


class WebSession(Base):
    """A signed-in browser; the cookie holds the token, this row only its hash."""

    __tablename__ = "web_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    expires_at = Column(UtcDateTime, nullable=False, index=True)


class ApiToken(Base):
    """A bearer token for a site's CRM, acting as its user; shown once, stored hashed."""

    __tablename__ = "api_tokens"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    user_id = Column(Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    label = Column(String(100), nullable=False, default="")
    created_at = Column(UtcDateTime, nullable=False, default=utcnow)
    last_used_at = Column(UtcDateTime, nullable=True)
    revoked_at = Column(UtcDateTime, nullable=True)


class LoginThrottle(Base):
    """Failed sign-ins per email, whether or not an account exists (so lockout reveals nothing)."""

    __tablename__ = "login_throttles"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    failures = Column(Integer, nullable=False, default=0)
    locked_until = Column(UtcDateTime, nullable=True)
    updated_at = Column(UtcDateTime, nullable=False, default=utcnow, onupdate=utcnow)


class FaqEdit(Base):
    """One saved change to an FAQ entry: who, when, and the entry before and after (None: absent)."""

    __tablename__ = "faq_edits"
    __table_args__ = (CheckConstraint(_in("action", FAQ_EDIT_ACTIONS), name="action"),)

    id = Column(Integer, primary_key=True)
    entry_id = Column(String(64), nullable=False, index=True)
    at = Column(UtcDateTime, nullable=False, default=utcnow, index=True)
    actor = Column(String(254), nullable=False)
    action = Column(String(20), nullable=False)
    before: Any = Column(JSON, nullable=True)
    after: Any = Column(JSON, nullable=True)
    rollback_of = Column(Integer, nullable=True)
