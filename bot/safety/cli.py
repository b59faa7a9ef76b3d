"""`python -m bot safety check "<message>"`: what the safety layer makes of a message, and why.

For clinicians and staff extending data/safety/: shows the category, the language of the reply,
the trigger pattern or the classifier's risk, and the reply a person would read.
"""

from __future__ import annotations

import argparse

from bot.safety import screen
from bot.safety.classifier import guess
from bot.safety.lexicon import min_risk


def check(args: argparse.Namespace) -> int:
    verdict = screen(args.message)
    learned = guess(args.message)
    risk = f"{learned.risk:.2f} ({', '.join(learned.candidates)})" if learned else "0.00"
    needed = ", ".join(f"{c} {min_risk(c):.2f}" for c in (learned.candidates if learned else ()))
    print(f"classifier risk: {risk}; answered from: {needed or '-'}")
    if verdict is None:
        print("ordinary message: no safety reply")
        return 0
    print(f"category: {verdict.category}\nlanguage: {verdict.language}\nbecause: {verdict.reason}")
    print(f"reply: {verdict.reply}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    safety = subparsers.add_parser("safety", help="the safety layer (data/safety/)")
    commands = safety.add_subparsers(dest="safety_command", required=True)
    checker = commands.add_parser("check", help="what the safety layer makes of a message")
    checker.add_argument("message")
    checker.set_defaults(func=check)
