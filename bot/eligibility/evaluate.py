"""Pure functions from answers to an outcome: same criteria, answers and day, same result.

Rules of the road: a clear answer that fails a criterion excludes; anything unknown, unsure or
hedged goes to a coordinator (never forced to yes or no); otherwise the person *may* be able
to take part. The form asks slots in order and can stop at ``first_exclusion``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from dateutil.relativedelta import relativedelta

from bot.eligibility.models import Answer, CriteriaSet, Criterion, Outcome, Reason, Verdict
from bot.outcomes import OutcomeKind


def window_start(today: date, months: int) -> date:
    """First day inside "the last N months": a dose exactly N months ago is inside the window."""
    return today - relativedelta(months=months)


def _age(rule: Mapping, answer: Answer) -> Verdict:
    age, minimum = int(answer.value), int(rule["min_age"])
    if age < minimum:
        return "excluded"
    # from a birth year only, the person may be one year younger than the value
    return "unknown" if answer.hedged and age - 1 < minimum else "meets"


def _yes_no(rule: Mapping, answer: Answer) -> Verdict:
    """A hedged answer ("I think so", "not that I know") neither excludes nor confirms: unknown."""
    if answer.hedged:
        return "unknown"
    return "meets" if answer.value != rule["exclude_if"] else "excluded"


def _antibody(rule: Mapping, answer: Answer) -> Verdict:
    result = (answer.value or {}).get("result")
    if result == "positive":
        return "meets"
    if result == "negative":
        return "unknown" if answer.hedged else "excluded"
    return "unknown"


def _drug_history(rule: Mapping, answer: Answer, today: date) -> Verdict:
    value = answer.value or {}
    if value.get("taken") == "no":
        return "meets"
    if value.get("taken") != "yes":
        return "unknown"
    start = window_start(today, int(rule["window_months"]))
    last = value.get("last_taken")
    if value.get("ongoing"):
        verdict: Verdict = "excluded"
    elif not last:
        verdict = "excluded" if rule["when_unknown"] == "exclude" else "unknown"
    elif date.fromisoformat(last["latest"]) < start:
        verdict = "meets"
    elif last.get("earliest") and date.fromisoformat(last["earliest"]) >= start:
        verdict = "excluded"
    else:
        verdict = "unknown"  # the range straddles the start of the window
    return "unknown" if verdict == "excluded" and answer.hedged else verdict


def _checklist_item(criterion: Criterion, answer: Answer) -> Verdict:
    value = answer.value or {}
    if answer.hedged:  # "none I think": a coordinator goes through the list
        return "unknown"
    if criterion.item in value.get("applies", ()):
        return "excluded"
    return "unknown" if criterion.item in value.get("unsure", ()) else "meets"


def check(criteria: CriteriaSet, criterion: Criterion, answer: Answer | None, today: date) -> Verdict:
    """One criterion against one answer; a missing or unusable answer is unknown."""
    if criterion.slot is None:
        return "meets"  # checked by the study team, not in this conversation
    if answer is None or answer.status == "invalid":
        return "unknown"
    answer_type = criteria.slot(criterion.slot).answer_type
    if answer_type == "checklist":
        return _checklist_item(criterion, answer)
    if answer.status == "unsure":
        return "unknown"
    try:
        if answer_type == "age":
            return _age(criterion.rule, answer)
        if answer_type in ("yes_no", "lung_function"):
            return _yes_no(criterion.rule, answer)
        if answer_type == "antibody":
            return _antibody(criterion.rule, answer)
        return _drug_history(criterion.rule, answer, today)
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
