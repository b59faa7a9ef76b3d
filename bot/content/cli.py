"""``python -m bot content check|generate``: the FAQ's gate and its bridge to Rasa training data."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.content.answering import load_answering
from bot.content.checks import check_content, check_intent_answers
from bot.content.facts import TRIAL_FILENAME, load_trial
from bot.content.loader import FAQ_FILENAME, ContentError, load_faq
from bot.content.phrasings import load_phrasings
from bot.content.rasa_export import export_faq
from bot.content.readability import grade, summary
from bot.settings import get_settings
from bot.texts import DEFAULT_LANGUAGE, TextsError, load_texts


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``content`` and its subcommands to the project's command line."""
    content = subparsers.add_parser("content", help="check the FAQ and generate its Rasa training data")
    content.add_argument(
        "--content-dir", type=Path, default=None, help="folder with faq.yml and trial.yml (default: settings)"
    )
    content.set_defaults(func=lambda args: _print_help(content))
    commands = content.add_subparsers(dest="content_command")
    check = commands.add_parser("check", help="report problems and reading grades; exit 1 on any problem")
    check.set_defaults(func=run_check)
    generate = commands.add_parser("generate", help="write the Rasa FAQ training data file")
    generate.add_argument("--output", type=Path, default=None, help="file to write (default: build folder)")
    generate.set_defaults(func=run_generate)


def run_check(args: argparse.Namespace) -> int:
    """Print every problem, then the entry count and the median and worst reading grade."""
    content_dir = _content_dir(args)
    try:
        entries = load_faq(content_dir / FAQ_FILENAME)
        trial = load_trial(content_dir / TRIAL_FILENAME)
        answering = load_answering(content_dir)
        phrasings = load_phrasings(content_dir, {entry.id for entry in entries})
        texts = load_texts(get_settings().texts_dir)
    except (ContentError, TextsError) as error:
        print(error)
        return 1
    problems = check_content(entries, trial)
    problems += check_intent_answers(answering.intent_answers, entries)
    for problem in problems:
        print(f"problem: {problem}")
    grades = {entry.id: grade(entry.answer) for entry in entries}
    median, worst = summary(grades.values())
    hardest = max(grades, key=grades.__getitem__) if grades else "-"
    print(f"entries: {len(entries)}")
    print(f"phrasings for the lexical reader: {sum(len(texts) for texts in phrasings.values())}")
    print(f"reading grade: median {median}, worst {worst} ({hardest})")
    print(f"texts: {len(texts.by_language[DEFAULT_LANGUAGE])} ({DEFAULT_LANGUAGE})")
    for language in texts.languages:
        missing = texts.missing_translations(language)
        if language != DEFAULT_LANGUAGE:
            print(f"texts not yet in {language} (said in {DEFAULT_LANGUAGE}): {len(missing)}")
    print(f"problems: {len(problems)}")
    return 1 if problems else 0


def run_generate(args: argparse.Namespace) -> int:
    """Validate faq.yml and write the Rasa training data; prints the path written."""
    try:
        entries = load_faq(_content_dir(args) / FAQ_FILENAME)
        aliases = load_answering(_content_dir(args)).intent_answers
    except ContentError as error:
        print(error)
        return 1
    print(export_faq(entries, args.output, aliases))
    return 0


def _content_dir(args: argparse.Namespace) -> Path:
    return args.content_dir or get_settings().content_dir


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2
