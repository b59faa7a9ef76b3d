"""Lead commands: ``leads export``, ``leads erase``, ``purge`` and ``notify``.

Each applies the leads migrations first, so they work on a fresh data folder.
"""

from __future__ import annotations

import argparse
import logging
import sys

from bot.leads.conversations import purge_conversations
from bot.leads.crypto import load_cipher
from bot.leads.erasure import erase_person
from bot.leads.export import export_leads, find_conversation, to_csv, to_json
from bot.leads.notify import send_pending
from bot.leads.retention import purge
from bot.settings import Settings, get_settings
from bot.storage.db import Database, get_database
from bot.storage.migrate import upgrade

CLI_ACTOR = "cli"
logger = logging.getLogger(__name__)


def _ready(settings: Settings) -> Database:
    upgrade(settings.database_url)
    return get_database(settings)


def export_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    database = _ready(settings)
    with database.session_scope() as session:
        records = export_leads(session, load_cipher(settings), actor=CLI_ACTOR)
    sys.stdout.write(to_csv(records) if args.format == "csv" else to_json(records) + "\n")
    return 0


def erase_command(args: argparse.Namespace) -> int:
    """Erase by sender id, or by the ``conversation_ref`` an export shows."""
    settings = get_settings()
    database = _ready(settings)
    with database.session_scope() as session:
        conversation_id = (
            find_conversation(session, load_cipher(settings), args.conversation) or args.conversation
        )
    counts = erase_person(settings, conversation_id, actor=CLI_ACTOR, database=database)
    print(" ".join(f"{key}={value}" for key, value in counts.items()))
    return 0


def purge_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    days = settings.retention_days if args.days is None else args.days
    database = _ready(settings)
    with database.session_scope() as session:
        counts = purge(session, days, actor=CLI_ACTOR)
    counts["conversation_events"] = purge_conversations(settings, days)
    print(
        f"purged leads and conversations older than {days} days: "
        + " ".join(f"{k}={v}" for k, v in counts.items())
    )
    return 0


def notify_command(_args: argparse.Namespace) -> int:
    settings = get_settings()
    sent = send_pending(settings, _ready(settings))
    print(f"notifications sent: {sent}")
    return 0


def _non_negative(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number of days") from error
    if value < 0:
        raise argparse.ArgumentTypeError("days must be zero or more")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``leads``, ``purge`` and ``notify`` to ``python -m bot``."""
    leads = subparsers.add_parser("leads", help="export or erase stored leads")
    lead_commands = leads.add_subparsers(dest="leads_command", required=True)
    export = lead_commands.add_parser("export", help="print every lead (personal data: handle with care)")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.set_defaults(func=export_command)
    erase = lead_commands.add_parser(
        "erase", help="delete everything stored for one person: leads rows and the conversation"
    )
    erase.add_argument("conversation", help="the conversation_ref from an export, or the Rasa sender id")
    erase.set_defaults(func=erase_command)

    purge_parser = subparsers.add_parser("purge", help="delete leads older than the retention period")
    purge_parser.add_argument("--days", type=_non_negative, default=None, help="default: RETENTION_DAYS")
    purge_parser.set_defaults(func=purge_command)

    notify = subparsers.add_parser("notify", help="email coordinators about referrals not yet notified")
    notify.set_defaults(func=notify_command)
