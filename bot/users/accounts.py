"""Accounts and sign-in: argon2id password hashes and a lockout after repeated failures.

The lockout is kept per email address whether or not an account exists, and an unknown email costs
the same argon2 work as a known one, so sign-in answers reveal nothing about who has an account.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.storage.models import USER_ROLES, LoginThrottle, User, utcnow

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # argon2 cost does not grow with length, but nobody needs a megabyte

logger = logging.getLogger(__name__)
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a real password: evens out the time an unknown email takes")


class LockedOut(Exception):
    """Too many failed sign-ins for this email; ``until`` is when the next try is accepted."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


@dataclass(frozen=True)
class Account:
    """What the web side needs about a signed-in user (no password hash leaves this module)."""

    id: int
    email: str
    role: str


def normalise_email(email: str) -> str:
    return email.strip().lower()


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
    if "@" not in email or len(email) > 254 or any(char.isspace() for char in email):
        raise ValueError(f"{email!r} is not an email address")
    check_password_rules(password)
    if find_user(session, email) is not None:
        raise ValueError(f"an account for {email} already exists")
    user = User(email=email, password_hash=_hasher.hash(password), role=role, is_active=True)
    session.add(user)
    session.flush()
    logger.info("event=user_created user_id=%s role=%s", user.id, role)
    return user


def set_password(session: Session, user: User, password: str) -> None:
    check_password_rules(password)
    user.password_hash = _hasher.hash(password)


def _throttle(session: Session, email: str) -> LoginThrottle:
    row = session.execute(
        select(LoginThrottle).where(LoginThrottle.email == email).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        row = LoginThrottle(email=email[:254], failures=0, updated_at=utcnow())
        session.add(row)
    return row


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, email: str, password: str, now: datetime | None = None) -> Account | None:
    """The account when email and password match an active user, else None; raises LockedOut
    (without checking the password) while the email is locked. The caller's session must commit,
    also on failure, so the failure count sticks."""
    now = now or utcnow()
    email = normalise_email(email)[:254]
    throttle = _throttle(session, email)
    if throttle.locked_until is not None and throttle.locked_until > now:
        raise LockedOut(throttle.locked_until)
    user = find_user(session, email)
    password = password[:MAX_PASSWORD_LENGTH]
    matched = _verify(user.password_hash, password) if user else _verify(_DUMMY_HASH, password)
    if not (matched and user is not None and user.is_active):
        throttle.failures += 1
        throttle.updated_at = now
        if throttle.failures >= MAX_FAILURES:
            throttle.failures, throttle.locked_until = 0, now + LOCKOUT
            logger.warning("event=login_locked user_id=%s", user.id if user else "-")
        return None
    throttle.failures, throttle.locked_until, throttle.updated_at = 0, None, now
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.last_login_at = now
    return Account(id=user.id, email=user.email, role=user.role)


def unlock(session: Session, email: str) -> None:
    """Clear a lockout (an admin vouches for the person)."""
    throttle = _throttle(session, normalise_email(email))
    throttle.failures, throttle.locked_until = 0, None
