"""Plain values for the FAQ and the trial facts, so the rest of the code never handles raw YAML."""

from __future__ import annotations

from dataclasses import dataclass, field

INTENT_PREFIX = "faq/"
RESPONSE_PREFIX = "utter_faq/"


@dataclass(frozen=True)
class Button:
    """A suggestion under an answer: the text on it and what tapping it sends (an intent such as
    ``/start_prescreen`` or an answer such as ``/faq/side_effects``)."""

    title: str
    payload: str


@dataclass(frozen=True)
class FaqEntry:
    """One question topic: the ways people ask it, one staff-approved answer and where it comes from."""

    id: str
    topic: str
    questions: tuple[str, ...]
    answer: str
    source: str = ""
    related: tuple[str, ...] = ()
    title: str = ""
    buttons: tuple[Button, ...] = ()

    @property
    def label(self) -> str:
        """Short name shown on a button when the assistant offers this topic; the title, else the
        first question, so an entry added without a title can still be offered."""
        return self.title or self.questions[0].rstrip(" ?").capitalize()

    @property
    def intent(self) -> str:
        """The Rasa retrieval intent that recognises this entry's questions."""
        return f"{INTENT_PREFIX}{self.id}"

    @property
    def response_name(self) -> str:
        """The Rasa response that carries this entry's answer."""
        return f"{RESPONSE_PREFIX}{self.id}"

    def to_dict(self) -> dict[str, object]:
        """The entry as it is written to faq.yml (optional fields only when set)."""
        data: dict[str, object] = {
            "id": self.id,
            "topic": self.topic,
            "questions": list(self.questions),
            "answer": self.answer,
            "source": self.source,
        }
        if self.related:
            data["related"] = list(self.related)
        if self.title:
            data["title"] = self.title
        if self.buttons:
            data["buttons"] = [{"title": button.title, "payload": button.payload} for button in self.buttons]
        return data


def entry_id_from_response(response_name: str) -> str | None:
    """``utter_faq/duration`` -> ``duration``; None for any response that is not an FAQ answer."""
    if not response_name.startswith(RESPONSE_PREFIX):
        return None
    entry_id = response_name[len(RESPONSE_PREFIX) :]
    return entry_id or None


@dataclass(frozen=True)
class Drug:
    """A study drug by its generic name, with the brand names patients may type."""

    name: str
    brands: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrialFacts:
    """What the content checks need from trial.yml; the full document stays in ``document``.

    ``allowed_numbers`` and ``known_drugs`` are derived from the facts themselves (plus the file's
    explicit extras), so an answer cannot quote a number or a medicine the record does not.
    """

    acronym: str
    identifiers: dict[str, str]
    drugs: tuple[Drug, ...]
    source_documents: tuple[str, ...]
    recruitment_last_checked: str
    allowed_numbers: frozenset[str]
    known_drugs: frozenset[str]
    document: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
