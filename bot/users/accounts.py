"""Accounts and sign-in: argon2id password hashes, and throttling of repeated failures.

Throttling (bot/users/throttle.py) counts per address and per e-mail from that address, whether or
not an account exists, and an unknown e-mail costs the same argon2 work as a known one, so sign-in
answers reveal nothing about who has an account, and no stranger can lock an account out.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError
from email_validator import validate_email as _validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.storage.models import USER_ROLES, User, utcnow
from bot.users import throttle
from bot.users.throttle import LockedOut

__all__ = ["Account", "LockedOut", "authenticate", "create_user", "find_user", "unlock"]
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 cost does not grow with length, but nobody needs a megabyte

logger = logging.getLogger(__name__)
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a real password: evens out the time an unknown email takes")


@dataclass(frozen=True)
class Account:
    """What the web side needs about a signed-in user (no password hash leaves this module)."""

    id: int
    email: str
    role: str


def normalise_email(email: str) -> str:
    return email.strip().lower()


def valid_email(email: str) -> str:
    """A normalised address (RFC syntax, a domain with a dot, no display names, quotes or spaces);
    ValueError naming the value otherwise. Sign-in links and notifications go to it."""
    if len(email) > 254:
        raise ValueError("an email address has at most 254 characters")
    try:
        return _validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise ValueError(f"{email!r} is not an email address: {error}") from error


def check_password_rules(password: str) -> None:
    """Raise ValueError with a message for the person choosing the password."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"The password can have at most {MAX_PASSWORD_LENGTH} characters.")


def find_user(session: Session, email: str) -> User | None:
    statement = select(User).where(func.lower(User.email) == normalise_email(email))
    return session.execute(statement).scalar_one_or_none()


def create_user(session: Session, email: str, password: str, role: str) -> User:
    """A new active account; refuses an unknown role, a weak password or a taken email."""
    email = normalise_email(email)
    if role not in USER_ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(USER_ROLES)}")
    email = valid_email(email)
    check_password_rules(password)
    if find_user(session, email) is not None:
        raise ValueError(f"an account for {email} already exists")
    user = User(email=email, password_hash=_hasher.hash(password), role=role, is_active=True)
    session.add(user)
    session.flush()
    logger.info("event=user_created user_id=%s role=%s", user.id, role)
    return user


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(
    session: Session, email: str, password: str, now: datetime | None = None, address: str = ""
) -> Account | None:
    """The account when email and password match an active user, else None; raises LockedOut
    (without checking the password) while this address, or this e-mail from this address, is
    backing off. The caller's session must commit, also on failure, so the failure count sticks."""
    now = now or utcnow()
    email = normalise_email(email)[:254]
    rows = throttle.check(session, email, address, now)
    user = find_user(session, email)
    password = password[:MAX_PASSWORD_LENGTH]
    matched = _verify(user.password_hash, password) if user else _verify(_DUMMY_HASH, password)
    if not (matched and user is not None and user.is_active):
        throttle.failed(rows, email, address, now)
        if any(row.locked_until is not None and row.locked_until > now for row in rows):
            logger.warning("event=login_backoff user_id=%s", user.id if user else "-")
        return None
    throttle.succeeded(rows, now)
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = now
    return Account(id=user.id, email=user.email, role=user.role)


def unlock(session: Session, email: str) -> None:
    """Clear the throttles on this e-mail from every address (an admin vouches for the person)."""
    throttle.clear(session, normalise_email(email))
