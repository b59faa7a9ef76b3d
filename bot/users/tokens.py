"""Browser sessions and API tokens: random secrets handed out once, only their hashes stored.

A session ends at its expiry, at sign-out, or when its user is deactivated; an API token ends when
revoked or when its user is deactivated.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.storage.models import ApiToken, User, WebSession, utcnow
from bot.users.accounts import Account, find_user

API_TOKEN_PREFIX = "catr_"


def token_hash(token: str, purpose: str) -> str:
    """SHA-256 of a high-entropy token (no salt or slow hash needed: nothing to brute-force)."""
    return hashlib.sha256(f"{purpose}:{token}".encode()).hexdigest()


def _account(user: User) -> Account:
    return Account(id=user.id, email=user.email, role=user.role)


def start_session(session: Session, account: Account, lifetime: timedelta) -> str:
    """A new session for ``account``; returns the cookie value (the only copy of the token)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.execute(delete(WebSession).where(WebSession.expires_at < now))  # tidy as we go
    session.add(
        WebSession(
            token_hash=token_hash(token, "session"),
            user_id=account.id,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    return token


def session_account(session: Session, token: str, now: datetime | None = None) -> Account | None:
    """The active user behind a session cookie, or None when unknown, expired or deactivated."""
    statement = (
        select(User)
        .join(WebSession, WebSession.user_id == User.id)
        .where(WebSession.token_hash == token_hash(token, "session"))
        .where(WebSession.expires_at > (now or utcnow()))
        .where(User.is_active.is_(True))
    )
    user = session.execute(statement).scalar_one_or_none()
    return None if user is None else _account(user)


def end_session(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token, "session")))


def end_all_sessions(session: Session, user_id: int) -> None:
    """Sign a user out everywhere (deactivation, role change, password change)."""
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def create_api_token(session: Session, email: str, label: str = "") -> str:
    """A new API token for the user with ``email``; returns it (shown once, then only its hash)."""
    user = find_user(session, email)
    if user is None or not user.is_active:
        raise LookupError(f"no active account for {email.strip().lower()}")
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(token_hash=token_hash(token, "api"), user_id=user.id, label=label[:100]))
    return token


def api_token_account(session: Session, token: str) -> Account | None:
    """The active user behind a bearer token, or None; records when the token was last used."""
    if not token.startswith(API_TOKEN_PREFIX):
        return None
    statement = (
        select(ApiToken, User)
        .join(User, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_hash(token, "api"))
        .where(ApiToken.revoked_at.is_(None))
        .where(User.is_active.is_(True))
    )
    row = session.execute(statement).one_or_none()
    if row is None:
        return None
    api_token, user = row
    api_token.last_used_at = utcnow()
    return _account(user)


def revoke_api_tokens(session: Session, user_id: int) -> int:
    """Revoke every live token of a user; returns how many."""
    tokens = session.execute(
        select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
    ).scalars()
    count = 0
    for api_token in tokens:
        api_token.revoked_at = utcnow()
        count += 1
    return count
