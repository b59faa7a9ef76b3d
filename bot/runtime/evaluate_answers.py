"""The frozen held-out questions asked through the served model over REST, as a person would.

Counts right answers, honest "not sure" / "don't know" replies and confident wrong answers per
topic (bot/runtime/answer_scoring.py), checks them against tests/answers/floors.yml, and adds a
section to docs/evaluation.md. Each question is a new conversation, so no answer leans on the last.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Sequence
from pathlib import Path

import yaml

from bot.runtime.answer_scoring import (
    Question,
    Tally,
    floor_problems,
    load_questions,
    render,
    reply_book,
    tally,
)
from bot.runtime.rest_chat import Conversation
from bot.settings import Settings

HELDOUT_DIR = Path("tests") / "answers" / "heldout"
FLOORS = Path("tests") / "answers" / "floors.yml"
SECTION_TITLE = "Answers to held-out questions, through the served model over REST"
# Each language's frozen set (heldout/<language>.yml) and what a conversation opens with: a French
# page sets the language first, as the widget does from <html lang> (the floors assume it).
OPENINGS: dict[str, str | None] = {"en": None, "fr": "en français"}


def heldout_file(language: str) -> Path:
    return HELDOUT_DIR / f"{language}.yml"


def section_title(language: str) -> str:
    return f"{SECTION_TITLE} ({language})"


def measure(
    rasa_url: str,
    content_dir: Path,
    repo_root: Path,
    questions: Sequence[Question],
    language: str = "en",
    opening: str | None = None,
) -> Tally:
    """Ask every question in a new conversation and count the outcomes; replies count only in
    ``language``. ``opening`` is said first in each conversation (e.g. "en français", as a
    French page would set the language before the first question)."""
    book = reply_book(content_dir, repo_root, language)
    results = []
    for question in questions:
        chat = Conversation(rasa_url, f"eval-{uuid.uuid4().hex[:12]}")
        if opening:
            chat.say(opening)
        replies = chat.say(question.text)
        kinds = [book.kind(str(reply.get("text", ""))) for reply in replies]
        payloads = {
            str(button.get("payload", "")) for reply in replies for button in reply.get("buttons") or []
        }
        offered = sorted(payload.removeprefix("/faq/") for payload in payloads if payload.startswith("/faq/"))
        results.append((question, kinds + [f"offered:{entry}" for entry in offered]))
    return tally(results)


def load_floors(repo_root: Path, language: str = "en") -> dict[str, float]:
    """The floors of ``language`` (tests/answers/floors.yml has one mapping per language)."""
    return yaml.safe_load((repo_root / FLOORS).read_text(encoding="utf-8"))[language]


def evaluate_answers(settings: Settings, report: Path | None = None) -> list[str]:
    """Start the product on free ports, measure each language, append its section to ``report``;
    the problems."""
    from bot.bench.stacks import our_stack

    problems: list[str] = []
    with (
        tempfile.TemporaryDirectory(prefix="catr-answers-") as work,
        our_stack(Path(work), Path(work) / "logs") as stack,
    ):
        for language, opening in OPENINGS.items():
            questions = load_questions(settings.repo_root / heldout_file(language))
            result = measure(
                stack.rasa_url, settings.content_dir, settings.repo_root, questions, language, opening
            )
            floors = load_floors(settings.repo_root, language)
            lines = render(result, floors, section_title(language))
            print("\n".join(lines[:7]))
            if report is not None:
                with report.open("a", encoding="utf-8") as out:
                    out.write("\n" + "\n".join(lines) + "\n")
            problems += [f"{language} {problem}" for problem in floor_problems(result, floors)]
    return problems
