"""The three ways a pre-screen ends: one name for each, shared by the evaluator, the leads
database (a CHECK constraint), the inbox filters, the coordinator e-mail and the actions.

A plain module with no imports of ours, so the storage layer can use it without loading the
eligibility parsers.
"""

from __future__ import annotations

from enum import Enum


class OutcomeKind(str, Enum):
    """A ``str`` too: it goes into slots, JSON and SQL as its value, and compares equal to it."""

    LIKELY_ELIGIBLE = "likely_eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_REVIEW = "needs_review"

    def __str__(self) -> str:
        return self.value

    def __hash__(self) -> int:  # Enum hashes the member's name: as a dict key it must match its value
        return hash(self.value)

    @property
    def takes_contact(self) -> bool:
        """Contact details may be attached to this screening (a not_eligible one stays anonymous)."""
        return self is not OutcomeKind.NOT_ELIGIBLE


OUTCOMES: tuple[str, ...] = tuple(kind.value for kind in OutcomeKind)
# In the inbox and the funnel a referral without a screening outcome (asked for a person) counts here.
HANDOFF = "handoff"
