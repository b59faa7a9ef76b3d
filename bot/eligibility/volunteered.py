"""Answers people give before they are asked: "I'm 61 with anti-PL7 and the CT showed fibrosis".

Only clear statements count here (an age said as an age, a named antibody, a lung-scan word,
breathing-test figures, a medicine with "still" or "never", French cover in so many words);
anything less is simply asked later, so a story can never put words in someone's mouth.
The person is told what was understood (``confirmation``) and can correct it. What counts as
clear, per answer type, is in statements.py (the registry names it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from bot.eligibility.answer_types import answer_type
from bot.eligibility.answers import parse_answer
from bot.eligibility.lexicon import ENGLISH, lexicon
from bot.eligibility.models import Answer, CriteriaSet
from bot.eligibility.parsers.inline import apply_inline_corrections
from bot.eligibility.parsers.text import normalise
from bot.eligibility.readings import reading
from bot.eligibility.statements import Read


def _reader(slot: str, today: date, criteria: CriteriaSet, language: str = ENGLISH) -> Read:
    """The slot's own reader, as a clear statement in a story is read like an answer."""
    return lambda fragment: parse_answer(slot, fragment, today, criteria, language)


def volunteered_answers(
    texts: Iterable[str],
    today: date,
    criteria: CriteriaSet,
    skip: Iterable[str] = (),
    language: str = ENGLISH,
) -> dict[str, Answer]:
    """Clear answers found in ``texts`` (written in ``language``) for every question not in ``skip``;
    later texts win."""
    found: dict[str, Answer] = {}
    skipped = set(skip)
    words = lexicon(language)
    criteria = criteria.in_language(language)
    for raw in texts:
        clean = normalise(raw) if words is None else words.prepare(normalise(raw))
        text = apply_inline_corrections(clean, words)
        if not text or text.startswith("/"):
            continue
        for spec in criteria.slots:
            if spec.name in skipped:
                continue
            find = answer_type(spec.answer_type).volunteered
            try:
                answer = find(spec, text, _reader(spec.name, today, criteria, language), words)
            except Exception:  # a story must never break the conversation
                answer = None
            if answer is not None:
                found[spec.name] = answer
    return found


def confirmation(
    criteria: CriteriaSet, answers: Mapping[str, Answer], today: date, language: str = ENGLISH
) -> str:
    """ "You said you are 61 and have the anti-PL-7 antibody.": the confirm texts of criteria.yml
    (or of <language>/criteria_texts.yml), joined with the language's "and"."""
    criteria = criteria.in_language(language)
    words = lexicon(language)
    joiner = "and" if words is None else words.words("joiner")[0]
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
    said = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {joiner} " + parts[-1]
    return criteria.dialogue["confirm"].format(said=said)
