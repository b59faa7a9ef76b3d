"""Accounts, lockout, sessions and API tokens, on the database alone (no web server)."""

from __future__ import annotations

import contextlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.storage.db import Database
from bot.storage.models import ApiToken, LoginThrottle, User, WebSession, utcnow
from bot.users.accounts import LockedOut, authenticate, create_user, unlock
from bot.users.roles import EDITOR, INBOX, USERS, allows
from bot.users.throttle import FIRST_DELAY, FREE_ADDRESS_FAILURES, FREE_PAIR_FAILURES, MAX_DELAY
from bot.users.tokens import (
    api_token_account,
    create_api_token,
    end_all_sessions,
    revoke_api_tokens,
    session_account,
    start_session,
)

PASSWORD = "correct horse battery staple"
STRANGER, OWNER = "203.0.113.7", "198.51.100.20"


@pytest.fixture
def user(db: Database) -> str:
    with db.session_scope() as session:
        create_user(session, "Coord@Example.org", PASSWORD, "coordinator")
    return "coord@example.org"


def _fail(db: Database, email: str, times: int, now=None, address: str = "") -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        # while backing off, the attempt is refused without checking the password
        with db.session_scope() as session, contextlib.suppress(LockedOut):
            assert authenticate(session, email, "wrong password!", now=now, address=address) is None


