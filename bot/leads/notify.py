"""Tell coordinators about new referrals by email, surviving SMTP outages.

The referral is committed first; this module sends every referral whose ``notified_at`` is empty and
records the result, so an outage only delays the email. Emails carry a reference, the outcome and a
link to the inbox: no contact details, no answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import select, update

from bot.outcomes import HANDOFF, OutcomeKind
from bot.settings import Settings
from bot.storage.db import Database, get_database
from bot.storage.models import Referral, Screening, utcnow

SMTP_TIMEOUT_SECONDS = 15
OUTCOME_LABELS: dict[str | None, str] = {
    OutcomeKind.LIKELY_ELIGIBLE: "likely eligible",
    OutcomeKind.NEEDS_REVIEW: "needs review",
    OutcomeKind.NOT_ELIGIBLE: "not eligible",
    None: "handoff (asked to talk to a person)",
}
logger = logging.getLogger(__name__)


def reference(referral_id: int) -> str:
    """The short reference coordinators see in emails and the inbox."""
    return f"R-{referral_id:05d}"


def referral_link(settings: Settings, referral_id: int) -> str:
    return f"{settings.public_base_url.rstrip('/')}/inbox/referrals/{referral_id}"


def build_message(
    settings: Settings, referral_id: int, outcome: str | None, sent_at: datetime
) -> EmailMessage:
    """The notification email; only a reference, the outcome and a link, by design."""
    label = OUTCOME_LABELS.get(outcome, outcome or HANDOFF)
    message = EmailMessage()
    message["From"] = settings.smtp_sender
    message["To"] = ", ".join(settings.coordinator_emails)
    message["Subject"] = f"New pre-screen referral {reference(referral_id)}: {label}"
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = make_msgid(domain=settings.smtp_sender.rpartition("@")[2] or "localhost")
    message.set_content(
        f"A new referral is waiting in the coordinator inbox.\n\n"
        f"Reference: {reference(referral_id)}\n"
        f"Outcome: {label}\n"
        f"Open it: {referral_link(settings, referral_id)}\n\n"
        "For privacy this email carries no contact details or answers; sign in to the inbox to see them.\n"
    )
    return message


def describe_error(error: BaseException) -> str:
    """An error summary safe to store: the type and codes, never server text (it may echo addresses)."""
    parts = [type(error).__name__]
    if isinstance(error, smtplib.SMTPResponseException):
        parts.append(f"smtp_code={error.smtp_code}")
    elif isinstance(error, OSError) and error.errno is not None:
        parts.append(f"errno={error.errno}")
    return " ".join(parts)[:200]


def _connect(settings: Settings) -> smtplib.SMTP:
    """Port 465 speaks TLS from the start, 587 upgrades with STARTTLS; log in when a user is set."""
    if settings.smtp_port == 465:
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host,
            settings.smtp_port,
            timeout=SMTP_TIMEOUT_SECONDS,
            context=ssl.create_default_context(),
        )
    else:
        client = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
    try:
        if settings.smtp_port == 587:
            client.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            client.login(settings.smtp_user, settings.smtp_password)
    except BaseException:
        client.close()
        raise
    return client


def _record(database: Database, referral_id: int, error: BaseException | None, now: datetime) -> None:
    values: dict[str, object] = {"notify_attempts": Referral.notify_attempts + 1}
    values.update(
        {"notified_at": now, "last_error": None} if error is None else {"last_error": describe_error(error)}
    )
    with database.session_scope() as session:
        session.execute(
            update(Referral)
            .where(Referral.id == referral_id, Referral.notified_at.is_(None))
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    if error is None:
        logger.info("event=referral_notified id=%s", referral_id)
    else:
        logger.warning("event=referral_notify_failed id=%s error=%s", referral_id, describe_error(error))


def send_pending(settings: Settings, database: Database | None = None) -> int:
    """One pass: email every referral not yet notified; returns how many were sent."""
    if not settings.coordinator_emails:
        logger.warning("event=notify_skipped reason=no_coordinator_emails setting=COORDINATOR_EMAILS")
        return 0
    database = database or get_database(settings)
    with database.session_scope() as session:
        statement = (
            select(Referral.id, Screening.outcome)
            .join(Screening)
            .where(Referral.notified_at.is_(None))
            .order_by(Referral.id)
        )
        pending = [(referral_id, outcome) for referral_id, outcome in session.execute(statement).all()]
    if not pending:
        return 0
    try:
        client = _connect(settings)
    except OSError as error:  # includes SMTPException: refused, timed out, TLS or login failure
        _record_all(database, [ref for ref, _ in pending], error)
        return 0
    sent = 0
    try:
        for index, (referral_id, outcome) in enumerate(pending):
            try:
                client.send_message(build_message(settings, referral_id, outcome, utcnow()))
            except smtplib.SMTPServerDisconnected as error:  # the connection is gone: all left fail
                _record_all(database, [ref for ref, _ in pending[index:]], error)
                break
            except smtplib.SMTPException as error:  # this message was refused; try the next one
                _record(database, referral_id, error, utcnow())
                continue
            except OSError as error:  # SMTPException is an OSError too, hence this order
                _record_all(database, [ref for ref, _ in pending[index:]], error)
                break
            _record(database, referral_id, None, utcnow())
            sent += 1
    finally:
        _quit(client)
    return sent


def _record_all(database: Database, referral_ids: list[int], error: BaseException) -> None:
    for referral_id in referral_ids:
        _record(database, referral_id, error, utcnow())


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except OSError:  # includes SMTPException: the server may already be gone
        client.close()


async def run_notifier(
    settings: Settings,
    interval_seconds: float = 20,
    stop_event: asyncio.Event | None = None,
    database: Database | None = None,
) -> None:
    """Send pending notifications every ``interval_seconds`` until ``stop_event`` is set."""
    stop = stop_event or asyncio.Event()
    while not stop.is_set():
        try:
            await asyncio.to_thread(send_pending, settings, database)
        except Exception as error:  # keep the loop alive; the next pass retries
            logger.error("event=notify_pass_failed error=%s", type(error).__name__)
            logger.debug("event=notify_pass_failed", exc_info=True)
        with contextlib.suppress(asyncio.TimeoutError):  # the interval passed without a stop
            await asyncio.wait_for(stop.wait(), timeout=interval_seconds)
