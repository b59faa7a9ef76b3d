"""The coordinators' export in a layout a REDCap project imports: one row per referral, lower_snake
variable names, coded values, and the data dictionary that declares them (REDCap's own columns).

Answers are coded from their readings (``bot.leads.answer_fields``); a checklist is a REDCap
checkbox field, exported as one 0/1 column per item (``checklist___3``). Text cells that a
spreadsheet would run as formulas are neutralised, as in every export.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bot.leads.answer_fields import AnswerField
from bot.leads.export import neutralise_cell
from bot.outcomes import HANDOFF, OUTCOMES
from bot.storage.models import REFERRAL_STATUSES

FORM = "referral"
DICTIONARY_COLUMNS = (
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
)


def _coded(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    return tuple((str(n), value) for n, value in enumerate(values, start=1))


OUTCOME_CODES = _coded((*OUTCOMES, HANDOFF))
STATUS_CODES = _coded(REFERRAL_STATUSES)


@dataclass(frozen=True)
class Variable:
    name: str
    kind: str  # REDCap field type: text, notes, radio, yesno, checkbox
    label: str
    choices: tuple[tuple[str, str], ...] = ()  # (code, label)
    validation: str = ""
    identifier: bool = False
    section: str = ""


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()


FIXED = (
    Variable("record_id", "text", "Referral reference", section="Referral"),
    # a keyed hash of the conversation, never its id: what `bot leads erase` and the person's own
    # reference (its first characters, shown at the end of the pre-screen) point to
    Variable("conversation_ref", "text", "Conversation reference"),
    Variable("language", "radio", "Language of the conversation", (("en", "English"), ("fr", "French"))),
    Variable("received", "text", "Received (UTC)", validation="datetime_ymd"),
    Variable("outcome", "radio", "Pre-screen outcome", tuple((c, _words(v)) for c, v in OUTCOME_CODES)),
    Variable("is_handoff", "yesno", "Asked to talk to a person"),
    Variable("status", "radio", "Status", tuple((c, _words(v)) for c, v in STATUS_CODES)),
    Variable("assigned_to", "text", "Assigned to (coordinator)", validation="email"),
    Variable("follow_up_on", "text", "Follow-up date", validation="date_ymd"),
    Variable("last_contact", "text", "Last contact (UTC)", validation="datetime_ymd"),
    Variable("reasons", "notes", "Why this outcome"),
    Variable("unknowns", "notes", "Not sure or needs a check"),
    Variable("criteria_version", "text", "Criteria version"),
    Variable("consent_at", "text", "Consent given (UTC)", validation="datetime_ymd"),
    Variable("consent_version", "text", "Consent version"),
    Variable("contact_name", "text", "Name", identifier=True, section="Contact"),
    Variable("contact_email", "text", "E-mail", validation="email", identifier=True),
    Variable("contact_phone", "text", "Phone", identifier=True),
    Variable("contact_preferred_time", "text", "Best time to call"),
)


def variables(fields: tuple[AnswerField, ...]) -> tuple[Variable, ...]:
    """Every exported variable, the fixed ones first, then one per pre-screen question."""
    answers = []
    for n, field in enumerate(fields):
        section = "Pre-screen answers" if n == 0 else ""
        if field.kind == "integer":
            answers.append(
                Variable(field.variable, "text", field.label, validation="integer", section=section)
            )
        else:
            kind = "checkbox" if field.kind == "items" else "radio"
            choices = tuple((c.code, c.words) for c in field.choices)
            answers.append(Variable(field.variable, kind, field.label, choices, section=section))
    found = (*FIXED, *answers)
    names = [variable.name for variable in found]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise ValueError(
            f"a pre-screen slot has the name of a fixed export variable: {duplicated}; rename the slot"
        )
    return found


def _clean(label: str) -> str:
    """REDCap splits choices on "|" and reads the first comma as the code's end: keep labels on one line."""
    return " ".join(label.replace("|", "/").split())


def data_dictionary(fields: tuple[AnswerField, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DICTIONARY_COLUMNS)
    for variable in variables(fields):
        choices = " | ".join(f"{code}, {_clean(label)}" for code, label in variable.choices)
        row = [variable.name, FORM, variable.section, variable.kind, _clean(variable.label), choices, "",
               variable.validation, "", "", "y" if variable.identifier else ""]  # fmt: skip
        writer.writerow(row + [""] * (len(DICTIONARY_COLUMNS) - len(row)))
    return buffer.getvalue()


def _code(choices: tuple[tuple[str, str], ...], value: str) -> str:
    return next((code for code, name in choices if name == value), "")


def _minutes(value: str) -> str:
    """ISO times as REDCap's datetime_ymd wants them: 2026-01-31 09:30."""
    return value[:16].replace("T", " ") if value else ""


def record(row: dict[str, Any], lead: dict[str, Any], fields: tuple[AnswerField, ...]) -> dict[str, str]:
    """One referral as REDCap values: ``row`` from the worklist, ``lead`` from ``lead_record``."""
    contact = lead["contact"]
    values: dict[str, str] = {
        "record_id": str(row["reference"]),
        "conversation_ref": lead["conversation_ref"],
        "language": lead["language"],
        "received": _minutes(lead["created_at"]),
        "outcome": _code(OUTCOME_CODES, row["outcome"]),
        "is_handoff": "1" if lead["is_handoff"] else "0",
        "status": _code(STATUS_CODES, row["status"]),
        "assigned_to": row["assigned_to"],
        "follow_up_on": row["follow_up_on"],
        "last_contact": _minutes(row["last_contact"]),
        "reasons": "; ".join(lead["reasons"]),
        "unknowns": "; ".join(lead["unknowns"]),
        "criteria_version": lead["criteria_version"],
        "consent_at": _minutes(lead["consent_at"]),
        "consent_version": lead["consent_version"],
        "contact_name": contact["name"],
        "contact_email": contact["email"],
        "contact_phone": contact["phone"],
        "contact_preferred_time": contact["preferred_time"],
    }
    readings = lead["answers"].get("readings") or {}
    for field in fields:
        reading = readings.get(field.variable)
        if field.kind == "integer":
            values[field.variable] = str(reading) if isinstance(reading, int) else ""
        elif field.kind == "items":
            applies = {str(item) for item in reading} if isinstance(reading, list) else set()
            for choice in field.choices:
                ticked = choice.reading in applies or (reading == "unsure" and choice.reading == "unsure")
                values[f"{field.variable}___{choice.code}"] = "1" if ticked else "0"
        else:
            found = field.choice_for(reading) if reading is not None else None
            values[field.variable] = found.code if found else ""
    return {name: neutralise_cell(value) for name, value in values.items()}


def columns(fields: tuple[AnswerField, ...]) -> list[str]:
    """The CSV header: variable names, a checkbox field as one column per choice."""
    names: list[str] = []
    for variable in variables(fields):
        if variable.kind == "checkbox":
            names.extend(f"{variable.name}___{code}" for code, _ in variable.choices)
        else:
            names.append(variable.name)
    return names


def to_redcap_csv(records: Iterable[dict[str, str]], fields: tuple[AnswerField, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()
