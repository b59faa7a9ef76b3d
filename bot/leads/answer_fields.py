"""A referral's answers as coordinators read them, and as a REDCap project stores them.

Each pre-screen question becomes one field: its label is the criterion's label in
data/eligibility/criteria.yml, its coded choices are the readings the rules produce (the short
meanings stored with every lead under ``answers["readings"]``), and the words for each reading
come from data/texts/<language>/coordinators.yml. The inbox, the print view, the CSV export and
its REDCap data dictionary all read this one description, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.eligibility.models import CriteriaSet
from bot.texts import text

UNSURE_CODE = "9"
YES_NO = (("1", "yes"), ("0", "no"), ("8", "not_applicable"), (UNSURE_CODE, "unsure"))
DRUGS = (("0", "clear"), ("1", "excludes"), (UNSURE_CODE, "review"))
CHECKLIST_UNSURE = "99"
# answer type -> how its readings are coded; "integer" and "items" are not a list of choices
CODINGS: dict[str, tuple[tuple[str, str], ...] | str] = {
    "age": "integer",
    "yes_no": YES_NO,
    "lung_function": YES_NO,
    "drug_history": DRUGS,
    "checklist": "items",
}


@dataclass(frozen=True)
class Choice:
    code: str  # what REDCap stores
    reading: str  # what the rules read ("yes", "PL-7", "clear", an item number)
    words: str  # what a coordinator reads


@dataclass(frozen=True)
class AnswerField:
    """One question of the pre-screen: a variable in the export, a row on the referral page."""

    variable: str  # the slot name: lower_snake, as REDCap wants
    label: str  # the question as the person was asked it
    checks: str  # what the rules check with it: the criteria labels
    kind: str  # "integer", "choice" or "items" (several may apply)
    choices: tuple[Choice, ...] = ()

    def choice_for(self, reading: Any) -> Choice | None:
        return next((c for c in self.choices if c.reading == str(reading)), None)

    def words_for(self, reading: Any) -> str:
        """A reading in plain words: "Yes", "None taken in the time asked about", "Fever (item 3)"."""
        if reading is None or reading == "":
            return text("reading_not_asked")
        if reading == "unsure":
            return text("reading_unsure")
        if self.kind == "integer":
            return str(reading)
        if self.kind == "items":
            if not reading:
                return text("reading_no_items")
            found = [self.choice_for(item) for item in reading]
            return "; ".join(c.words if c else str(item) for c, item in zip(found, reading, strict=True))
        choice = self.choice_for(reading)
        return choice.words if choice else str(reading)


def _words(reading: str) -> str:
    return text(f"reading_{reading}")


def answer_fields(criteria: CriteriaSet) -> tuple[AnswerField, ...]:
    """The questions in the order they are asked."""
    fields = []
    for spec in criteria.slots:
        label = spec.question
        checks = "; ".join(c.label for c in criteria.criteria_for(spec.name) if c.item is None)
        coding = CODINGS.get(spec.answer_type)
        if coding == "integer":
            fields.append(AnswerField(spec.name, label, checks, "integer"))
        elif coding == "items":
            items = tuple(Choice(str(c.item), str(c.item), c.label) for c in spec.items if c.item is not None)
            unsure = Choice(CHECKLIST_UNSURE, "unsure", _words("unsure"))
            fields.append(AnswerField(spec.name, label, checks, "items", (*items, unsure)))
        elif isinstance(coding, tuple):
            choices = tuple(Choice(code, reading, _words(reading)) for code, reading in coding)
            fields.append(AnswerField(spec.name, label, checks, "choice", choices))
        else:  # antibody: the accepted names from the rule, then "none" and "unsure"
            names = criteria.rules_for(spec.name).get("accepted", [])
            choices = tuple(Choice(str(n), name, name) for n, name in enumerate(names, start=1))
            extra = (Choice("0", "none", _words("none")), Choice(UNSURE_CODE, "unsure", _words("unsure")))
            fields.append(AnswerField(spec.name, label, checks, "choice", (*choices, *extra)))
    return tuple(fields)


def plain_answers(fields: tuple[AnswerField, ...], answers: dict[str, Any]) -> list[dict[str, str]]:
    """Rows for the referral page: the question, what the person said, how the rules read it."""
    readings = answers.get("readings") or {}
    rows = []
    for field in fields:
        if field.variable not in answers and field.variable not in readings:
            continue
        reading = readings.get(field.variable, answers.get(field.variable))
        rows.append(
            {
                "question": field.label,
                "checks": field.checks,
                "given": given_words(answers.get(field.variable)),
                "read": field.words_for(reading),
            }
        )
    known = {field.variable for field in fields} | {"readings"}
    for name, value in answers.items():  # answers to questions no longer asked (an older criteria version)
        if name not in known:
            words = given_words(value)
            rows.append(
                {"question": name.replace("_", " ").capitalize(), "checks": "", "given": words, "read": words}
            )
    return rows


def given_words(value: Any) -> str:
    """What the person said, as stored (no raw dicts): yes/no in words, lists joined, empty parts left out."""
    if value is None or value == "" or value == []:
        return text("reading_not_asked") if value is None else text("reading_no")
    if isinstance(value, bool):
        return _words("yes" if value else "no")
    if isinstance(value, str):
        return _words(value) if value in ("yes", "no", "not_applicable", "unsure", "none") else value
    if isinstance(value, list):
        return ", ".join(given_words(item) for item in value)
    if isinstance(value, dict):
        parts = [given_words(part) for part in value.values() if part not in (None, "", [], {}, False)]
        return "; ".join(parts) or text("reading_no")
    return str(value)
