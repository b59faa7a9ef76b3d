"""``python -m bot users add|list|token|unlock|deactivate``: staff accounts from the command line.

Passwords come from a hidden prompt (asked twice) or, for scripts, from standard input with
``--password-stdin``; never from an argument, which would land in shell history and ``ps``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.settings import get_settings
from bot.storage.db import Database, get_database
from bot.storage.migrate import upgrade
from bot.storage.models import USER_ROLES, User
from bot.users.accounts import MIN_PASSWORD_LENGTH, create_user, find_user, unlock
from bot.users.tokens import create_api_token, end_all_sessions, revoke_api_tokens


def _database() -> Database:
    settings = get_settings()
    upgrade(settings.database_url)
    return get_database(settings)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Password (at least {MIN_PASSWORD_LENGTH} characters): ")
    if getpass.getpass("Same password again: ") != first:
        raise ValueError("the two passwords differ; nothing was created")
    return first


def add_command(args: argparse.Namespace) -> int:
    password = _read_password(args.password_stdin)
    with _database().session_scope() as session:
        user = create_user(session, args.email, password, args.role)
        print(f"created {user.role} account {user.email}")
    return 0


def list_command(_args: argparse.Namespace) -> int:
    with _database().session_scope() as session:
        for user in session.query(User).order_by(User.email):
            state = "active" if user.is_active else "deactivated"
            print(f"{user.email}\t{user.role}\t{state}")
    return 0


def token_command(args: argparse.Namespace) -> int:
    with _database().session_scope() as session:
        token = create_api_token(session, args.email, label=args.label)
    print("API token (shown once; store it in the CRM's secret settings):", file=sys.stderr)
    print(token)
    return 0


def unlock_command(args: argparse.Namespace) -> int:
    with _database().session_scope() as session:
        unlock(session, args.email)
    print(f"sign-in unlocked for {args.email.strip().lower()}")
    return 0


def deactivate_command(args: argparse.Namespace) -> int:
    with _database().session_scope() as session:
        user = find_user(session, args.email)
        if user is None:
            raise LookupError(f"no account for {args.email.strip().lower()}")
        user.is_active = False
        end_all_sessions(session, user.id)
        revoked = revoke_api_tokens(session, user.id)
    print(f"deactivated {user.email}; signed out everywhere; {revoked} API token(s) revoked")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``users`` and its subcommands to ``python -m bot``."""
    users = subparsers.add_parser("users", help="manage staff accounts and API tokens")
    commands = users.add_subparsers(dest="users_command", required=True)

    add = commands.add_parser("add", help="create an account (password from a prompt)")
    add.add_argument("--role", choices=USER_ROLES, required=True)
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("email")
    add.set_defaults(func=add_command)

    commands.add_parser("list", help="list accounts").set_defaults(func=list_command)

    token = commands.add_parser("token", help="create an API token for a CRM, acting as this user")
    token.add_argument("--label", default="", help="what the token is for, e.g. the CRM's name")
    token.add_argument("email")
    token.set_defaults(func=token_command)

    for name, func, text in (
        ("unlock", unlock_command, "clear a sign-in lockout"),
        ("deactivate", deactivate_command, "disable an account, end its sessions, revoke its tokens"),
    ):
        parser = commands.add_parser(name, help=text)
        parser.add_argument("email")
        parser.set_defaults(func=func)
