"""Answers people give before they are asked: "I'm 61 with anti-PL7 and the CT showed fibrosis".

Only clear statements count here (an age said as an age, a named antibody, a lung-scan word,
breathing-test figures, a medicine with "still" or "never", French cover in so many words);
anything less is simply asked later, so a story can never put words in someone's mouth.
The person is told what was understood (``confirmation``) and can correct it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from bot.eligibility.answers import parse_answer
from bot.eligibility.models import Answer, CriteriaSet
from bot.eligibility.parsers.inline import apply_inline_corrections
from bot.eligibility.parsers.text import normalise
from bot.eligibility.parsers.yes_no import HEDGE, NEGATION, UNSURE
from bot.eligibility.readings import reading

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
DRUG_CLEAR = re.compile(r"\b(never|not)\b")


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[.;!?]|,|\bbut\b", text) if c.strip()]


def _doubtful(text: str) -> bool:
    return bool(UNSURE.search(text) or HEDGE.search(text))


def _age(text: str, today: date, criteria: CriteriaSet) -> Answer | None:
    match = AGE_SAID.search(text)
    if match is None:
        return None
    answer = parse_answer("age", match.group(0), today, criteria)
    return answer if answer.status == "ok" else None


def _usable(slot: str, fragment: str, today: date, criteria: CriteriaSet) -> Answer | None:
    answer = parse_answer(slot, fragment, today, criteria)
    return answer if answer.status == "ok" and not answer.hedged else None


def _by_slot(slot: str, answer_type: str, text: str, today: date, criteria: CriteriaSet) -> Answer | None:
    clauses = _clauses(text)
    if answer_type == "age":
        return _age(text, today, criteria)
    if answer_type == "antibody":
        return next(
            (a for c in clauses if not _doubtful(c) and (a := _antibody(slot, c, today, criteria))), None
        )
    if answer_type == "lung_function" and LUNG_TESTS.search(text):
        return _usable(slot, text, today, criteria)
    if answer_type == "drug_history":
        return next((a for c in clauses if (a := _drugs(slot, c, today, criteria))), None)
    if slot == "ild_on_ct" or answer_type == "yes_no":
        return next((a for c in clauses if (a := _yes_no_said(slot, c, today, criteria))), None)
    return None


def _antibody(slot: str, clause: str, today: date, criteria: CriteriaSet) -> Answer | None:
    answer = _usable(slot, clause, today, criteria)
    return answer if answer and (answer.value or {}).get("names") else None


def _drugs(slot: str, clause: str, today: date, criteria: CriteriaSet) -> Answer | None:
    """Only "never had / not taking X" or "still on X": anything with a date is asked, to be sure."""
    answer = _usable(slot, clause, today, criteria)
    if answer is None or not (answer.value or {}).get("drugs"):
        return None
    value = answer.value
    if value.get("ongoing") or (value.get("taken") == "no" and DRUG_CLEAR.search(clause)):
        return answer
    return None


def _yes_no_said(slot: str, clause: str, today: date, criteria: CriteriaSet) -> Answer | None:
    if _doubtful(clause) or NEGATION.search(clause):
        return None
    said = {
        "ild_on_ct": CT_WORDS,
        "social_security": COVER_WORDS,
        "pregnancy": PREGNANT,
    }.get(slot)
    if said is None or not said.search(clause):
        return None
    return _usable(slot, clause, today, criteria)


def volunteered_answers(
    texts: Iterable[str], today: date, criteria: CriteriaSet, skip: Iterable[str] = ()
) -> dict[str, Answer]:
    """Clear answers found in ``texts`` for every question not in ``skip``; later texts win."""
    found: dict[str, Answer] = {}
    skipped = set(skip)
    for raw in texts:
        text = apply_inline_corrections(normalise(raw))
        if not text or text.startswith("/"):
            continue
        for spec in criteria.slots:
            if spec.name in skipped:
                continue
            try:
                answer = _by_slot(spec.name, spec.answer_type, text, today, criteria)
            except Exception:  # a story must never break the conversation
                answer = None
            if answer is not None:
                found[spec.name] = answer
    return found


def confirmation(criteria: CriteriaSet, answers: Mapping[str, Answer], today: date) -> str:
    """ "You said you are 61 and have the anti-PL-7 antibody.": the confirm texts of criteria.yml."""
    parts: list[str] = []
    for spec in criteria.slots:
        answer = answers.get(spec.name)
        if answer is None or not spec.confirm:
            continue
        value = reading(criteria, spec.name, answer, today)
        template = spec.confirm.get(str(value), spec.confirm.get("value", ""))
        if template:
            parts.append(template.format(value=value))
    if not parts:
        return ""
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return criteria.dialogue["confirm"].format(said=said)
