"""Plain values passed between the loader, the parsers and the evaluator.

They are frozen dataclasses so an outcome can be stored or compared without surprises, and
``Answer`` round-trips through a dict because the conversation keeps answers in JSON slots.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from bot.outcomes import OutcomeKind

AnswerStatus = Literal["ok", "unsure", "invalid"]
Verdict = Literal["meets", "excluded", "unknown"]


@dataclass(frozen=True)
class Criterion:
    """One numbered criterion of the study record, as the pre-screen checks it (or not)."""

    id: str
    kind: str
    label: str
    why: str
    source: str
    slot: str | None = None
    rule: Mapping[str, Any] = field(default_factory=dict)
    not_eligible_text: str = ""
    item: int | None = None
    keywords: tuple[str, ...] = ()
    checked_by: str = ""


@dataclass(frozen=True)
class SlotSpec:
    """One question of the conversation: its texts and how its answer is read."""

    name: str
    answer_type: str
    question: str
    why_we_ask: str
    reask: str
    topic: str = ""  # a few words naming the question, for the summary before saving ("Age")
    buttons: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    not_applicable_means: str = "unsure"
    correction_cues: tuple[str, ...] = ()
    items: tuple[Criterion, ...] = ()
    on_conflict: str = "longest"
    confirm: Mapping[str, str] = field(default_factory=dict)

    @property
    def prompt(self) -> str:
        """The message to send: the question, plus the numbered list for a checklist."""
        if not self.items:
            return self.question
        lines = [f"{item.item}. {item.label}" for item in self.items]
        return "\n".join([self.question, *lines])


@dataclass(frozen=True)
class OutcomeTexts:
    """The closing texts, kept with the criteria so staff edit them in one place."""

    likely_eligible: str
    needs_review: str
    not_eligible: str
    review_intro: str
    alternatives: str


@dataclass(frozen=True)
class CriteriaSet:
    """Everything the conversation needs for one trial, loaded from one YAML file."""

    version: str
    trial: str
    slots: tuple[SlotSpec, ...]
    criteria: tuple[Criterion, ...]
    texts: OutcomeTexts
    date_order: str = "DMY"
    path: str = ""
    dialogue: Mapping[str, str] = field(default_factory=dict)
    language: str = "en"
    # the same criteria in other languages (texts and phrases from <language>/criteria_texts.yml)
    translations: Mapping[str, CriteriaSet] = field(default_factory=dict, compare=False, repr=False)

    @property
    def slot_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.slots)

    @property
    def languages(self) -> tuple[str, ...]:
        return (self.language, *self.translations)

    def in_language(self, language: str) -> CriteriaSet:
        """These criteria with the texts and phrases of ``language`` (KeyError naming what exists)."""
        if language == self.language:
            return self
        try:
            return self.translations[language]
        except KeyError:
            raise KeyError(
                f"no {language!r} texts for {self.path}; known languages: {', '.join(self.languages)} "
                f"(add data/eligibility/{language}/criteria_texts.yml)"
            ) from None

    def slot(self, name: str) -> SlotSpec:
        for spec in self.slots:
            if spec.name == name:
                return spec
        raise KeyError(f"unknown slot {name!r}; {self.path} defines {', '.join(self.slot_names)}")

    def criteria_for(self, slot: str) -> tuple[Criterion, ...]:
        return tuple(criterion for criterion in self.criteria if criterion.slot == slot)

    def rules_for(self, slot: str) -> dict[str, Any]:
        """The slot's criteria rules merged, which is what a parser may need (e.g. drug names)."""
        merged: dict[str, Any] = {}
        for criterion in self.criteria_for(slot):
            merged.update(criterion.rule)
        return merged


@dataclass(frozen=True)
class Answer:
    """A parsed reply. ``hedged`` marks "I think so"-style answers, which never exclude."""

    status: AnswerStatus
    value: Any = None
    hedged: bool = False
    message: str = ""

    @property
    def usable(self) -> bool:
        return self.status != "invalid"

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "value": self.value, "hedged": self.hedged, "message": self.message}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Answer:
        status = data.get("status")
        if status not in ("ok", "unsure", "invalid"):
            raise ValueError(f"Answer.from_dict: status must be ok, unsure or invalid, not {status!r}")
        return cls(
            status=status,
            value=data.get("value"),
            hedged=bool(data.get("hedged", False)),
            message=str(data.get("message", "")),
        )


@dataclass(frozen=True)
class Reason:
    """Why an outcome was reached, in words for the person, tied to the criterion it comes from."""

    criterion_id: str
    slot: str | None
    label: str
    text: str
    why: str
    source: str


@dataclass(frozen=True)
class Outcome:
    """The result of a pre-screen; never a promise of a place in the study."""

    outcome: OutcomeKind
    reasons: tuple[Reason, ...]
    unknowns: tuple[Reason, ...]
    summary: str
    alternatives: str
    criteria_version: str
    review_intro: str = ""

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(reason.criterion_id for reason in (*self.reasons, *self.unknowns))

    @property
    def reason_texts(self) -> tuple[str, ...]:
        return tuple(f"{reason.text} {reason.why}" for reason in self.reasons)

    def message(self) -> str:
        """One message for the person: summary, then the reasons or the answers to check."""
        parts = [self.summary]
        if self.outcome == OutcomeKind.NOT_ELIGIBLE:
            parts += [f"- {text}" for text in self.reason_texts]
            parts.append(self.alternatives)
        elif self.outcome == OutcomeKind.NEEDS_REVIEW:
            if self.review_intro:
                parts.append(self.review_intro)
            parts += [f"- {reason.label}" for reason in self.unknowns]
        return "\n".join(parts)
