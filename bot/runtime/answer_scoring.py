"""Scoring the assistant's replies to held-out questions: right, honest "not sure", or confident wrong.

A reply is recognised by its text (what the person reads), against the content it can come from:
the FAQ answers, the "not sure" and "don't know" texts, the out-of-scope reply and the request
for contact details. Pure functions, so the rules of the count are tested without a server.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from bot.content.answering import load_answering, translated_texts
from bot.content.loader import FAQ_FILENAME, load_faq
from bot.texts import load_texts

Outcome = Literal["correct", "not_sure", "wrong"]
OUTCOMES: tuple[Outcome, ...] = ("correct", "not_sure", "wrong")
OUT_OF_SCOPE, UNKNOWN = "out_of_scope", "unknown"
NOT_SURE, DONT_KNOW, HANDOFF = "reply:not_sure", "reply:dont_know", "reply:handoff"
PRESCREEN = "reply:prescreen"  # the consent request that opens the pre-screen
DEFERRAL = "reply:ask_your_doctor"  # "I can't advise on your treatment, ask your own doctor"
UNKNOWN_ENTRY = "not_covered"  # the FAQ entry that says "the record doesn't cover that"
# Replies that are right for an expectation besides its own answer: asking for contact details
# is how the assistant puts someone in touch with the study team, and "can I join?" is what the
# pre-screen answers (its consent request comes first).
ALSO_RIGHT: dict[str, frozenset[str]] = {
    "contact_coordinator": frozenset({HANDOFF}),
    "who_can_join": frozenset({PRESCREEN}),
    UNKNOWN: frozenset({UNKNOWN_ENTRY, DONT_KNOW}),
}
# A refusal to advise that sends the person to their own doctor states no study fact: honest.
HONEST = frozenset({NOT_SURE, DONT_KNOW, UNKNOWN_ENTRY, DEFERRAL})
OFFERED = "offered:"  # "offered:<id>": a button of the reply leads to that answer


@dataclass(frozen=True)
class Question:
    text: str
    expect: str  # an FAQ entry id, or "out_of_scope" / "unknown"


def load_questions(path: Path) -> list[Question]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Question(text=str(item["text"]), expect=str(item["expect"])) for item in document["questions"]]


@dataclass(frozen=True)
class ReplyBook:
    """Known reply texts (their opening words) and what each one is."""

    openings: tuple[tuple[str, str], ...]  # (normalised opening, kind)

    def kind(self, text: str) -> str:
        said = _normal(text)
        for opening, kind in self.openings:
            if said.startswith(opening):
                return kind
        return "reply:other"


def reply_book(content_dir: Path, repo_root: Path, language: str = "en") -> ReplyBook:
    """Every reply the count needs to recognise, from the same files the assistant speaks from, in
    ``language`` (a reply in another language is not recognised: the person could not read it)."""
    folder = content_dir if language == "en" else content_dir / language
    openings: list[tuple[str, str]] = [(_normal(e.answer), e.id) for e in load_faq(folder / FAQ_FILENAME)]
    answering = translated_texts(content_dir, language, load_answering(content_dir))
    openings.append((_normal(answering["not_sure"]), NOT_SURE))
    texts = load_texts(repo_root / "data" / "texts")
    openings.append((_normal(texts.text("utter_default", language)), DONT_KNOW))
    openings.append((_normal(texts.text("utter_out_of_scope", language)), OUT_OF_SCOPE))
    openings.append((_normal(texts.text("utter_medical_advice", language)), DEFERRAL))
    lexicon = repo_root / "data" / "safety" / f"{language}.yml"
    safety = yaml.safe_load(lexicon.read_text(encoding="utf-8"))
    openings += [(_normal(safety["replies"][name]), DEFERRAL) for name in ("advice", "urgent")]
    consent = yaml.safe_load((folder / "consent.yml").read_text(encoding="utf-8"))
    openings.append((_normal(consent["handoff_request"])[:60], HANDOFF))
    openings.append((_normal(consent["request"])[:60], PRESCREEN))
    return ReplyBook(tuple(sorted(openings, key=lambda pair: -len(pair[0]))))


def outcome(expect: str, kinds: Iterable[str]) -> Outcome:
    """Right if any reply is the expected one; honest if the assistant said it was not sure or did
    not know (or, for a question the record does not cover, that it cannot help); else wrong."""
    said = set(kinds)
    if said & ({expect} | ALSO_RIGHT.get(expect, frozenset())):
        return "correct"
    honest = HONEST | ({OUT_OF_SCOPE} if expect == UNKNOWN else frozenset())
    return "not_sure" if said & honest else "wrong"


@dataclass(frozen=True)
class Tally:
    """Outcomes per expected topic, with the confident wrong replies kept for the report."""

    counts: dict[str, Counter[str]]
    wrong: list[tuple[str, str, str]]  # (question, expected, what was said)
    offered: int = 0  # "not sure" replies whose buttons included the expected topic

    @property
    def total(self) -> Counter[str]:
        return sum(self.counts.values(), Counter())

    def rate(self, name: Outcome, topic: str | None = None) -> float:
        counts = self.total if topic is None else self.counts[topic]
        asked = sum(counts.values())
        return counts[name] / asked if asked else 0.0


def tally(results: Sequence[tuple[Question, Sequence[str]]]) -> Tally:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: list[tuple[str, str, str]] = []
    offered = 0
    for question, said in results:
        kinds = [kind for kind in said if not kind.startswith(OFFERED)]
        result = outcome(question.expect, kinds)
        counts[question.expect][result] += 1
        offered += result == "not_sure" and f"{OFFERED}{question.expect}" in said
        if result == "wrong":
            wrong.append((question.text, question.expect, ", ".join(kinds) or "(silence)"))
    return Tally(dict(sorted(counts.items())), wrong, offered)


def render(result: Tally, floors: Mapping[str, float], title: str) -> list[str]:
    """Markdown: overall rates against the floors, a row per topic, then every confident wrong reply."""
    correct, unsure, wrong = (result.rate(name) for name in OUTCOMES)
    lines = [
        f"### {title}",
        "",
        f"- questions: {sum(result.total.values())}",
        f"- correct: {correct:.1%} (floor {floors['correct_min']:.0%})",
        f'- honest "not sure" / "don\'t know": {unsure:.1%} (the right topic among its buttons:'
        f" {result.offered / max(1, result.total['not_sure']):.0%} of them)",
        f"- confident wrong: {wrong:.1%} (ceiling {floors['confident_wrong_max']:.0%})",
        "",
        "| expected topic | questions | correct | not sure | confident wrong |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for topic, counts in result.counts.items():
        rates = " | ".join(f"{result.rate(name, topic):.0%}" for name in OUTCOMES)
        lines.append(f"| {topic} | {sum(counts.values())} | {rates} |")
    lines += ["", "Confident wrong replies (question -> expected; what the assistant said):", ""]
    lines += [f"- {text!r} -> {expect}; said {said}" for text, expect, said in result.wrong] or ["- none"]
    return lines


def floor_problems(result: Tally, floors: Mapping[str, float]) -> list[str]:
    problems = []
    if result.rate("correct") < floors["correct_min"]:
        problems.append(f"answers: correct {result.rate('correct'):.3f} is below {floors['correct_min']}")
    if result.rate("wrong") > floors["confident_wrong_max"]:
        problems.append(
            f"answers: confident wrong {result.rate('wrong'):.3f} is above {floors['confident_wrong_max']}"
        )
    return problems


def _normal(text: str) -> str:
    return " ".join(text.lower().split())
