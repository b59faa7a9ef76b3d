"""What one answer means for one criterion, per kind of answer: meets, excluded or unknown.

Each function reads the criterion's rule (checked at load time by bot/eligibility/schema.py) and
a usable answer; ``bot.eligibility.evaluate.check`` picks the function through the answer-type
registry and turns a stored answer it cannot read into "unknown".
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from bot.eligibility.models import Answer, Criterion, Verdict


def window_start(today: date, months: int) -> date:
    """First day inside "the last N months": a dose exactly N months ago is inside the window."""
    return today - relativedelta(months=months)


def age(criterion: Criterion, answer: Answer, today: date) -> Verdict:
    years, minimum = int(answer.value), int(criterion.rule["min_age"])
    if years < minimum:
        return "excluded"
    # from a birth year only, the person may be one year younger than the value
    return "unknown" if answer.hedged and years - 1 < minimum else "meets"


def yes_no(criterion: Criterion, answer: Answer, today: date) -> Verdict:
    """A hedged answer ("I think so", "not that I know") neither excludes nor confirms: unknown."""
    if answer.hedged:
        return "unknown"
    return "meets" if answer.value != criterion.rule["exclude_if"] else "excluded"


def antibody(criterion: Criterion, answer: Answer, today: date) -> Verdict:
    result = (answer.value or {}).get("result")
    if result == "positive":
        return "meets"
    if result == "negative":
        return "unknown" if answer.hedged else "excluded"
    return "unknown"


def drug_history(criterion: Criterion, answer: Answer, today: date) -> Verdict:
    rule, value = criterion.rule, answer.value or {}
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


def checklist_item(criterion: Criterion, answer: Answer, today: date) -> Verdict:
    value = answer.value or {}
    if answer.hedged:  # "none I think": a coordinator goes through the list
        return "unknown"
    if criterion.item in value.get("applies", ()):
        return "excluded"
    return "unknown" if criterion.item in value.get("unsure", ()) else "meets"
