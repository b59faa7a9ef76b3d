"""Which antisynthetase antibody the blood test found, in any spelling the entity ruler knows.

A named antibody with a doubt or a "negative" next to it goes to review rather than being
guessed, and "yes" without a name counts as positive with the name left for a coordinator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.eligibility.models import Answer, SlotSpec
from bot.eligibility.parsers.entities import canonical_names
from bot.eligibility.parsers.text import normalise
from bot.eligibility.parsers.yes_no import NEGATION, UNSURE, read_yes_no

NEVER_TESTED = re.compile(
    r"\b(never (been )?tested|not (been )?tested|no test|never had (a|the|that) test|"
    r"didn'?t have (a|the|that) test|haven'?t had (a|the|that) test|not checked|never checked)\b"
)
NEGATIVE = re.compile(r"\bnegative\b")
# "j0-1", "0j": a zero typed for the letter o
ZERO_FOR_O = re.compile(r"(?<=\bj)0|(?<=\banti-j)0|(?<=\bo)0(?=j)|(?<=\b)0(?=j\b)")


def _value(result: str, names: list[str]) -> dict[str, Any]:
    return {"result": result, "names": names}


def parse_antibody(text: str, spec: SlotSpec, rules: Mapping[str, Any]) -> Answer:
    """Value: result positive / negative / unsure, and the canonical names found (e.g. ["Jo-1"])."""
    clean = ZERO_FOR_O.sub("o", normalise(text))
    if not clean:
        return Answer(status="invalid", message=spec.reask)
    accepted = tuple(rules.get("accepted", ()))
    names = canonical_names(clean, "ANTIBODY")
    known = [name for name in names if name in accepted]
    reading = read_yes_no(clean, spec.phrases)
    doubtful = bool(UNSURE.search(clean) or NEVER_TESTED.search(clean))
    if known:
        if doubtful or NEGATION.search(clean) or NEGATIVE.search(clean):
            return Answer(status="unsure", value=_value("unsure", known), hedged=True)
        return Answer(status="ok", value=_value("positive", known), hedged=reading.hedged)
    if names or doubtful:
        return Answer(status="unsure", value=_value("unsure", []), hedged=True)
    if reading.value == "no" or NEGATIVE.search(clean):
        return Answer(status="ok", value=_value("negative", []), hedged=reading.hedged)
    if reading.value == "yes":
        if reading.hedged:  # "I think so": positive is not certain, and no name to check
            return Answer(status="unsure", value=_value("unsure", []), hedged=True)
        return Answer(status="ok", value=_value("positive", []))
    if reading.value == "unsure":
        return Answer(status="unsure", value=_value("unsure", []), hedged=True)
    return Answer(status="invalid", message=spec.reask)
