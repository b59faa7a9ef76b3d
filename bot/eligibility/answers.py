"""``parse_answer``: one entry point from (slot, free text) to an ``Answer``, whatever the slot.

The form calls this for every reply; the slot's answer_type in criteria.yml picks the parser,
so adding a yes/no question is a data change. It never raises on what a person types.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from bot.eligibility.loader import default_criteria
from bot.eligibility.models import Answer, CriteriaSet
from bot.eligibility.parsers.age import parse_age
from bot.eligibility.parsers.antibody import parse_antibody
from bot.eligibility.parsers.checklist import parse_checklist
from bot.eligibility.parsers.drugs import parse_drug_history
from bot.eligibility.parsers.inline import apply_inline_corrections
from bot.eligibility.parsers.lung import parse_lung_function
from bot.eligibility.parsers.text import normalise
from bot.eligibility.parsers.yes_no import parse_yes_no

log = logging.getLogger(__name__)
FILLER = re.compile(r"^(?:(?:sorry|ok|okay|hmm+|um+|uh+|but|and|wait|so|hi|hello)\b[\s,.!]*)+")
QUESTION_START = re.compile(
    r"^(what|what's|whats|which|how|why|where|who|when|is|are|does|do|can|could|should|will|would)\b"
)


def only_a_question(text: str) -> bool:
    """A normalised message that asks something and says nothing after its question mark."""
    core = FILLER.sub("", text).strip()
    return bool(QUESTION_START.match(core)) and core.rstrip().endswith("?")


def parse_answer(slot: str, text: str, today: date, criteria: CriteriaSet | None = None) -> Answer:
    """Read a reply to ``slot``'s question; unusable text gives status "invalid" with the re-ask."""
    criteria = criteria or default_criteria()
    spec = criteria.slot(slot)  # an unknown slot is a developer error: let the KeyError say so
    try:
        text = apply_inline_corrections(normalise(text))
        if only_a_question(text):  # "is tacrolimus the same as prograf?": answered, then asked again
            return Answer(status="invalid", message=spec.reask)
        if spec.answer_type == "age":
            return parse_age(text, today, spec, criteria.date_order)
        if spec.answer_type == "yes_no":
            return parse_yes_no(text, spec)
        if spec.answer_type == "lung_function":
            return parse_lung_function(text, spec, criteria.rules_for(slot))
        if spec.answer_type == "antibody":
            return parse_antibody(text, spec, criteria.rules_for(slot))
        if spec.answer_type == "drug_history":
            return parse_drug_history(text, today, spec, criteria.rules_for(slot), criteria.date_order)
        return parse_checklist(text, spec, today)
    except Exception as error:  # last line of defence: a parser bug must become a re-ask, not a crash
        # only the error's type: its message or traceback could quote what the person typed
        log.error("event=eligibility_parse_failed slot=%s error=%s", slot, type(error).__name__)
        return Answer(status="invalid", message=spec.reask)
