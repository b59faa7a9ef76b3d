"""Pure functions from answers to an outcome: same criteria, answers and day, same result.

Rules of the road: a clear answer that fails a criterion excludes; anything unknown, unsure or
hedged goes to a coordinator (never forced to yes or no); otherwise the person *may* be able
to take part. The form asks slots in order and can stop at ``first_exclusion``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from bot.eligibility.answer_types import type_of
from bot.eligibility.models import Answer, CriteriaSet, Criterion, Outcome, Reason, Verdict
from bot.eligibility.verdicts import window_start
from bot.outcomes import OutcomeKind

__all__ = ["check", "evaluate", "first_exclusion", "next_slot", "window_start"]


def check(criteria: CriteriaSet, criterion: Criterion, answer: Answer | None, today: date) -> Verdict:
    """One criterion against one answer; a missing or unusable answer is unknown."""
    if criterion.slot is None:
        return "meets"  # checked by the study team, not in this conversation
    if answer is None or answer.status == "invalid":
        return "unknown"
    kind = type_of(criteria, criterion.slot)
    if answer.status == "unsure" and not kind.itemised:  # a checklist may be sure of some items
        return "unknown"
    try:
        return kind.verdict(criterion, answer, today)
    except (TypeError, ValueError, KeyError, AttributeError):
        return "unknown"  # a stored answer we cannot read is a question for a person, not a crash


def _reason(criterion: Criterion) -> Reason:
    return Reason(
        criterion_id=criterion.id,
        slot=criterion.slot,
        label=criterion.label,
        text=criterion.not_eligible_text,
        why=criterion.why,
        source=criterion.source,
    )


def _in_slot_order(criteria: CriteriaSet) -> list[Criterion]:
    order = {name: index for index, name in enumerate(criteria.slot_names)}
    asked = [c for c in criteria.criteria if c.slot is not None]
    return sorted(asked, key=lambda c: (order[c.slot or ""], c.item or 0))


def first_exclusion(criteria: CriteriaSet, answers: Mapping[str, Answer], today: date) -> Reason | None:
    """The earliest criterion (in question order) that a clear answer fails, if any."""
    for criterion in _in_slot_order(criteria):
        if check(criteria, criterion, answers.get(criterion.slot or ""), today) == "excluded":
            return _reason(criterion)
    return None


def next_slot(criteria: CriteriaSet, answers: Mapping[str, Answer], today: date) -> str | None:
    """The next question to ask, or None when done or when an answer already excludes."""
    if first_exclusion(criteria, answers, today) is not None:
        return None
    for name in criteria.slot_names:
        answer = answers.get(name)
        if answer is None or answer.status == "invalid":
            return name
    return None


def evaluate(criteria: CriteriaSet, answers: Mapping[str, Answer], today: date) -> Outcome:
    """The outcome with its reasons (exclusions) or unknowns (what a coordinator should check)."""
    excluded: list[Reason] = []
    unknown: list[Reason] = []
    for criterion in _in_slot_order(criteria):
        verdict = check(criteria, criterion, answers.get(criterion.slot or ""), today)
        if verdict == "excluded":
            excluded.append(_reason(criterion))
        elif verdict == "unknown":
            unknown.append(_reason(criterion))
    texts = criteria.texts
    if excluded:
        kind, summary = OutcomeKind.NOT_ELIGIBLE, texts.not_eligible
    elif unknown:
        kind, summary = OutcomeKind.NEEDS_REVIEW, texts.needs_review
    else:
        kind, summary = OutcomeKind.LIKELY_ELIGIBLE, texts.likely_eligible
    return Outcome(
        outcome=kind,
        reasons=tuple(excluded),
        unknowns=tuple(unknown),
        summary=summary,
        alternatives=texts.alternatives,
        criteria_version=criteria.version,
        review_intro=texts.review_intro,
    )
