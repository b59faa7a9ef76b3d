"""Choose the answer thresholds from a measured precision / coverage curve, not by guessing.

Runs our own calibration questions (the held-out NLU phrasings of tests/nlu/heldout/ and
tests/answers/calibration/*.yml; never trained on, and not the frozen sets the floors are measured
on) through the trained model once, then replays the decision (bot/content/questions.py) for each
share of the lexical reader's vote and each pair of thresholds: how many are answered right, how
many get an honest "not sure", how many a confident wrong answer. Prints the curve as Markdown and
the share and pair it recommends.

    python -m bot.runtime.calibrate_answers > docs/answer-thresholds.md
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from bot.content.answering import Reading, Thresholds, load_answering
from bot.content.lexical import blended_reading
from bot.content.loader import load_faq
from bot.content.questions import choose, split_questions
from bot.runtime.answer_scoring import OUT_OF_SCOPE, UNKNOWN, Question, load_questions
from bot.settings import Settings, get_settings

ANSWER_STEPS = tuple(round(0.05 * step, 2) for step in range(2, 19))
SHARE_STEPS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
MARGIN_STEPS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
# Half a point under the 3% ceiling of tests/answers/floors.yml: unseen questions are harder, and
# one calibration question weighs about a third of a point, so a 2% target would turn on one question.
WRONG_TARGET = 0.025


@dataclass(frozen=True)
class Case:
    question: Question
    whole: Reading
    parts: tuple[tuple[str, Reading], ...]


@dataclass(frozen=True)
class Point:
    thresholds: Thresholds
    correct: float
    not_sure: float
    wrong: float
    share: float = 0.0  # the lexical reader's share of the vote (answering.yml: lexical_share)

    @property
    def coverage(self) -> float:
        """Share of questions that get an answer (right or wrong) rather than "not sure"."""
        return self.correct + self.wrong

    @property
    def precision(self) -> float:
        """Share of the answers given that are right."""
        return self.correct / self.coverage if self.coverage else 1.0


def calibration_questions(repo_root: Path, aliases: dict[str, str], answers_of: set[str]) -> list[Question]:
    """Held-out NLU phrasings (FAQ entries, out of scope, keyboard mash) and our calibration file."""
    questions = [
        question
        for path in sorted((repo_root / "tests" / "answers" / "calibration").glob("*.yml"))
        for question in load_questions(path)
    ]
    for path in sorted((repo_root / "tests" / "nlu" / "heldout").glob("*.yml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            intent = str(item["intent"])
            expect = intent.removeprefix("faq/") if intent.startswith("faq/") else aliases.get(intent, intent)
            if expect not in answers_of and expect not in (OUT_OF_SCOPE, UNKNOWN):
                continue  # greetings, yes/no, the pre-screen's answers: no threshold decides those
            lines = str(item.get("examples", "")).splitlines()
            questions += [Question(line[2:].strip(), expect) for line in lines if line.startswith("- ")]
    return questions


def outcome(case: Case, thresholds: Thresholds, faq_ids: set[str], aliases: dict[str, str]) -> str:
    """correct / not_sure / wrong for one question under one pair of thresholds."""
    decision = choose(case.whole, list(case.parts), thresholds)
    expect = case.question.expect
    if decision.kind == "answer":
        right = decision.entry_id == expect or (expect == UNKNOWN and decision.entry_id == "not_covered")
        return "correct" if right else "wrong"
    if decision.kind in ("not_sure", "dont_know"):
        return "correct" if expect == UNKNOWN and decision.kind == "dont_know" else "not_sure"
    said = aliases.get(case.whole.intent, case.whole.intent)  # bot_challenge: assistant_identity
    if said == expect:
        return "correct"
    if expect in faq_ids or expect == UNKNOWN:  # not answered with a study fact
        return "not_sure"
    return "wrong"


def curve(
    cases: Sequence[Case], base: Thresholds, faq_ids: set[str], aliases: dict[str, str], share: float = 0.0
) -> Iterator[Point]:
    for margin in MARGIN_STEPS:
        for answer in ANSWER_STEPS:
            thresholds = replace(base, answer=answer, margin=margin)
            results = [outcome(case, thresholds, faq_ids, aliases) for case in cases]
            correct, not_sure, wrong = (
                results.count(name) / len(results) for name in ("correct", "not_sure", "wrong")
            )
            yield Point(thresholds, correct, not_sure, wrong, share)


def recommend(points: Sequence[Point], count: int = 0) -> Point:
    """Most right answers with confident wrong ones at or below the target; if no pair reaches it,
    the pairs with the fewest wrong answers (within half a point), and among them the most right.
    Shares of the lexical vote within one question (of ``count``) of the best count as a tie: the
    smallest wins, so both readers keep a say unless the lexical one is clearly better alone."""
    lowest = min(point.wrong for point in points)
    limit = WRONG_TARGET if lowest <= WRONG_TARGET else lowest + 0.005
    safe = [point for point in points if point.wrong <= limit]
    best = max(point.correct for point in safe)
    tie = 1 / count if count else 0.0
    close = [point for point in safe if point.correct >= best - tie - 1e-9]
    share = min(point.share for point in close)
    return max(
        (point for point in safe if point.share == share),
        key=lambda p: (round(p.correct, 3), -p.wrong, -p.thresholds.answer, -p.thresholds.margin),
    )


def render(points: Sequence[Point], chosen: Point, count: int) -> str:
    """The best pair for each share, then the whole curve at the chosen share."""
    by_share = sorted({point.share for point in points})
    best = [recommend([p for p in points if p.share == share], count) for share in by_share]
    lines = [
        "# Answer thresholds: the measured curve",
        "",
        f"{count} calibration questions (tests/nlu/heldout/, tests/answers/calibration/), read by the",
        "trained model once; each row replays the decision with one share of the lexical reader's vote",
        "and one pair of thresholds (data/content/answering.yml). Generated by",
        "`python -m bot.runtime.calibrate_answers`.",
        "",
        f"Recommended: lexical_share {chosen.share}, answer >= {chosen.thresholds.answer}, margin >= "
        f"{chosen.thresholds.margin}.",
        f"It gives the most right answers with confident wrong ones at or below {WRONG_TARGET:.1%} (or, if",
        "no pair gets there, the most among the pairs with the fewest confident wrong answers, within",
        "half a point). Shares within one question of the best count as a tie, and the smallest of them",
        "wins, so the ResponseSelector keeps its say.",
        "",
        "## Best pair at each share",
        "",
        *_table(best, with_share=True),
        "",
        f"## Every pair at share {chosen.share}",
        "",
        *_table([p for p in points if p.share == chosen.share]),
    ]
    return "\n".join(lines) + "\n"


def _table(points: Sequence[Point], with_share: bool = False) -> list[str]:
    head = "| share " if with_share else ""
    lines = [
        f"{head}| answer | margin | coverage | precision | correct | not sure | confident wrong |",
        f"{'| ---: ' if with_share else ''}| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    return lines + [
        (f"| {p.share:.1f} " if with_share else "")
        + f"| {p.thresholds.answer:.2f} | {p.thresholds.margin:.2f} | {p.coverage:.1%} | {p.precision:.1%}"
        f" | {p.correct:.1%} | {p.not_sure:.1%} | {p.wrong:.1%} |"
        for p in points
    ]


def blended(cases: Sequence[Case], ranks: Mapping[str, Mapping[str, float]], share: float) -> list[Case]:
    """The cases with each reading's answers blended with the lexical reader's ranking of its text."""

    def mix(reading: Reading, text: str) -> Reading:
        return blended_reading(reading, lambda: ranks[text], share)

    return [
        Case(case.question, mix(case.whole, case.question.text), tuple((t, mix(r, t)) for t, r in case.parts))
        for case in cases
    ]


async def read_all(settings: Settings, questions: Sequence[Question]) -> list[Case]:
    """Every question (and each question inside it) through the trained model, raw (not blended)."""
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    from bot.runtime.training import model_path
    from rasa_addons.answer_hook import _rasa_parse_message, reading_of

    agent = Agent.load(str(model_path(settings)))

    async def read(text: str) -> Reading:
        return reading_of(await _rasa_parse_message(agent.processor, UserMessage(text), None))

    cases = []
    for question in questions:
        pieces = split_questions(question.text)
        parts = [(piece, await read(piece)) for piece in pieces] if len(pieces) > 1 else []
        cases.append(Case(question, await read(question.text), tuple(parts)))
    return cases


def main() -> int:
    from rasa.utils.log_utils import configure_structlog

    from rasa_addons.answer_hook import lexical_reader

    configure_structlog(logging.WARNING)  # Rasa logs each parse on stdout, where the report goes
    settings = get_settings()
    config = load_answering(settings.content_dir)
    faq_ids = {entry.id for entry in load_faq(settings.content_dir / "faq.yml")}
    questions = calibration_questions(settings.repo_root, config.intent_answers, faq_ids)
    cases = asyncio.run(read_all(settings, questions))
    reader = lexical_reader()
    texts = {case.question.text for case in cases} | {text for case in cases for text, _ in case.parts}
    ranks = {text: reader.rank(text) for text in texts}
    points = [
        point
        for share in SHARE_STEPS
        for point in curve(
            blended(cases, ranks, share), config.thresholds, faq_ids, config.intent_answers, share
        )
    ]
    chosen = recommend(points, len(cases))
    sys.stdout.write(render(points, chosen, len(cases)))
    for case in blended(cases, ranks, chosen.share):  # what went wrong there, for whoever tunes next
        if outcome(case, chosen.thresholds, faq_ids, config.intent_answers) == "wrong":
            decision = choose(case.whole, list(case.parts), chosen.thresholds)
            said = decision.entry_id or case.whole.intent
            sys.stderr.write(f"wrong: {case.question.text!r} -> {case.question.expect}; said {said}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
