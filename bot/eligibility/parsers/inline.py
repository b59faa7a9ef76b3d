"""Corrections inside one message: "45, no wait, 46", "PL7 no sorry PL12", "fvc 78 no sorry 87".

People fix a slip as they type. The words after a correction marker replace what came just
before it: a number replaces the last number before the marker (so "stopped it 7 months ago
sorry 5" keeps its context), anything else replaces the whole first part.
"""

from __future__ import annotations

import re

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.parsers.yes_no import UNSURE

# A plain "no" counts as a marker only between two numbers ("71 no 72"), where it cannot be an answer.
MARKER = re.compile(
    r"(?:[\s,.;:!-]*\b(?:no\s*,?\s*wait|no\s*,?\s*sorry|sorry\s*,?\s*no|wait\s*,?\s*no|no\s+i\s+mean|"
    r"sorry\s+i\s+meant?|i\s+meant?|or\s+rather|i\s+mean|sorry|oops|correction|my\s+bad|wait|"
    r"well\s+actually)\b[\s,.;:!-]*)+"
)
APOLOGY = re.compile(r"[\s,.;:!-]*sorry[\s,.;:!-]*")
NUMBER_NO_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*,?\s+no\s*,?\s+(\d+(?:[.,]\d+)?)(?![\w.])")
NUMBER_NOT_NUMBER = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)(?:\s*(?:years?|yrs?|%))?\s*,?\s+not\s+(\d+(?:[.,]\d+)?)(?!\w|[.,]\d)"
)  # "45 not 44", "56 years not 65"
LEADING_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)?)(?!\s*[/.-]\d)")
LAST_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)(?!.*\d)")


def _apply_once(text: str, words: Lexicon | None = None) -> str | None:
    for match in pick(words, "correction_marker", MARKER).finditer(text):
        before, after = text[: match.start()].strip(), text[match.end() :].strip()
        if not after:
            continue
        apology = pick(words, "correction_apology", APOLOGY).fullmatch(match.group(0))
        if apology and pick(words, "unsure", UNSURE).search(before):
            continue  # "no clue sorry, the paper is at my daughter's": a doubt, then an apology
        if not before:  # "no wait, yes": the slip is the marker's own "no"
            if match.group(0).lstrip(" ,.;:!-").startswith("no"):
                return after
            continue
        new = LEADING_NUMBER.match(after)
        old = LAST_NUMBER.search(before)
        if (
            old
            and not new
            and pick(words, "correction_apology", APOLOGY).fullmatch(match.group(0))
            and not re.search(r"\d", after)
        ):
            continue  # "44, sorry my birthday was last week": an apology, the number stands
        if new and old:
            return before[: old.start()] + new.group(1) + before[old.end() :] + after[new.end() :]
        return after
    return None


def apply_inline_corrections(text: str, words: Lexicon | None = None) -> str:
    """The message as the person meant it, for an already normalised text; unchanged if no marker."""
    text = pick(words, "number_no_number", NUMBER_NO_NUMBER).sub(lambda m: m.group(2), text)
    text = pick(words, "number_not_number", NUMBER_NOT_NUMBER).sub(lambda m: m.group(1), text)
    for _ in range(3):  # "45 sorry 46 no wait 47": at most a few fixes in one message
        fixed = _apply_once(text, words)
        if fixed is None:
            break
        text = fixed
    return text
