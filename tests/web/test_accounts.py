"""Accounts, lockout, sessions and API tokens, on the database alone (no web server)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.storage.db import Database
from bot.storage.models import ApiToken, LoginThrottle, User, WebSession, utcnow
from bot.users.accounts import LOCKOUT, MAX_FAILURES, LockedOut, authenticate, create_user
from bot.users.roles import EDITOR, INBOX, USERS, allows
from bot.users.tokens import (
    api_token_account,
    create_api_token,
    end_all_sessions,
    revoke_api_tokens,
    session_account,
    start_session,
)

PASSWORD = "correct horse battery staple"


@pytest.fixture
def user(db: Database) -> str:
    with db.session_scope() as session:
        create_user(session, "Coord@Example.org", PASSWORD, "coordinator")
    return "coord@example.org"


def _fail(db: Database, email: str, times: int, now=None) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        with db.session_scope() as session:
            assert authenticate(session, email, "wrong password!", now=now) is None


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


def test_five_failures_lock_the_email_for_fifteen_minutes_even_with_the_right_password(
    db: Database, user: str
) -> None:
    now = utcnow()
    _fail(db, user, MAX_FAILURES, now=now)
    with db.session_scope() as session, pytest.raises(LockedOut) as locked:
        authenticate(session, user, PASSWORD, now=now + timedelta(minutes=14))
    assert locked.value.until == now + LOCKOUT
    with db.session_scope() as session:
        assert authenticate(session, user, PASSWORD, now=now + LOCKOUT + timedelta(seconds=1)) is not None


def test_four_failures_then_success_resets_the_count(db: Database, user: str) -> None:
    _fail(db, user, MAX_FAILURES - 1)
    with db.session_scope() as session:
        assert authenticate(session, user, PASSWORD) is not None
    _fail(db, user, MAX_FAILURES - 1)
    with db.session_scope() as session:
        assert authenticate(session, user, PASSWORD) is not None


def test_unknown_emails_lock_out_the_same_way_so_lockout_reveals_no_account(db: Database) -> None:
    _fail(db, "nobody@example.org", MAX_FAILURES)
    with db.session_scope() as session, pytest.raises(LockedOut):
        authenticate(session, "nobody@example.org", "anything at all")
    with db.session_scope() as session:
        assert session.execute(select(LoginThrottle.email)).scalar_one() == "nobody@example.org"


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
