"""Staff edits of the FAQ: validated like ``make test`` validates, saved through the content writer,
and versioned (who, when, the entry before and after) so any edit can be rolled back in one click.

The live NLG endpoint re-reads faq.yml when it changes, so a saved answer is the next one patients get.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.content.checks import check_content
from bot.content.facts import TRIAL_FILENAME, load_trial
from bot.content.loader import FAQ_FILENAME, ContentError, load_faq, parse_faq
from bot.content.models import FaqEntry
from bot.content.writer import render_faq, save_faq
from bot.settings import Settings
from bot.storage.models import FaqEdit

_NAMED_FIELD = re.compile(r"field '(\w+)'")
_write_lock = threading.Lock()  # one read-modify-write of faq.yml at a time


@dataclass
class EditRejected(Exception):
    """Why a save was refused: messages per form field, and ones that concern the whole FAQ."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def faq_path(settings: Settings) -> Path:
    return settings.content_dir / FAQ_FILENAME


def load_entries(settings: Settings) -> list[FaqEntry]:
    return load_faq(faq_path(settings))


def fingerprint(entry: FaqEntry | None) -> str:
    """What the form was opened on, to notice that someone else saved in between."""
    data = None if entry is None else entry.to_dict()
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def entry_from_dict(data: Mapping[str, Any]) -> FaqEntry:
    return FaqEntry(
        id=str(data["id"]),
        topic=str(data.get("topic", "")),
        questions=tuple(data.get("questions", ())),
        answer=str(data.get("answer", "")),
        source=str(data.get("source") or ""),
        related=tuple(data.get("related", ())),
    )


def entry_from_form(form: Mapping[str, str], entry_id: str, existing: FaqEntry | None) -> FaqEntry:
    """The entry as typed: one question per line, the answer's line breaks folded into spaces; what
    the form does not show (related entries, button title, suggestion buttons) is kept as it was."""
    questions = [" ".join(line.split()) for line in (form.get("questions") or "").splitlines()]
    return FaqEntry(
        id=entry_id.strip(),
        topic=(form.get("topic") or "").strip(),
        questions=tuple(question for question in questions if question),
        answer=" ".join((form.get("answer") or "").split()),
        source=(form.get("source") or "").strip(),
        related=existing.related if existing else (),
        title=existing.title if existing else "",
        buttons=existing.buttons if existing else (),
    )


def field_of(message: str) -> str:
    """Which form field a loader or check message is about ("" when it is about the whole entry)."""
    named = _NAMED_FIELD.search(message)
    if named:
        return named.group(1)
    for prefix, name in (("answer", "answer"), ("question", "questions"), ("no source", "source")):
        if message.startswith(prefix):
            return name
    return "source" if message.startswith("source") else "id" if "duplicate id" in message else ""


def validate(entries: list[FaqEntry], settings: Settings, entry_id: str) -> EditRejected | None:
    """The schema (as the loader reads the file) and the content rules, all problems at once, so
    staff fix everything in one go; None when the FAQ may be published."""
    rejected = EditRejected(fields=defaultdict(list))
    try:
        parse_faq(yaml.safe_load(render_faq(entries)), faq_path(settings))
    except ContentError as error:
        mine = f"entry '{entry_id}': "
        for problem in error.problems:
            if problem.startswith(mine):
                message = problem[len(mine) :]
                rejected.fields[field_of(message) or "id"].append(message)
            else:
                rejected.general.append(problem)
    for found in check_content(entries, load_trial(settings.content_dir / TRIAL_FILENAME)):
        if found.entry_id == entry_id:
            rejected.fields[field_of(found.message) or "answer"].append(found.message)
        else:
            rejected.general.append(str(found))
    if not rejected.fields and not rejected.general:
        return None
    rejected.fields = dict(rejected.fields)
    return rejected


def _replace(entries: list[FaqEntry], entry_id: str, new: FaqEntry | None) -> list[FaqEntry]:
    """The list with ``entry_id`` replaced (in place), removed (``new`` None) or appended."""
    result = [entry for entry in entries if entry.id != entry_id or new is not None]
    positions = [index for index, entry in enumerate(result) if entry.id == entry_id]
    if new is not None:
        if positions:
            result[positions[0]] = new
        else:
            result.append(new)
    return result


def _write(
    session: Session,
    settings: Settings,
    *,
    actor: str,
    action: str,
    entry_id: str,
    before: FaqEntry | None,
    after: FaqEntry | None,
    entries: list[FaqEntry],
    rollback_of: int | None = None,
) -> FaqEdit:
    rejected = validate(entries, settings, entry_id)
    if rejected is not None:
        raise rejected
    edit = FaqEdit(
        entry_id=entry_id,
        actor=actor,
        action=action,
        before=None if before is None else before.to_dict(),
        after=None if after is None else after.to_dict(),
        rollback_of=rollback_of,
    )
    session.add(edit)
    session.flush()  # a database failure here leaves faq.yml untouched
    save_faq(entries, faq_path(settings))
    return edit


def save_entry(
    session: Session, settings: Settings, actor: str, form: Mapping[str, str], entry_id: str | None
) -> FaqEdit:
    """Save the form as a new entry (``entry_id`` None) or over an existing one; raises EditRejected."""
    with _write_lock:
        entries = load_entries(settings)
        current = {entry.id: entry for entry in entries}
        target_id = entry_id if entry_id is not None else (form.get("id") or "").strip()
        existing = current.get(target_id)
        if not target_id:
            raise EditRejected(fields={"id": ["Give the entry an id in snake_case, like 'study_visits'."]})
        if entry_id is None and existing is not None:
            raise EditRejected(fields={"id": [f"an entry with id '{target_id}' already exists"]})
        if entry_id is not None and existing is None:
            raise EditRejected(general=[f"entry '{entry_id}' no longer exists (rolled back or removed)"])
        if entry_id is not None and form.get("base") != fingerprint(existing):
            raise EditRejected(
                general=["Someone saved this entry after you opened it. Reload to see their version."]
            )
        new = entry_from_form(form, target_id, existing)
        return _write(
            session,
            settings,
            actor=actor,
            action="edited" if existing else "created",
            entry_id=target_id,
            before=existing,
            after=new,
            entries=_replace(entries, target_id, new),
        )


def rollback(session: Session, settings: Settings, actor: str, edit_id: int) -> FaqEdit:
    """Put the entry back as it was before edit ``edit_id`` (removing it if that edit created it)."""
    edit = session.get(FaqEdit, edit_id)
    if edit is None:
        raise LookupError(f"no FAQ edit {edit_id}")
    with _write_lock:
        entries = load_entries(settings)
        current = next((entry for entry in entries if entry.id == edit.entry_id), None)
        target = None if edit.before is None else entry_from_dict(edit.before)
        return _write(
            session,
            settings,
            actor=actor,
            action="rolled_back",
            entry_id=edit.entry_id,
            before=current,
            after=target,
            entries=_replace(entries, edit.entry_id, target),
            rollback_of=edit.id,
        )


def history(session: Session, entry_id: str | None = None, limit: int = 100) -> list[FaqEdit]:
    """Edits newest first, of one entry or of all."""
    statement = select(FaqEdit).order_by(FaqEdit.at.desc(), FaqEdit.id.desc()).limit(limit)
    if entry_id is not None:
        statement = statement.where(FaqEdit.entry_id == entry_id)
    return list(session.execute(statement).scalars())
