"""Which antisynthetase antibody the blood test found, in any spelling the entity ruler knows.

A named antibody with a doubt or a "negative" next to it goes to review rather than being
guessed, and "yes" without a name counts as positive with the name left for a coordinator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.models import Answer, SlotSpec
from bot.eligibility.parsers.entities import canonical_names
from bot.eligibility.parsers.text import find_phrase
from bot.eligibility.parsers.yes_no import NEGATION, UNSURE, prepared, read_yes_no

NEVER_TESTED = re.compile(
    r"\b(never (been )?tested|not (been )?tested|no test|never had (a|the|that) test|"
    r"didn'?t have (a|the|that) test|haven'?t had (a|the|that) test|not checked|never checked|"
    r"not (been )?done( yet)?|hasn'?t been done|haven'?t been done|isn'?t done|is not done|"
    r"wasn'?t done|not had it|waiting for (the )?results?|"
    r"still waiting|results? (aren'?t|are not|not) (back|in)|booked|not back yet)\b"
)
# "Jo1 neg, PL7 pos": each part of the message says something about the names in it
CLAUSE = re.compile(r"[,;.]|\bthen\b|\bbut\b|\bwhereas\b")
# "PL-12 not PL-7": a name denied right after another is its own part (French in words.yml).
DENIED_NAME = re.compile(
    r"\b(?:not|no)\s+(?=(?:the\s+)?(?:anti[\s-]?)?(?:jo|pl|ej|oj)\b|(?:anti[\s-]?)?(?:jo|pl)\s?\d)"
)
NEGATIVE_PART = re.compile(r"\b(neg|negative|-ve|not|no)\b")
POSITIVE_PART = re.compile(r"\b(pos|positive|\+ve|came back|showed|found)\b")
NEGATIVE = re.compile(r"\bnegative\b")
FUSED_ANTI = re.compile(r"\banti(?=[a-z]{3})")
# "j0-1", "0j": a zero typed for the letter o
ZERO_FOR_O = re.compile(r"(?<=\bj)0|(?<=\banti-j)0|(?<=\bo)0(?=j)|(?<=\b)0(?=j\b)")


def _value(result: str, names: list[str]) -> dict[str, Any]:
    return {"result": result, "names": names}


def _said_per_part(clean: str, known: list[str], words: Lexicon | None = None) -> tuple[set[str], set[str]]:
    """The names said positive and the names said negative, part by part ("Jo1 neg, PL7 pos")."""
    negative: set[str] = set()
    positive: set[str] = set()
    previous: list[str] = []
    apart = pick(words, "antibody_denied", DENIED_NAME).sub(lambda denial: f", {denial.group(0)}", clean)
    for part in pick(words, "clause_break", CLAUSE).split(apart):
        in_part = [name for name in known if name in canonical_names(part, "ANTIBODY")]
        if pick(words, "negative_part", NEGATIVE_PART).search(part):
            named = in_part or previous  # "jo-1 first, negative.": the verdict of the part before
            negative.update(named)
            positive.difference_update(named)
        elif in_part:
            positive.update(in_part)
        previous = in_part
    return positive - negative, negative


def parse_antibody(
    text: str, spec: SlotSpec, rules: Mapping[str, Any], words: Lexicon | None = None
) -> Answer:
    """Value: result positive / negative / unsure, and the canonical names found (e.g. ["Jo-1"])."""
    clean = ZERO_FOR_O.sub("o", prepared(text, words))
    if not clean:
        return Answer(status="invalid", message=spec.reask)
    accepted = tuple(rules.get("accepted", ()))
    names = canonical_names(clean, "ANTIBODY")
    known = [name for name in names if name in accepted]
    reading = read_yes_no(clean, spec.phrases, words=words)
    negative = pick(words, "negative", NEGATIVE)
    doubtful = bool(
        pick(words, "unsure", UNSURE).search(clean) or pick(words, "never_tested", NEVER_TESTED).search(clean)
    )
    if known and not doubtful:
        positive, negative_names = _said_per_part(clean, known, words)
        if negative_names and len(positive) == 1:  # the one left positive when the others are negative
            return Answer(status="ok", value=_value("positive", [positive.pop()]), hedged=reading.hedged)
        # "jo1 négatif, pl7 négatif": every name said negative, in that word ("not jo-1" may mean another)
        if not positive and negative_names >= set(known) and negative.search(clean):
            return Answer(status="ok", value=_value("negative", []), hedged=reading.hedged)
    if known:
        if doubtful or pick(words, "negation", NEGATION).search(clean) or negative.search(clean):
            return Answer(status="unsure", value=_value("unsure", known), hedged=True)
        return Answer(status="ok", value=_value("positive", known), hedged=reading.hedged)
    # "anticentromere" typed as one word is the antibody "centromere" of the list
    unfused = FUSED_ANTI.sub("anti ", clean)
    other = any(find_phrase(unfused, name) >= 0 for name in rules.get("others", ()))
    if other and not names and not doubtful:  # another antibody than the accepted ones
        return Answer(status="ok", value=_value("negative", []), hedged=reading.hedged)
    if names or doubtful:
        return Answer(status="unsure", value=_value("unsure", []), hedged=True)
    if reading.value == "no" or negative.search(clean):
        return Answer(status="ok", value=_value("negative", []), hedged=reading.hedged)
    if reading.value == "yes":
        if reading.hedged:  # "I think so": positive is not certain, and no name to check
            return Answer(status="unsure", value=_value("unsure", []), hedged=True)
        return Answer(status="ok", value=_value("positive", []))
    if reading.value == "unsure":
        return Answer(status="unsure", value=_value("unsure", []), hedged=True)
    return Answer(status="invalid", message=spec.reask)
