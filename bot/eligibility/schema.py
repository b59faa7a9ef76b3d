"""Field checks for the criteria file, kept apart so the loader reads as the file's outline.

Each check takes a ``context`` ("<file>: criterion 'E8'") so its message says where to look.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.eligibility.models import Criterion

# Texts a person reads must never promise a place, nor ask for money or bank details.
UNSAFE_TEXT = re.compile(
    r"you\s+are\s+eligible|you're\s+eligible|\benroll(ed|ing)?\b|\benrol(led)?\b|"
    r"\bbank\b|\biban\b|credit card|\bpayment\b|\bpay\b|"
    r"(give|send|share|type|enter|tell)\s+(me|us)?\s*your\s+(social\s+security\s+)?number",
    re.IGNORECASE,
)
YES_NO_VALUES = ("yes", "no")
# "ignore": words that say nothing about this question, negation and all ("pas de mutuelle": a
# complementary insurance, not the social security itself), taken out before the reply is read
PHRASE_KINDS = ("yes", "no", "not_applicable", "unsure", "ignore")
WHEN_UNKNOWN = ("exclude", "review")


class CriteriaError(ValueError):
    """A criteria file that cannot be used; the message names the file, the entry and the fix."""


def check_keys(entry: Mapping[str, Any], allowed: set[str], context: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise CriteriaError(f"{context}: unknown key(s) {unknown}; allowed: {sorted(allowed)}")


def required_text(entry: Mapping[str, Any], key: str, context: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CriteriaError(f"{context}: {key} must be a non-empty text, got {value!r}")
    return " ".join(value.split())


def optional_text(entry: Mapping[str, Any], key: str, context: str) -> str:
    return required_text(entry, key, context) if entry.get(key) is not None else ""


def text_list(entry: Mapping[str, Any], key: str, context: str) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) and str(v).strip() for v in value):
        raise CriteriaError(f"{context}: {key} must be a list of non-empty texts, got {value!r}")
    return tuple(str(v).strip() for v in value)


def check_safe_text(text: str, context: str) -> None:
    match = UNSAFE_TEXT.search(text)
    if match:
        raise CriteriaError(
            f"{context}: must not say {match.group(0)!r} (never promise a place in the study, "
            "never ask for numbers, payment or bank details)"
        )


def _whole_number(rule: Mapping[str, Any], key: str, context: str, low: int, high: int) -> None:
    value = rule.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise CriteriaError(
            f"{context}: rule.{key} must be a whole number from {low} to {high}, got {value!r}"
        )


# What each answer type's evaluator reads from a criterion's rule (the registry names one per type).


def age_rule(criterion: Criterion, context: str) -> None:
    _whole_number(criterion.rule, "min_age", context, 0, 120)


def yes_no_rule(criterion: Criterion, context: str) -> None:
    rule = criterion.rule
    if rule.get("exclude_if") not in YES_NO_VALUES:
        raise CriteriaError(f'{context}: rule.exclude_if must be "yes" or "no" (quoted), got {rule!r}')


def lung_function_rule(criterion: Criterion, context: str) -> None:
    if not all(
        isinstance(m, dict) and m.get("names") and isinstance(m.get("below"), (int, float))
        for m in (criterion.rule.get("measures") or {None: None}).values()
    ):
        raise CriteriaError(f"{context}: rule.measures must map each test to names and a 'below' figure")
    yes_no_rule(criterion, context)


def antibody_rule(criterion: Criterion, context: str) -> None:
    accepted = criterion.rule.get("accepted")
    if not isinstance(accepted, list) or not accepted or not all(isinstance(a, str) for a in accepted):
        raise CriteriaError(f"{context}: rule.accepted must list the antibody names, got {accepted!r}")


def drug_history_rule(criterion: Criterion, context: str) -> None:
    rule = criterion.rule
    drugs = rule.get("drugs")
    if not isinstance(drugs, list) or not drugs or not all(isinstance(d, str) for d in drugs):
        raise CriteriaError(f"{context}: rule.drugs must list canonical drug names, got {drugs!r}")
    _whole_number(rule, "window_months", context, 1, 120)
    if rule.get("when_unknown") not in WHEN_UNKNOWN:
        raise CriteriaError(f"{context}: rule.when_unknown must be one of {WHEN_UNKNOWN}")


def checklist_rule(criterion: Criterion, context: str) -> None:
    if criterion.rule.get("exclude_if") != "applies":
        raise CriteriaError(f"{context}: rule.exclude_if must be 'applies' for a checklist item")
    if criterion.item is None or not criterion.keywords:
        raise CriteriaError(f"{context}: a checklist item needs item (its number) and keywords")
