"""Breathing-test answers: the numbers decide when there are numbers ("FVC 62%", "dlco 65").

The criterion is FVC under 80% or DLCO under 70% of predicted (thresholds and the names people
use for each test are in criteria.yml). One value under its threshold answers "yes"; both at or
above answers "no"; one value above with the other unknown, or a volume in litres, is "unsure".
Without numbers the reply is read as a yes / no / not sure answer with the slot's phrases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.eligibility.lexicon import Lexicon, pick
from bot.eligibility.models import Answer, SlotSpec
from bot.eligibility.parsers.dates import followed_by_month
from bot.eligibility.parsers.text import find_phrase, spelled_numbers_as_digits
from bot.eligibility.parsers.yes_no import HEDGE, UNSURE, parse_yes_no, prepared

NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[.,]\d+)?)\s*(%|percent|per cent|pc)?(?:\s*(litres?|liters?|l|ml)\b)?"
)
MAX_PERCENT = 160  # above this a figure is not a percentage of predicted
# the reply speaks of every breathing test at once: "all above 90%" (French in words.yml)
ALL_TESTS = re.compile(r"\b(?:all|both|everything|every one|each)\b")
PER_CENT = re.compile(r"\b(?:pour|per) ?cent\b")
# a figure said "of" a test: "90 de cvf", "65% of fvc", "72 pour la dlco"
LINKER = re.compile(r"\s*(?:%\s*)?(?:de|d'|du|of|for|pour|sur|on)\s+(?:la\s+|le\s+|l'|the\s+|my\s+|ma\s+)?")
SPELLED_LOW = 20  # number words under this are counts ("two years ago"), never a test result


def _names(text: str, measures: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, measure) for every test name in the text, longest names first where they overlap."""
    found: list[tuple[int, int, str]] = []
    for measure, spec in measures.items():
        for name in sorted(spec.get("names", ()), key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
                if not any(s < match.end() and match.start() < e for s, e, _ in found):
                    found.append((match.start(), match.end(), measure))
    return sorted(found)


def read_values(
    text: str, measures: Mapping[str, Any], words: Lexicon | None = None
) -> tuple[dict[str, float | None], list[float]]:
    """Values per test (None: a figure we cannot use, such as litres) and figures with no test name."""
    names = _names(text, measures)
    values: dict[str, float | None] = {}
    bare: list[float] = []
    number = pick(words, "lung_number", NUMBER)
    for match in number.finditer(text):
        if followed_by_month(text, match.end(), words):
            continue  # "on the 15 december": a date, not a result
        value = float(match.group(1).replace(",", "."))
        before = [n for n in names if n[1] <= match.start()]
        after = [n for n in names if n[0] >= match.end() and n[0] - match.end() <= 3]
        linked = [n for n in names if n[0] >= match.end() and LINKER.fullmatch(text[match.end() : n[0]])]
        last_number_end = max((m.end() for m in number.finditer(text[: match.start()])), default=-1)
        owner = None
        if linked:
            owner = linked[0][2]  # "90 de cvf", "65% of fvc": the name the figure is said of
        elif before and before[-1][1] > last_number_end:
            owner = before[-1][2]  # "fvc 62", "dlco was 48"
        elif after:
            owner = after[0][2]  # "58% fvc"
        elif before:
            owner = before[-1][2]  # "fvc dropped from 90 to 72": the latest figure
        usable = match.group(3) is None and value <= MAX_PERCENT
        if owner is None:
            if usable and value >= SPELLED_LOW:  # "both 2 are above": a count, not a result
                bare.append(value)
            continue
        values[owner] = value if usable else None
    return values, bare


def _decide(
    values: dict[str, float | None], bare: list[float], measures: Mapping[str, Any], all_tests: bool = False
) -> str | None:
    """``all_tests``: the reply speaks of every test at once ("all above 90%")."""
    below = {name: float(spec["below"]) for name, spec in measures.items()}
    if any(v is not None and v < below[name] for name, v in values.items()):
        return "yes"
    if values and all(values.get(name) is not None for name in below):
        return "no"
    if values:
        return "unsure"
    if bare:
        if max(bare) < min(below.values()):
            return "yes"
        return "no" if all_tests and min(bare) >= max(below.values()) else "unsure"
    return None


def parse_lung_function(
    text: str, spec: SlotSpec, rules: Mapping[str, Any], words: Lexicon | None = None
) -> Answer:
    """Value "yes" / "no" like a yes/no slot, decided by the figures when the reply has any."""
    measures = rules.get("measures") or {}
    if words is not None:
        text = prepared(text, words)
    text = PER_CENT.sub("%", text)  # before number words: "cent" is a hundred in French
    text = spelled_numbers_as_digits(text, words, SPELLED_LOW, MAX_PERCENT)  # "fvc sixty-five percent"
    values, bare = read_values(text, measures, words)
    named_only = [n for n in measures if any(find_phrase(text, name) >= 0 for name in measures[n]["names"])]
    all_tests = bool(pick(words, "all_tests", ALL_TESTS).search(text))
    decided = _decide(values, bare, measures, all_tests)
    if decided is None:
        return parse_yes_no(text, spec, words)
    unsure = bool(pick(words, "unsure", UNSURE).search(text))
    hedged = bool(pick(words, "hedge", HEDGE).search(text)) or (unsure and not values)
    if decided == "unsure" or (hedged and not named_only):
        return Answer(status="unsure", value="unsure", hedged=True)
    return Answer(status="ok", value=decided, hedged=hedged)
