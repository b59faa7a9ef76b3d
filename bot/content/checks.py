"""The content check: rules an FAQ must pass before it is published to patients.

Each rule returns problems tied to an entry id, so staff see which answer to fix. The rules guard
what a patient could be misled by: hard words, unsourced claims, numbers or medicines the trial
record does not state, and questions that two answers compete for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.content.models import FaqEntry, TrialFacts
from bot.content.numbers import numbers_in
from bot.content.readability import grade

MAX_GRADE = 8.0
MIN_SENTENCES, MAX_SENTENCES = 2, 5

# Word endings of generic drug names (International Nonproprietary Names) and a few common drugs
# without one, to catch an answer that names a medicine the trial does not use.
_DRUG_ENDINGS = tuple(
    (  # noqa: SIM905
        "mab nib limus olone isone asone phosphamide prine purine cillin mycin statin pril sartan olol "
        "azole vir parin farin xacin cycline platin trexate profen fenac oxetine azepam prazole sporin "
        "sporine quine fenidone phenolate formin gliptin semide thiazide tidine triptan"
    ).split()
)
_COMMON_DRUGS = frozenset({"aspirin", "insulin", "paracetamol", "acetaminophen", "morphine", "ivig"})
_ORDINARY_WORDS = frozenset({"april"})
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"')]*(?=\s+|$)")


@dataclass(frozen=True)
class Problem:
    """One reason the content cannot be published, tied to the entry to fix."""

    entry_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.message}"


def check_content(entries: Sequence[FaqEntry], trial: TrialFacts) -> list[Problem]:
    """All problems in the FAQ, in entry order; an empty list means it may be published."""
    problems: list[Problem] = []
    for entry in entries:
        problems.extend(check_entry(entry, trial))
    problems.extend(shared_questions(entries))
    return problems


def check_entry(entry: FaqEntry, trial: TrialFacts) -> list[Problem]:
    """The rules that concern one entry on its own."""
    problems: list[Problem] = []
    answer_grade = grade(entry.answer)
    if answer_grade > MAX_GRADE:
        problems.append(Problem(entry.id, f"answer reads at grade {answer_grade}, above {MAX_GRADE:g}"))
    if not entry.source.strip():
        problems.append(Problem(entry.id, "no source: say which part of the study record it comes from"))
    elif not any(document in entry.source for document in trial.source_documents):
        names = ", ".join(trial.source_documents)
        problems.append(Problem(entry.id, f"source {entry.source!r} names none of: {names}"))
    sentences = count_sentences(entry.answer)
    if not MIN_SENTENCES <= sentences <= MAX_SENTENCES:
        problems.append(
            Problem(entry.id, f"answer has {sentences} sentences, keep it to {MIN_SENTENCES}-{MAX_SENTENCES}")
        )
    for number in sorted(numbers_in(entry.answer) - trial.allowed_numbers):
        problems.append(Problem(entry.id, f"answer states the number {number}, which the trial facts do not"))
    for name in sorted(unknown_drug_names(entry.answer, trial.known_drugs)):
        problems.append(
            Problem(entry.id, f"answer names the medicine {name!r}, which the trial facts do not")
        )
    return problems


def check_intent_answers(intent_answers: Mapping[str, str], entries: Sequence[FaqEntry]) -> list[Problem]:
    """answering.yml's intent_answers must name real entries, or an intent would lose its answer."""
    ids = {entry.id for entry in entries}
    return [
        Problem(entry_id, f"answering.yml maps intent {intent!r} to this entry, which faq.yml does not have")
        for intent, entry_id in intent_answers.items()
        if entry_id not in ids
    ]


def shared_questions(entries: Sequence[FaqEntry]) -> list[Problem]:
    """Questions listed twice: across entries they confuse the model, within one they add nothing."""
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    for entry in entries:
        for question in entry.questions:
            key = normalise_question(question)
            if key not in owner:
                owner[key] = entry.id
            elif owner[key] == entry.id:
                problems.append(Problem(entry.id, f"question {question!r} is listed twice"))
            else:
                problems.append(Problem(entry.id, f"question {question!r} is also in entry '{owner[key]}'"))
    return problems


def normalise_question(question: str) -> str:
    """Case, spacing and closing punctuation do not make two questions different."""
    return " ".join(question.lower().split()).rstrip(" ?!.")


def count_sentences(text: str) -> int:
    """Sentences end with . ! or ? followed by a space or the end (so "7.5" is not an end)."""
    text = text.strip()
    ends = _SENTENCE_END.findall(text)
    unfinished = bool(text) and not _SENTENCE_END.search(text[-4:])
    return len(ends) + int(unfinished)


def unknown_drug_names(text: str, known_drugs: frozenset[str]) -> set[str]:
    """Words that look like a medicine's name and are not among the trial's drugs or brands."""
    found: set[str] = set()
    for word in _WORD.findall(text):
        lowered = word.lower()
        if lowered in known_drugs:
            continue
        for part in lowered.split("-"):
            if part in known_drugs or part in _ORDINARY_WORDS:
                continue
            if part in _COMMON_DRUGS or (len(part) > 4 and part.endswith(_DRUG_ENDINGS)):
                found.add(word)
    return found
