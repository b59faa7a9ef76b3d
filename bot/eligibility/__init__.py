"""Eligibility pre-screening for a trial: criteria as data, plain-Python parsing and evaluation.

No Rasa here: the form's actions call ``parse_answer``, ``detect_correction``, ``next_slot``,
``first_exclusion`` and ``evaluate`` and turn the results into messages and slot events.
"""

from bot.eligibility.answers import parse_answer
from bot.eligibility.corrections import detect_correction
from bot.eligibility.evaluate import check, evaluate, first_exclusion, next_slot, window_start
from bot.eligibility.loader import default_criteria, load_criteria
from bot.eligibility.models import (
    Answer,
    CriteriaSet,
    Criterion,
    Outcome,
    OutcomeTexts,
    Reason,
    SlotSpec,
)
from bot.eligibility.schema import CriteriaError

__all__ = [
    "Answer",
    "CriteriaError",
    "CriteriaSet",
    "Criterion",
    "Outcome",
    "OutcomeTexts",
    "Reason",
    "SlotSpec",
    "check",
    "default_criteria",
    "detect_correction",
    "evaluate",
    "first_exclusion",
    "load_criteria",
    "next_slot",
    "parse_answer",
    "window_start",
]
