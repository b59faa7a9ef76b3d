"""Sign-in throttling per address, and per e-mail *from* that address, with exponential backoff.

Why not lock the account (per e-mail) as before: anyone who knows a coordinator's address could
then keep that account locked from anywhere. Failures now count per (e-mail, address) pair and per
address, so a stranger slows down only their own connection; the owner signing in from elsewhere
is never affected. Guessing from many addresses is bounded by the argon2 cost, the 12-character
minimum and the per-address limit (docs/security.md). Rows hold hashes, not addresses or e-mails.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.storage.models import LoginThrottle

FREE_PAIR_FAILURES = 3  # typos are free; then 30 s, 1 min, 2 min... capped
FREE_ADDRESS_FAILURES = 20  # a clinic or a household may share one address
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)
FORGET_AFTER = timedelta(hours=1)  # failures older than this no longer count


class LockedOut(Exception):
    """Too many failed sign-ins from this connection; ``until`` is when the next try is accepted."""

    def __init__(self, until: datetime) -> None:
        super().__init__(f"locked until {until.isoformat()}")
        self.until = until


def _digest(value: str) -> str:
    return hashlib.sha256(f"catr-login:{value}".encode()).hexdigest()[:24]


def pair_key(email: str, address: str) -> str:
    return f"pair:{_digest(email)}:{_digest(address)}"


def address_key(address: str) -> str:
    return f"addr:{_digest(address)}"


@dataclass(frozen=True)
class Counter:
    key: str
    free: int


def _row(session: Session, key: str, now: datetime) -> LoginThrottle:
    row = session.execute(
        select(LoginThrottle).where(LoginThrottle.email == key).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        row = LoginThrottle(email=key, failures=0, updated_at=now)
        session.add(row)
    elif row.updated_at is not None and row.updated_at < now - FORGET_AFTER and not _locked(row, now):
        row.failures = 0
    return row


def _locked(row: LoginThrottle, now: datetime) -> bool:
    return row.locked_until is not None and row.locked_until > now


def counters(email: str, address: str) -> tuple[Counter, Counter]:
    return Counter(pair_key(email, address), FREE_PAIR_FAILURES), Counter(
        address_key(address), FREE_ADDRESS_FAILURES
    )


def check(session: Session, email: str, address: str, now: datetime) -> list[LoginThrottle]:
    """The rows for this attempt; raises LockedOut while one of them is backing off."""
    rows = [_row(session, counter.key, now) for counter in counters(email, address)]
    waits = [row.locked_until for row in rows if _locked(row, now)]
    if waits:
        raise LockedOut(max(waits))
    return rows


def failed(rows: list[LoginThrottle], email: str, address: str, now: datetime) -> None:
    """Count a failure; past the free ones, each failure doubles the wait (capped)."""
    for row, counter in zip(rows, counters(email, address), strict=True):
        row.failures += 1
        row.updated_at = now
        extra = row.failures - counter.free
        if extra > 0:
            row.locked_until = now + min(FIRST_DELAY * 2 ** min(extra - 1, 20), MAX_DELAY)


def succeeded(rows: list[LoginThrottle], now: datetime) -> None:
    """A right password clears its pair; the address keeps counting (one good account must not
    reset the budget for guessing others from the same address)."""
    rows[0].failures, rows[0].locked_until, rows[0].updated_at = 0, None, now


def clear(session: Session, email: str) -> None:
    """Clear every throttle on this e-mail, whatever the address (an admin vouches for the person)."""
    session.execute(
        delete(LoginThrottle)
        .where(LoginThrottle.email.like(f"pair:{_digest(email)}:%") | (LoginThrottle.email == email))
        .execution_options(synchronize_session=False)
    )
