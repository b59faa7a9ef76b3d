"""Clear statements of an answer inside a longer message, per kind of answer (see volunteered.py).

Each finder gets the slot's spec, the normalised message and ``read`` (the slot's own reader,
``parse_answer`` for that slot) and returns an answer only when the message says it plainly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.eligibility.lexicon import Lexicon, pick
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
# the language's own pattern for a yes/no statement, where the words differ from the English ones
YES_NO_SAID_NAMES = {"pregnancy": "pregnant_said"}
DRUG_CLEAR = re.compile(r"\b(never|not)\b")
CLAUSES = re.compile(r"[.;!?]|,|\bbut\b")


def clauses(text: str, words: Lexicon | None = None) -> list[str]:
    return [c.strip() for c in pick(words, "statement_clauses", CLAUSES).split(text) if c.strip()]


def doubtful(text: str, words: Lexicon | None = None) -> bool:
    return bool(pick(words, "unsure", UNSURE).search(text) or pick(words, "hedge", HEDGE).search(text))


def _plain(read: Read, fragment: str) -> Answer | None:
    answer = read(fragment)
    return answer if answer.status == "ok" and not answer.hedged else None


def age(spec: SlotSpec, text: str, read: Read, words: Lexicon | None = None) -> Answer | None:
    match = pick(words, "age_said", AGE_SAID).search(text)
    if match is None:
        return None
    answer = read(match.group(0))
    return answer if answer.status == "ok" else None


def antibody(spec: SlotSpec, text: str, read: Read, words: Lexicon | None = None) -> Answer | None:
    for clause in clauses(text, words):
        answer = None if doubtful(clause, words) else _plain(read, clause)
        if answer and (answer.value or {}).get("names"):
            return answer
    return None


def lung_function(spec: SlotSpec, text: str, read: Read, words: Lexicon | None = None) -> Answer | None:
    return _plain(read, text) if LUNG_TESTS.search(text) else None


def drug_history(spec: SlotSpec, text: str, read: Read, words: Lexicon | None = None) -> Answer | None:
    """Only "never had / not taking X" or "still on X": anything with a date is asked, to be sure."""
    clear = pick(words, "drug_clear", DRUG_CLEAR)
    for clause in clauses(text, words):
        answer = _plain(read, clause)
        if answer is None or not (answer.value or {}).get("drugs"):
            continue
        value = answer.value
        if value.get("ongoing") or (value.get("taken") == "no" and clear.search(clause)):
            return answer
    return None


def yes_no(spec: SlotSpec, text: str, read: Read, words: Lexicon | None = None) -> Answer | None:
    said = YES_NO_SAID.get(spec.name)
    if said is None:
        return None
    if words is not None and spec.name in YES_NO_SAID_NAMES:
        said = words.pattern(YES_NO_SAID_NAMES[spec.name])
    negation = pick(words, "negation", NEGATION)
    for clause in clauses(text, words):
        if doubtful(clause, words) or negation.search(clause) or not said.search(clause):
            continue
        answer = _plain(read, clause)
        if answer is not None:
            return answer
    return None


def nothing(spec: SlotSpec, text: str, read: Read, words: Lexicon | None = None) -> Answer | None:
    """Answer types a story never answers (a checklist is always asked)."""
    return None