def test_password_is_stored_as_an_argon2id_hash(db: Database, user: str) -> None:
    with db.session_scope() as session:
        stored = session.execute(select(User.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_email_is_case_insensitive_and_the_right_password_signs_in(db: Database, user: str) -> None:
    with db.session_scope() as session:
        account = authenticate(session, "  COORD@example.ORG ", PASSWORD)
    assert account is not None and account.role == "coordinator"


def test_a_short_password_is_refused_with_a_message_for_the_person(db: Database) -> None:
    with db.session_scope() as session, pytest.raises(ValueError, match="at least 12 characters"):
        create_user(session, "new@example.org", "short", "staff")


def test_unknown_role_and_duplicate_email_are_refused(db: Database, user: str) -> None:
    with db.session_scope() as session:
        with pytest.raises(ValueError, match="unknown role"):
            create_user(session, "x@example.org", PASSWORD, "superuser")
        with pytest.raises(ValueError, match="already exists"):
            create_user(session, user, PASSWORD, "staff")


def test_failures_back_off_that_email_from_that_address_even_with_the_right_password(
    db: Database, user: str
) -> None:
    now = utcnow()
    _fail(db, user, FREE_PAIR_FAILURES + 1, now=now, address=STRANGER)
    with db.session_scope() as session, pytest.raises(LockedOut) as locked:
        authenticate(session, user, PASSWORD, now=now + FIRST_DELAY / 2, address=STRANGER)
    assert locked.value.until == now + FIRST_DELAY
    with db.session_scope() as session:
        later = now + FIRST_DELAY + timedelta(seconds=1)
        assert authenticate(session, user, PASSWORD, now=later, address=STRANGER) is not None


def test_a_stranger_cannot_lock_the_owner_out(db: Database, user: str) -> None:
    """Hundreds of wrong passwords from elsewhere: the owner's own connection signs in at once."""
    now = utcnow()
    _fail(db, user, 40, now=now, address=STRANGER)
    with db.session_scope() as session:
        assert authenticate(session, user, PASSWORD, now=now, address=OWNER) is not None


def test_the_wait_doubles_and_is_capped(db: Database, user: str) -> None:
    now = utcnow()
    waits = []
    for _ in range(FREE_PAIR_FAILURES + 12):
        with db.session_scope() as session:
            try:
                authenticate(session, user, "wrong password!", now=now, address=STRANGER)
            except LockedOut as locked:
                waits.append(locked.until - now)
                now = locked.until  # the attacker waits each time, then tries again
    assert waits[0] == FIRST_DELAY and waits[1] == 2 * FIRST_DELAY and max(waits) == MAX_DELAY


def test_four_failures_then_success_resets_the_count(db: Database, user: str) -> None:
    _fail(db, user, FREE_PAIR_FAILURES)
    with db.session_scope() as session:
        assert authenticate(session, user, PASSWORD) is not None
    _fail(db, user, FREE_PAIR_FAILURES)
    with db.session_scope() as session:
        assert authenticate(session, user, PASSWORD) is not None


def test_many_emails_from_one_address_back_off_the_address(db: Database, user: str) -> None:
    for number in range(FREE_ADDRESS_FAILURES + 1):
        with db.session_scope() as session:
            authenticate(session, f"guess{number}@example.org", "wrong password!", address=STRANGER)
    with db.session_scope() as session, pytest.raises(LockedOut):
        authenticate(session, user, PASSWORD, address=STRANGER)


def test_unknown_emails_back_off_the_same_way_and_rows_hold_no_email_or_address(db: Database) -> None:
    _fail(db, "nobody@example.org", FREE_PAIR_FAILURES + 1, address=STRANGER)
    with db.session_scope() as session, pytest.raises(LockedOut):
        authenticate(session, "nobody@example.org", "anything at all", address=STRANGER)
    with db.session_scope() as session:
        keys = " ".join(session.execute(select(LoginThrottle.email)).scalars())
    assert "nobody" not in keys and STRANGER not in keys


def test_an_admin_unlock_clears_the_email_from_every_address(db: Database, user: str) -> None:
    _fail(db, user, FREE_PAIR_FAILURES + 1, address=STRANGER)
    with db.session_scope() as session:
        unlock(session, user)
    with db.session_scope() as session:
        assert authenticate(session, user, PASSWORD, address=STRANGER) is not None


@pytest.mark.parametrize(
    "email",
    ["no-at-sign", "a@b", "Name <a@example.org>", "a b@example.org", "a@example..org", "@example.org"],
)
def test_account_emails_are_validated(db: Database, email: str) -> None:
    with db.session_scope() as session, pytest.raises(ValueError, match="email"):
        create_user(session, email, PASSWORD, "staff")


def test_a_deactivated_account_cannot_sign_in(db: Database, user: str) -> None:
    with db.session_scope() as session:
        session.execute(select(User)).scalar_one().is_active = False
    with db.session_scope() as session:
        assert authenticate(session, user, PASSWORD) is None


def test_sessions_are_stored_hashed_and_end_on_expiry_or_sign_out_everywhere(db: Database, user: str) -> None:
    with db.session_scope() as session:
        account = authenticate(session, user, PASSWORD)
        assert account is not None
        token = start_session(session, account, timedelta(hours=1))
    with db.session_scope() as session:
        assert session.execute(select(WebSession.token_hash)).scalar_one() != token
        assert session_account(session, token) == account
        assert session_account(session, token, now=utcnow() + timedelta(hours=2)) is None
        end_all_sessions(session, account.id)
    with db.session_scope() as session:
        assert session_account(session, token) is None


def test_api_tokens_are_stored_hashed_and_stop_working_when_revoked(db: Database, user: str) -> None:
    with db.session_scope() as session:
        token = create_api_token(session, user, label="crm")
    with db.session_scope() as session:
        assert token not in session.execute(select(ApiToken.token_hash)).scalar_one()
        account = api_token_account(session, token)
        assert account is not None and account.email == user
        assert api_token_account(session, token + "x") is None
        assert revoke_api_tokens(session, account.id) == 1
    with db.session_scope() as session:
        assert api_token_account(session, token) is None


def test_roles_grant_coordinators_the_inbox_staff_the_editor_admins_everything() -> None:
    assert allows("coordinator", INBOX) and not allows("coordinator", EDITOR)
    assert allows("staff", EDITOR) and not allows("staff", INBOX)
    assert all(allows("admin", permission) for permission in (INBOX, EDITOR, USERS))
    assert not allows("coordinator", USERS) and not allows("staff", USERS)
