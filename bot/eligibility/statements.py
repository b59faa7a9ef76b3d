"""Clear statements of an answer inside a longer message, per kind of answer (see volunteered.py).

Each finder gets the slot's spec, the normalised message and ``read`` (the slot's own reader,
``parse_answer`` for that slot) and returns an answer only when the message says it plainly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.eligibility.models import Answer, SlotSpec
from bot.eligibility.parsers.yes_no import HEDGE, NEGATION, UNSURE

Read = Callable[[str], Answer]

AGE_SAID = re.compile(
    r"\b(?:i'?m|i am|im|he'?s|she'?s|he is|she is|aged?|age)\s+(\d{1,3})\b(?!\s*(?:%|mg|kg|months?|weeks?))|"
    r"\b(\d{1,3})\s*(?:yo|y/o|y\.o\.?|yrs? old|years? old|-year-old|year old)\b|"
    r"(?<![\w-])(\d{2})\s?[fm]\b"
)
CT_WORDS = re.compile(
    r"\b(ild|interstitial|fibros[ie]s?|fibrose|fibrotic|nsip|uip|pid|scarr(ed|ing)|ground.glass|"
    r"honeycomb(ing)?)\b"
)
LUNG_TESTS = re.compile(r"\b(fvc|cvf|dlco|tlco)\b")
COVER_WORDS = re.compile(
    r"\b(carte vitale|s[ée]cu|assurance maladie|s[ée]curit[ée] sociale|ameli|cpam|msa)\b"
)
PREGNANT = re.compile(r"\b(i'?m|i am|im|she'?s|she is)\s+(pregnant|breastfeeding|expecting)\b")
# Yes/no questions a story may answer, and the words that must be there for it to count.
YES_NO_SAID = {"ild_on_ct": CT_WORDS, "social_security": COVER_WORDS, "pregnancy": PREGNANT}
DRUG_CLEAR = re.compile(r"\b(never|not)\b")


def clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[.;!?]|,|\bbut\b", text) if c.strip()]


def doubtful(text: str) -> bool:
    return bool(UNSURE.search(text) or HEDGE.search(text))


def _plain(read: Read, fragment: str) -> Answer | None:
    answer = read(fragment)
    return answer if answer.status == "ok" and not answer.hedged else None


def age(spec: SlotSpec, text: str, read: Read) -> Answer | None:
    match = AGE_SAID.search(text)
    if match is None:
        return None
    answer = read(match.group(0))
    return answer if answer.status == "ok" else None


def antibody(spec: SlotSpec, text: str, read: Read) -> Answer | None:
    for clause in clauses(text):
        answer = None if doubtful(clause) else _plain(read, clause)
        if answer and (answer.value or {}).get("names"):
            return answer
    return None


def lung_function(spec: SlotSpec, text: str, read: Read) -> Answer | None:
    return _plain(read, text) if LUNG_TESTS.search(text) else None


def drug_history(spec: SlotSpec, text: str, read: Read) -> Answer | None:
    """Only "never had / not taking X" or "still on X": anything with a date is asked, to be sure."""
    for clause in clauses(text):
        answer = _plain(read, clause)
        if answer is None or not (answer.value or {}).get("drugs"):
            continue
        value = answer.value
        if value.get("ongoing") or (value.get("taken") == "no" and DRUG_CLEAR.search(clause)):
            return answer
    return None


def yes_no(spec: SlotSpec, text: str, read: Read) -> Answer | None:
    said = YES_NO_SAID.get(spec.name)
    if said is None:
        return None
    for clause in clauses(text):
        if doubtful(clause) or NEGATION.search(clause) or not said.search(clause):
            continue
        answer = _plain(read, clause)
        if answer is not None:
            return answer
    return None


def nothing(spec: SlotSpec, text: str, read: Read) -> Answer | None:
    """Answer types a story never answers (a checklist is always asked)."""
    return None
